// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/flowgraphview.h"

#include "core/lang/jsontext.h"
#include "ui/flowgraphitems.h"
#include "ui/graphcollapse.h"
#include "ui/graphminimap.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QGraphicsSimpleTextItem>
#include <QImage>
#include <QPainter>
#include <QScrollBar>
#include <QSvgGenerator>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace Flowdeck::Ui {

namespace {

constexpr qreal SceneMargin = 24;
constexpr qreal ZoomStep = 1.2;
constexpr qreal MinZoom = 0.05;
constexpr qreal MaxZoom = 8;
// Graphviz needs minutes for thousands of states (and a diagram that size helps nobody).
constexpr qsizetype MaxDrawnStates = 1500;
constexpr int MinimapMargin = 10;
constexpr QSize MinimapMaxSize(220, 260);

} // namespace

FlowGraphView::FlowGraphView(QWidget *parent)
    : QGraphicsView(parent)
    , m_scene(new QGraphicsScene(this))
    , m_style(std::make_shared<FlowGraphStyle>())
    , m_minimap(nullptr)
    , m_latest(std::make_shared<std::atomic<quint64>>(0))
{
    setScene(m_scene);
    // A child of the scroll area, not of the viewport, which scrolls its children along.
    m_minimap = new GraphMinimap(this, this);
    m_minimap->hide();
    setDragMode(ScrollHandDrag);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setTransformationAnchor(AnchorUnderMouse);
    setResizeAnchor(AnchorViewCenter);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Flow graph"));
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &FlowGraphView::onSelectionChanged);
    m_style->update(palette(), font());
    m_scene->setBackgroundBrush(m_style->base);
    // Zooming, resizing and new layouts all change how much of the scene fits: the scroll ranges say so.
    for (QScrollBar *bar : {horizontalScrollBar(), verticalScrollBar()})
        connect(bar, &QScrollBar::rangeChanged, this, &FlowGraphView::updateMinimap);
}

FlowGraphView::~FlowGraphView()
{
    // The scene is a child: QWidget deletes it after this object's members are gone, and deleting its
    // selected items would call onSelectionChanged() on them.
    disconnect(m_scene, nullptr, this, nullptr);
}

void FlowGraphView::setDefinition(const QJsonObject &definition)
{
    startLayout([definition] { return buildFlowGraph(definition); });
}

void FlowGraphView::setDefinition(const JsonText &text)
{
    startLayout([text] { return buildFlowGraph(text); });
}

void FlowGraphView::clear()
{
    startLayout([] { return FlowGraph(); });
}

bool FlowGraphView::isLayoutPending() const
{
    return m_applied != m_latest->load();
}

void FlowGraphView::relayout()
{
    if (m_build)
        startLayout(m_build);
}

void FlowGraphView::startLayout(std::function<FlowGraph()> build)
{
    m_build = build;
    const quint64 generation = ++*m_latest;
    auto *watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_latest->load()) // a newer definition is on its way: this one is outdated
            apply(watcher->future().takeResult());
    });
    watcher->setFuture(
        QtConcurrent::run([build = std::move(build), collapsed = m_collapsed, latest = m_latest, generation,
                           shownGraph = m_graph, shownCollapsed = m_shownCollapsed, hasScene = !m_nodes.isEmpty()] {
            Result result;
            if (generation != latest->load()) // superseded while queued; nobody will look at it
                return result;
            result.graph = build();
            result.collapsed = collapsed;
            // Typing inside a value (a message, a parameter) leaves the diagram as it is: keep the scene.
            if (hasScene && result.graph == shownGraph && collapsed == shownCollapsed) {
                result.unchanged = true;
                return result;
            }
            if (result.graph.nodes.size() > MaxDrawnStates) {
                result.layout.error = tr("this flow has %1 states; diagrams are drawn for flows of up to %2 states "
                                         "(the editor, Problems and deployment work at any size)")
                                          .arg(result.graph.nodes.size())
                                          .arg(MaxDrawnStates);
                return result;
            }
            CollapsedGraph shown = collapseBranches(result.graph, collapsed);
            result.shown = std::move(shown.graph);
            result.placeholders = std::move(shown.placeholders);
            result.hiddenCounts = std::move(shown.hiddenCounts);
            result.layout = layoutGraph(result.shown);
            return result;
        }));
}

void FlowGraphView::apply(const Result &result)
{
    m_applied = m_latest->load();
    if (result.unchanged) {
        emit layoutFinished();
        return;
    }
    m_shownCollapsed = result.collapsed;
    m_graph = result.graph;
    m_shown = result.shown;
    m_placeholders = result.placeholders;
    m_hiddenCounts = result.hiddenCounts;
    m_layout = result.layout;
    if (!m_graph.isEmpty()) // a renamed or deleted Choice is no longer collapsed
        m_collapsed.removeIf([this](const QString &name) {
            const int index = m_graph.indexOf(name);
            return index < 0 || m_graph.nodes.at(index).type != StateType::Choice;
        });
    cancelConnect();
    m_nodes.clear();
    m_syncingSelection = true; // deleting the selected item is not the user choosing nothing
    m_scene->clear();
    m_syncingSelection = false;
    if (!m_layout.isValid()) {
        showMessage(tr("The diagram could not be drawn: %1").arg(m_layout.error));
    } else if (m_graph.isEmpty()) {
        showMessage(tr("No states to show"));
    } else {
        addEdges();
        addNodes();
        addStartMarker();
        m_scene->setSceneRect(m_layout.bounds.adjusted(-SceneMargin, -SceneMargin, SceneMargin, SceneMargin));
    }
    restyle();
    if (m_nodes.contains(m_selected))
        selectState(m_selected);
    if (m_autoFit)
        fitAll();
    updateMinimap();
    updateAccessibleDescription();
    emit layoutFinished();
}

void FlowGraphView::addNodes()
{
    for (qsizetype i = 0; i < m_shown.nodes.size(); ++i) {
        const FlowNode &node = m_shown.nodes.at(i);
        if (const QString choice = m_placeholders.value(int(i)); !choice.isEmpty()) {
            m_scene->addItem(new FlowGraphPlaceholderItem(choice, node.name, m_layout.nodes.at(i), m_style));
            continue;
        }
        auto *item = new FlowGraphNodeItem(node, m_layout.nodes.at(i), m_style);
        item->setHiddenCount(m_hiddenCounts.value(node.name));
        m_scene->addItem(item);
        m_nodes.insert(node.name, item);
    }
}

void FlowGraphView::addEdges()
{
    for (qsizetype i = 0; i < m_shown.edges.size(); ++i) {
        const FlowEdge &edge = m_shown.edges.at(i);
        const EdgeGeometry &geometry = m_layout.edges.at(i);
        const FlowNode &from = m_shown.nodes.at(edge.from);
        const FlowNode &to = m_shown.nodes.at(edge.to);
        auto *item = new FlowGraphEdgeItem(geometry, edge, from.name, to.isMissing(), m_style);
        item->setFlag(QGraphicsItem::ItemIsSelectable, m_editable);
        m_scene->addItem(item);
        if (geometry.isStub())
            m_scene->addItem(new FlowGraphStubItem(to, edge, from.name, geometry.stubRect, m_style));
    }
}

void FlowGraphView::addStartMarker()
{
    if (m_layout.startMarker.isNull())
        return;
    m_scene->addItem(new FlowGraphEdgeItem(m_layout.startEdge, FlowEdge(), QString(), false, m_style));
    const QRectF dot = m_layout.startMarker.adjusted(1, 1, -1, -1);
    auto *marker = m_scene->addEllipse(dot, Qt::NoPen, m_style->text);
    marker->setToolTip(tr("Start"));
    marker->setData(ItemRole, u"start"_s);
}

void FlowGraphView::showMessage(const QString &text)
{
    auto *item = m_scene->addSimpleText(text, m_style->nameFont);
    item->setBrush(m_style->text);
    m_scene->setSceneRect(item->boundingRect().adjusted(-SceneMargin, -SceneMargin, SceneMargin, SceneMargin));
}

void FlowGraphView::restyle()
{
    m_style->update(palette(), font());
    m_scene->setBackgroundBrush(m_style->base);
    for (FlowGraphNodeItem *item : std::as_const(m_nodes)) {
        const QString &name = item->node().name;
        std::optional<StateRunStatus> status;
        if (!m_statuses.isEmpty())
            status = m_statuses.value(name, StateRunStatus::NotRun);
        item->restyle(status, name == m_current);
    }
    for (QGraphicsItem *item : m_scene->items())
        if (item->data(ItemRole).toString() == "start"_L1)
            static_cast<QGraphicsEllipseItem *>(item)->setBrush(m_style->text);
    m_scene->update();
}

void FlowGraphView::selectState(const QString &name)
{
    m_selected = name;
    m_syncingSelection = true;
    m_scene->clearSelection();
    if (FlowGraphNodeItem *item = m_nodes.value(name)) {
        item->setSelected(true);
        ensureVisible(item, 40, 40);
    } else if (const int index = m_graph.indexOf(name); index >= 0 && !m_collapsed.isEmpty()) {
        // A state hidden in a collapsed branch: open the branches that hide it; the selection is
        // applied once the diagram is redrawn.
        const QSet<QString> collapsed = m_collapsed;
        for (const QString &choice : collapsed)
            if (dominatedBy(m_graph, m_graph.indexOf(choice)).contains(index))
                setBranchCollapsed(choice, false);
    }
    m_syncingSelection = false;
}

QString FlowGraphView::selectedState() const
{
    const QList<QGraphicsItem *> selected = m_scene->selectedItems();
    return selected.isEmpty() || !m_nodes.contains(m_selected) ? QString() : m_selected;
}

void FlowGraphView::onSelectionChanged()
{
    if (m_syncingSelection)
        return;
    const QList<QGraphicsItem *> selected = m_scene->selectedItems();
    if (selected.isEmpty()) {
        m_selected.clear();
        return;
    }
    const QString role = selected.first()->data(ItemRole).toString();
    if (role == "edge"_L1) { // an edge is picked for its context menu; it is no state
        m_selected.clear();
        return;
    }
    const QString name = selected.first()->data(ItemName).toString();
    m_selected = name;
    if (role == "stub"_L1) // a stub stands for its target: go there
        selectState(name);
    emit stateSelected(name);
}

void FlowGraphView::setStateStatus(const QHash<QString, StateRunStatus> &statuses)
{
    m_statuses = statuses;
    restyle();
}

void FlowGraphView::setCurrentState(const QString &name)
{
    m_current = name;
    restyle();
}

void FlowGraphView::zoomIn()
{
    scaleBy(ZoomStep);
}

void FlowGraphView::zoomOut()
{
    scaleBy(1 / ZoomStep);
}

qreal FlowGraphView::zoom() const
{
    return transform().m11();
}

void FlowGraphView::scaleBy(qreal factor)
{
    setZoom(zoom() * factor);
}

void FlowGraphView::setZoom(qreal factor)
{
    const qreal target = std::clamp(factor, MinZoom, MaxZoom);
    scale(target / zoom(), target / zoom());
    m_autoFit = false;
    updateMinimap();
}

void FlowGraphView::fitAll()
{
    m_autoFit = true;
    const QRectF rect = m_scene->sceneRect();
    if (rect.isEmpty())
        return;
    fitInView(rect, Qt::KeepAspectRatio);
    if (zoom() > 1.0) { // small flows stay at natural size rather than blown up
        resetTransform();
        centerOn(rect.center());
    }
    updateMinimap();
}

bool FlowGraphView::isMinimapVisible() const
{
    return m_minimap->isVisibleTo(this);
}

void FlowGraphView::updateMinimap()
{
    const QRectF scene = m_scene->sceneRect();
    const QRect viewportRect = viewport()->rect();
    const QRectF shown = mapFromScene(scene).boundingRect();
    // A pixel or two of rounding must not bring up an overview of what is already all on screen.
    const bool fits = shown.width() <= viewportRect.width() + 2 && shown.height() <= viewportRect.height() + 2;
    if (fits || m_shown.isEmpty() || scene.isEmpty()) {
        m_minimap->hide();
        return;
    }
    // Tall flows get a taller overview rather than a sliver; nothing takes more than a third.
    const QSize box = MinimapMaxSize.boundedTo(QSize(viewportRect.width() / 4, viewportRect.height() / 3));
    const QSize size = scene.size().scaled(box, Qt::KeepAspectRatio).toSize().expandedTo(QSize(40, 40));
    const QRect area = viewport()->geometry();
    m_minimap->setGeometry(QRect(area.bottomRight() - QPoint(size.width(), size.height()) -
                                     QPoint(MinimapMargin, MinimapMargin) + QPoint(1, 1),
                                 size));
    m_minimap->show();
    m_minimap->raise();
    m_minimap->refresh();
}

void FlowGraphView::wheelEvent(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier)) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    scaleBy(std::pow(ZoomStep, event->angleDelta().y() / 120.0));
    event->accept();
}

void FlowGraphView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_autoFit)
        fitAll();
    updateMinimap();
}

void FlowGraphView::changeEvent(QEvent *event)
{
    QGraphicsView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        restyle();
}

void FlowGraphView::updateAccessibleDescription()
{
    qsizetype unreachable = 0;
    for (const FlowNode &node : std::as_const(m_graph.nodes))
        unreachable += node.reachable ? 0 : 1;
    setAccessibleDescription(tr("%n state(s)", nullptr, int(m_graph.nodes.size())) +
                             (unreachable ? tr(", %n unreachable", nullptr, int(unreachable)) : QString()));
}

QAbstractGraphicsShapeItem *FlowGraphView::nodeItem(const QString &name) const
{
    return m_nodes.value(name);
}

QGraphicsItem *FlowGraphView::edgeItem(const QString &from, EdgeKind kind, int index) const
{
    for (QGraphicsItem *item : m_scene->items())
        if (item->type() == FlowGraphEdgeItem::Type && item->data(ItemFrom).toString() == from &&
            item->data(ItemKind).toInt() == int(kind) && item->data(ItemIndex).toInt() == index)
            return item;
    return nullptr;
}

QAbstractGraphicsShapeItem *FlowGraphView::placeholderItem(const QString &choice) const
{
    for (QGraphicsItem *item : m_scene->items())
        if (item->type() == FlowGraphPlaceholderItem::Type && item->data(ItemName).toString() == choice)
            return static_cast<FlowGraphPlaceholderItem *>(item);
    return nullptr;
}

void FlowGraphView::renderTo(QPainter *painter, const QRectF &target) const
{
    painter->setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    m_scene->render(painter, target, m_scene->sceneRect());
}

bool FlowGraphView::exportSvg(const QString &path) const
{
    const QSizeF size = m_scene->sceneRect().size();
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(size.toSize());
    generator.setViewBox(QRectF(QPointF(), size));
    generator.setTitle(tr("Flow graph"));
    QPainter painter;
    if (size.isEmpty() || !painter.begin(&generator))
        return false;
    renderTo(&painter, QRectF(QPointF(), size));
    return painter.end() && QFileInfo(path).size() > 0;
}

bool FlowGraphView::exportPng(const QString &path, qreal scale) const
{
    const QSize size = (m_scene->sceneRect().size() * scale).toSize();
    if (size.isEmpty())
        return false;
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(m_style->base);
    QPainter painter(&image);
    renderTo(&painter, QRectF(QPointF(), QSizeF(size)));
    painter.end();
    return image.save(path, "PNG");
}

} // namespace Flowdeck::Ui
