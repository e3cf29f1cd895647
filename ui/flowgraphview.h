// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/flowgraph.h"
#include "core/lang/graphlayout.h"

#include <QGraphicsView>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

class QAbstractGraphicsShapeItem;

namespace Flowdeck::Core::Lang {
class JsonText;
}

namespace Flowdeck::Ui {

// How far a run got in a state, as the run monitor colours it.
enum class StateRunStatus { NotRun, Running, Succeeded, Failed, Caught };

class FlowGraphNodeItem;
struct FlowGraphStyle;

// A flow definition drawn as a diagram: states shaped and coloured by type, transitions with their
// labels, run statuses on top. GUI thread; building and laying out the graph run on the global
// thread pool, and each applied layout ends with layoutFinished() (results of older definitions
// are dropped). stateSelected() follows user clicks only, never selectState().
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

    bool exportSvg(const QString &path) const;
    bool exportPng(const QString &path, qreal scale = 2.0) const;

    // The item drawing a state (for tests and for callers that want to centre on it); null if none.
    QAbstractGraphicsShapeItem *nodeItem(const QString &name) const;

signals:
    void stateSelected(const QString &name);
    void layoutFinished();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Result
    {
        Core::Lang::FlowGraph graph;
        Core::Lang::GraphLayout layout;
    };

    void startLayout(std::function<Core::Lang::FlowGraph()> build);
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

    QGraphicsScene *m_scene;
    std::shared_ptr<FlowGraphStyle> m_style;
    Core::Lang::FlowGraph m_graph;
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
};

} // namespace Flowdeck::Ui
