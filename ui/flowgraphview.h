// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/flowgraph.h"
#include "core/lang/graphlayout.h"

#include <QGraphicsView>
#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

class QAbstractGraphicsShapeItem;
class QGraphicsLineItem;
class QMenu;

namespace Flowdeck::Core::Lang {
class JsonText;
}

namespace Flowdeck::Ui {

// How far a run got in a state, as the run monitor colours it.
enum class StateRunStatus { NotRun, Running, Succeeded, Failed, Caught };

class FlowGraphNodeItem;
class GraphMinimap;
struct FlowGraphStyle;

// A flow definition drawn as a diagram: states shaped and coloured by type, transitions with their
// labels, run statuses on top, a minimap when it does not fit. GUI thread; building and laying out
// the graph run on the global thread pool, and each applied layout ends with layoutFinished()
// (results of older definitions are dropped). stateSelected() follows user clicks only, never
// selectState(). An editable view never changes the definition itself: it emits …Requested()
// signals, synchronously from the user's gesture, and the owner sets the edited definition back.
class FlowGraphView final : public QGraphicsView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlowGraphView)

public:
    explicit FlowGraphView(QWidget *parent = nullptr);
    ~FlowGraphView() override;

    void setDefinition(const QJsonObject &definition);
    void setDefinition(const Core::Lang::JsonText &text); // keeps the author's state order
    void clear();
    bool isLayoutPending() const;
    const Core::Lang::FlowGraph &graph() const { return m_graph; }

    // Selection sync with the editor and the monitor; names that are not states clear the selection.
    void selectState(const QString &name);
    QString selectedState() const;

    // Run monitor overlay. States absent from a non-empty map count as NotRun; an empty map shows the
    // plain diagram again.
    void setStateStatus(const QHash<QString, StateRunStatus> &statuses);
    void setCurrentState(const QString &name);

    void zoomIn();
    void zoomOut();
    void fitAll(); // the whole flow, never magnified beyond 100 %
    qreal zoom() const;

    void setZoom(qreal factor); // 1.0 is 100 %

    // Editing gestures (off by default): connecting by Shift-drag or the selected state's handle,
    // F2/Delete/double-click, context menus and template drops.
    void setEditable(bool editable);
    bool isEditable() const { return m_editable; }
    // The context menu a right-click at pos (viewport coordinates) opens; null when not editable.
    // The caller owns it. Public so tests can trigger its actions.
    QMenu *contextMenuAt(const QPoint &pos);

    // Folds away the states only this Choice leads to (shown as one "… N states" node). Kept across
    // setDefinition() while the Choice exists; definitions that draw nothing leave it alone.
    void setBranchCollapsed(const QString &choice, bool collapsed);
    bool isBranchCollapsed(const QString &choice) const { return m_collapsed.contains(choice); }

    bool isMinimapVisible() const;
    GraphMinimap *minimap() const { return m_minimap; }

    bool exportSvg(const QString &path) const;
    bool exportPng(const QString &path, qreal scale = 2.0) const;

    // The item drawing a state (for tests and for callers that want to centre on it); null if none.
    QAbstractGraphicsShapeItem *nodeItem(const QString &name) const;
    // The item drawing a transition (the edge of from with that kind and index); null if none.
    QGraphicsItem *edgeItem(const QString &from, Core::Lang::EdgeKind kind, int index = -1) const;
    // The "… N states" node standing for a collapsed Choice's branches; null if none.
    QAbstractGraphicsShapeItem *placeholderItem(const QString &choice) const;

signals:
    void stateSelected(const QString &name);
    void layoutFinished();

    void renameRequested(const QString &state);
    void deleteRequested(const QString &state);
    // kind Next: from's Next; Default: a Choice's Default; ChoiceRule index i: rule i; Catch index i:
    // catcher i, or with index -1 a new catcher (States.ALL) going to `to`.
    void connectRequested(const QString &from, Flowdeck::Core::Lang::EdgeKind kind, int index, const QString &to);
    // A new state from a template (core/lang/statetemplates.h), after connectFrom (may be empty).
    void addStateRequested(const QString &templateId, const QString &connectFrom);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    struct Result
    {
        Core::Lang::FlowGraph graph; // as defined
        Core::Lang::FlowGraph shown; // without collapsed branches, index-aligned with layout
        QHash<int, QString> placeholders;
        QHash<QString, int> hiddenCounts;
        Core::Lang::GraphLayout layout;
        bool unchanged = false;  // the same diagram as the one shown: nothing to redraw
        QSet<QString> collapsed; // the branches collapsed in it
    };

    void startLayout(std::function<Core::Lang::FlowGraph()> build);
    void relayout();
    void apply(const Result &result);
    void addNodes();
    void addEdges();
    void addStartMarker();
    void showMessage(const QString &text);
    void restyle();
    void scaleBy(qreal factor);
    void onSelectionChanged();
    void updateAccessibleDescription();
    void renderTo(QPainter *painter, const QRectF &target) const;
    void updateMinimap();

    // Editing (flowgraphedit.cpp).
    FlowGraphNodeItem *nodeAt(const QPoint &pos) const;
    QGraphicsItem *menuItemAt(const QPoint &pos) const;
    bool editKey(QKeyEvent *event);
    void setHoverTarget(const QString &name);
    QString connectSourceAt(const QPoint &pos, Qt::KeyboardModifiers modifiers) const;
    void finishConnect(const QPoint &pos);
    void cancelConnect();
    QMenu *nodeMenu(const FlowGraphNodeItem *item);
    QMenu *edgeMenu(const QGraphicsItem *item);
    QMenu *backgroundMenu();
    void addStateMenu(QMenu *menu, const QString &title, const QString &connectFrom);
    void addTargetMenu(QMenu *menu, const QString &title, const QString &from, Core::Lang::EdgeKind kind, int index);
    bool acceptsDrag(const QDropEvent *event) const;

    QGraphicsScene *m_scene;
    std::shared_ptr<FlowGraphStyle> m_style;
    GraphMinimap *m_minimap;
    std::function<Core::Lang::FlowGraph()> m_build; // the current definition, to lay out again
    Core::Lang::FlowGraph m_graph;
    Core::Lang::FlowGraph m_shown;
    QHash<int, QString> m_placeholders;
    QHash<QString, int> m_hiddenCounts;
    QSet<QString> m_collapsed;
    QSet<QString> m_shownCollapsed; // those collapsed in the scene as drawn
    Core::Lang::GraphLayout m_layout;
    QHash<QString, FlowGraphNodeItem *> m_nodes;
    QHash<QString, StateRunStatus> m_statuses;
    QString m_current;
    QString m_selected;
    // The newest request; shared with the workers so that queued, outdated requests skip their work.
    std::shared_ptr<std::atomic<quint64>> m_latest;
    quint64 m_applied = 0;
    bool m_autoFit = true;
    bool m_syncingSelection = false;
    bool m_editable = false;
    QString m_connectFrom; // while dragging a new transition
    QGraphicsLineItem *m_connectLine = nullptr;
    QString m_hoverTarget; // highlighted under a connect drag or a template drop
};

} // namespace Flowdeck::Ui
