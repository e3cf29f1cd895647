// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/flowgraph.h"
#include "core/lang/graphlayout.h"

#include <QColor>
#include <QFont>
#include <QGraphicsPathItem>
#include <QPainterPath>
#include <QPolygonF>

#include <memory>
#include <optional>

class QPalette;

namespace Flowdeck::Ui {

enum class StateRunStatus;

// The colour a state type is drawn in (the palette uses it too).
QColor stateHue(Core::Lang::StateType type);

// Palette-derived colours and fonts, shared by every item of a view and refreshed on palette changes.
struct FlowGraphStyle
{
    QColor base, text, edge, highlight, error;
    bool dark = false;
    bool editable = false; // selected states show a connector handle
    QFont nameFont, captionFont, labelFont;

    void update(const QPalette &palette, const QFont &font);
};

// What the items of a flow graph scene carry in QGraphicsItem::data(), for the view and for tests.
enum FlowGraphItemData {
    ItemName = 0,  // the state a node or stub stands for; the Choice of a placeholder
    ItemRole = 1,  // "stub", "start", "edge" or "collapsed"; empty for states
    ItemFrom = 2,  // edges and stubs: the state the transition leaves
    ItemKind = 3,  // edges and stubs: int(EdgeKind)
    ItemIndex = 4, // edges and stubs: the rule or catcher index, or -1
};

// One state: its shape, name and caption, end-state double border, selection ring, the connector
// handle of an editable view and the "+N states" badge of a collapsed Choice.
class FlowGraphNodeItem final : public QGraphicsPathItem
{
public:
    enum { Type = UserType + 1 };

    FlowGraphNodeItem(const Core::Lang::FlowNode &node, const QRectF &rect, std::shared_ptr<FlowGraphStyle> style);

    int type() const override { return Type; }
    const Core::Lang::FlowNode &node() const { return m_node; }
    // Whether transitions can start here: states with a Next (not Succeed, Fail or missing ones).
    bool canConnectFrom() const;
    void setHiddenCount(int count);
    int hiddenCount() const { return m_hidden; }
    QRectF handleRect() const;             // in item coordinates, on the bottom edge
    void setHighlighted(bool highlighted); // the target of a transition or drop being dragged

    void restyle(std::optional<StateRunStatus> status, bool current);
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override;

private:
    void paintText(QPainter *painter, const QRectF &r) const;
    QRectF badgeRect() const;
    QString badgeText() const;

    Core::Lang::FlowNode m_node;
    std::shared_ptr<FlowGraphStyle> m_style;
    int m_hidden = 0;
    bool m_highlighted = false;
};

// One transition: its curve, arrowhead and label. Selectable (for its context menu) only in an
// editable view; otherwise drags on it pan the view.
class FlowGraphEdgeItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };

    // from is the source state's name; empty for the start marker's edge.
    FlowGraphEdgeItem(const Core::Lang::EdgeGeometry &geometry, const Core::Lang::FlowEdge &edge, const QString &from,
                      bool toMissing, std::shared_ptr<FlowGraphStyle> style);

    int type() const override { return Type; }
    const QPainterPath &path() const { return m_path; }
    QRectF boundingRect() const override { return m_bounds; }
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override;

private:
    static QPolygonF arrowHead(const QPointF &base, const QPointF &tip);
    QColor colourOf() const;
    void paintLabel(QPainter *painter, const QColor &colour) const;

    Core::Lang::EdgeKind m_kind;
    bool m_toMissing;
    QString m_labelText;
    QRectF m_labelRect;
    QPainterPath m_path;
    QPolygonF m_arrow;
    QRectF m_bounds;
    std::shared_ptr<FlowGraphStyle> m_style;
};

// The end of a transition too long to draw in full: "→ Target"; clicking it goes to the target.
class FlowGraphStubItem final : public QGraphicsPathItem
{
public:
    enum { Type = UserType + 3 };

    FlowGraphStubItem(const Core::Lang::FlowNode &target, const Core::Lang::FlowEdge &edge, const QString &from,
                      const QRectF &rect, std::shared_ptr<FlowGraphStyle> style);

    int type() const override { return Type; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override;

private:
    QString m_text;
    bool m_missing;
    std::shared_ptr<FlowGraphStyle> m_style;
};

// The states a collapsed Choice hides, as one node: "… N states"; double-click expands them.
class FlowGraphPlaceholderItem final : public QGraphicsPathItem
{
public:
    enum { Type = UserType + 4 };

    FlowGraphPlaceholderItem(const QString &choice, const QString &text, const QRectF &rect,
                             std::shared_ptr<FlowGraphStyle> style);

    int type() const override { return Type; }
    QRectF boundingRect() const override { return QGraphicsPathItem::boundingRect().adjusted(-2, -2, 6, 6); }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override;

private:
    QString m_text;
    std::shared_ptr<FlowGraphStyle> m_style;
};

} // namespace Flowdeck::Ui
