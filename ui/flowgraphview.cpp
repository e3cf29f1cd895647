// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/flowgraphview.h"

#include "core/lang/jsontext.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QGraphicsPathItem>
#include <QGraphicsSimpleTextItem>
#include <QImage>
#include <QKeyEvent>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <QSvgGenerator>
#include <QUrl>
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

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

QColor hueOf(StateType type)
{
    switch (type) {
    case StateType::Action:
        return {0x2f, 0x6f, 0xd6};
    case StateType::Pass:
        return {0x64, 0x74, 0x8b};
    case StateType::Choice:
        return {0xd0, 0x87, 0x00};
    case StateType::Wait:
        return {0x7c, 0x4d, 0xff};
    case StateType::Fail:
    case StateType::Missing:
        return {0xd6, 0x3a, 0x3a};
    case StateType::Succeed:
        return {0x2e, 0x9d, 0x57};
    case StateType::ExpressionEval:
        return {0x0f, 0x94, 0x88};
    case StateType::Unknown:
        break;
    }
    return {0x88, 0x88, 0x88};
}

QColor statusHue(StateRunStatus status)
{
    switch (status) {
    case StateRunStatus::Running:
        return {0x1e, 0x88, 0xe5};
    case StateRunStatus::Succeeded:
        return {0x2e, 0x9d, 0x57};
    case StateRunStatus::Failed:
        return {0xd6, 0x3a, 0x3a};
    case StateRunStatus::Caught:
        return {0xf0, 0x8c, 0x00};
    case StateRunStatus::NotRun:
        break;
    }
    return {0x88, 0x88, 0x88};
}

QPainterPath shapePath(StateType type, const QRectF &r)
{
    QPainterPath path;
    switch (type) {
    case StateType::Choice:
        path.addPolygon(QPolygonF{QPointF(r.center().x(), r.top()), QPointF(r.right(), r.center().y()),
                                  QPointF(r.center().x(), r.bottom()), QPointF(r.left(), r.center().y())});
        path.closeSubpath();
        break;
    case StateType::Wait: { // an octagon: cut corners read as "a pause" next to rectangles
        const qreal cut = 9;
        path.addPolygon(QPolygonF{{r.left() + cut, r.top()},
                                  {r.right() - cut, r.top()},
                                  {r.right(), r.top() + cut},
                                  {r.right(), r.bottom() - cut},
                                  {r.right() - cut, r.bottom()},
                                  {r.left() + cut, r.bottom()},
                                  {r.left(), r.bottom() - cut},
                                  {r.left(), r.top() + cut}});
        path.closeSubpath();
        break;
    }
    case StateType::Succeed:
    case StateType::Fail:
        path.addRoundedRect(r, r.height() / 2, r.height() / 2);
        break;
    case StateType::Action:
        path.addRoundedRect(r, 10, 10);
        break;
    default:
        path.addRoundedRect(r, 2, 2);
    }
    return path;
}

QString captionOf(const FlowNode &node)
{
    if (node.isMissing())
        return FlowGraphView::tr("missing state");
    if (node.type == StateType::Action && !node.actionUrl.isEmpty()) {
        const QString host = QUrl(node.actionUrl).host();
        return host.isEmpty() ? node.actionUrl : host;
    }
    return node.typeName.isEmpty() ? FlowGraphView::tr("no Type") : node.typeName;
}

QString statusText(StateRunStatus status)
{
    switch (status) {
    case StateRunStatus::Running:
        return FlowGraphView::tr("running");
    case StateRunStatus::Succeeded:
        return FlowGraphView::tr("succeeded");
    case StateRunStatus::Failed:
        return FlowGraphView::tr("failed");
    case StateRunStatus::Caught:
        return FlowGraphView::tr("failed, caught");
    case StateRunStatus::NotRun:
        break;
    }
    return FlowGraphView::tr("not run");
}

} // namespace

// Palette-derived colours and fonts, shared by every item of a view and refreshed on palette changes.
struct FlowGraphStyle
{
    QColor base, text, edge, highlight, error;
    bool dark = false;
    QFont nameFont, captionFont, labelFont;

    void update(const QPalette &palette, const QFont &font)
    {
        base = palette.color(QPalette::Base);
        text = palette.color(QPalette::Text);
        highlight = palette.color(QPalette::Highlight);
        dark = base.lightness() < 128;
        edge = mix(base, text, dark ? 0.6 : 0.55);
        error = dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc9, 0x2a, 0x2a);
        // Pixel sizes in scene units (points): the layout reserved about 7 pt per character.
        nameFont = font;
        nameFont.setPixelSize(12);
        nameFont.setBold(true);
        captionFont = font;
        captionFont.setPixelSize(10);
        labelFont = font;
        labelFont.setPixelSize(10);
    }
};

// One state: its shape, name and caption, end-state double border and selection ring.
class FlowGraphNodeItem final : public QGraphicsPathItem
{
public:
    FlowGraphNodeItem(const FlowNode &node, const QRectF &rect, std::shared_ptr<FlowGraphStyle> style)
        : m_node(node)
        , m_style(std::move(style))
    {
        setPos(rect.center());
        setPath(shapePath(node.type, QRectF(-rect.width() / 2, -rect.height() / 2, rect.width(), rect.height())));
        setFlag(ItemIsSelectable);
        setCursor(Qt::PointingHandCursor);
        setZValue(1);
        setData(0, node.name);
    }

    const FlowNode &node() const { return m_node; }

    void restyle(std::optional<StateRunStatus> status, bool current)
    {
        const FlowGraphStyle &s = *m_style;
        const QColor hue = status ? statusHue(*status) : hueOf(m_node.type);
        const bool notRun = status == StateRunStatus::NotRun;
        QColor border = notRun ? mix(s.base, s.text, 0.35) : mix(hue, s.text, s.dark ? 0.15 : 0.2);
        if (m_node.isMissing())
            border = s.error;
        QPen pen(current ? s.highlight : border, current ? 4 : (status && !notRun ? 2.2 : 1.5));
        if (m_node.isMissing() || !m_node.reachable)
            pen.setStyle(Qt::DashLine);
        setPen(pen);
        setBrush(notRun ? s.base : mix(s.base, hue, s.dark ? 0.32 : (m_node.isMissing() ? 0.22 : 0.14)));
        setOpacity(m_node.reachable ? 1.0 : 0.55);
        QString tip = u"<b>%1</b><br>%2"_s.arg(m_node.name.toHtmlEscaped(), captionOf(m_node).toHtmlEscaped());
        if (!m_node.reachable)
            tip += u"<br>"_s + FlowGraphView::tr("unreachable: no state leads here");
        if (status)
            tip += u"<br>"_s + statusText(*status);
        setToolTip(tip);
        update();
    }

    QRectF boundingRect() const override { return QGraphicsPathItem::boundingRect().adjusted(-6, -6, 6, 6); }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(pen());
        painter->setBrush(brush());
        painter->drawPath(path());
        const QRectF r = path().boundingRect();
        if (m_node.isEnd) {
            painter->setPen(QPen(pen().color(), 1.2));
            painter->setBrush(Qt::NoBrush);
            painter->drawPath(shapePath(m_node.type, r.adjusted(4, 4, -4, -4)));
        }
        paintText(painter, r);
        if (isSelected()) {
            painter->setPen(QPen(m_style->highlight, 2));
            painter->setBrush(Qt::NoBrush);
            painter->drawRoundedRect(r.adjusted(-4, -4, 4, 4), 6, 6);
        }
    }

private:
    void paintText(QPainter *painter, const QRectF &r) const
    {
        // Inside a diamond only the middle band is free.
        const qreal inset = m_node.type == StateType::Choice ? r.width() * 0.2 : 10;
        const QRectF line(r.left() + inset, r.center().y() - 15, r.width() - 2 * inset, 16);
        painter->setPen(m_node.isMissing() ? m_style->error : m_style->text);
        painter->setFont(m_style->nameFont);
        const QFontMetricsF name(m_style->nameFont);
        painter->drawText(line, Qt::AlignCenter, name.elidedText(m_node.name, Qt::ElideRight, line.width()));
        const qreal captionInset = m_node.type == StateType::Choice ? r.width() * 0.3 : 10;
        const QRectF below(r.left() + captionInset, r.center().y() + 2, r.width() - 2 * captionInset, 12);
        painter->setPen(mix(m_style->text, m_style->base, 0.3));
        painter->setFont(m_style->captionFont);
        const QFontMetricsF caption(m_style->captionFont);
        painter->drawText(below, Qt::AlignCenter,
                          caption.elidedText(captionOf(m_node), Qt::ElideMiddle, below.width()));
    }

    FlowNode m_node;
    std::shared_ptr<FlowGraphStyle> m_style;
};

namespace {

// One transition: its curve, arrowhead and label. Not clickable, so drags on it pan the view.
class EdgeItem final : public QGraphicsItem
{
public:
    EdgeItem(const EdgeGeometry &geometry, const FlowEdge &edge, bool toMissing, std::shared_ptr<FlowGraphStyle> style)
        : m_kind(edge.kind)
        , m_toMissing(toMissing)
        , m_labelText(geometry.labelText)
        , m_labelRect(geometry.labelRect)
        , m_style(std::move(style))
    {
        const QList<QPointF> &b = geometry.bezier;
        if (!b.isEmpty())
            m_path.moveTo(b.first());
        for (qsizetype i = 1; i + 2 < b.size(); i += 3)
            m_path.cubicTo(b.at(i), b.at(i + 1), b.at(i + 2));
        if (geometry.hasArrow && !b.isEmpty())
            m_arrow = arrowHead(b.last(), geometry.arrowTip);
        m_bounds = (m_path.boundingRect() | m_arrow.boundingRect() | m_labelRect).adjusted(-4, -4, 4, 4);
        if (!edge.label.isEmpty())
            setToolTip(edge.label);
    }

    QRectF boundingRect() const override { return m_bounds; }

    QPainterPath shape() const override
    {
        QPainterPathStroker stroker;
        stroker.setWidth(8);
        QPainterPath shape = stroker.createStroke(m_path);
        shape.addRect(m_labelRect);
        return shape;
    }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        const QColor colour = colourOf();
        painter->setRenderHint(QPainter::Antialiasing);
        QPen pen(colour, 1.4);
        if (m_kind == EdgeKind::Default || m_kind == EdgeKind::Catch)
            pen.setStyle(Qt::DashLine);
        painter->strokePath(m_path, pen);
        painter->setPen(Qt::NoPen);
        painter->setBrush(colour);
        painter->drawPolygon(m_arrow);
        if (!m_labelText.isEmpty())
            paintLabel(painter, colour);
    }

private:
    static QPolygonF arrowHead(const QPointF &base, const QPointF &tip)
    {
        const QLineF axis(base, tip);
        if (axis.length() < 0.5)
            return {};
        const QPointF side = QPointF(-axis.dy(), axis.dx()) * 0.38;
        return {tip, base + side, base - side};
    }

    QColor colourOf() const
    {
        const FlowGraphStyle &s = *m_style;
        if (m_toMissing)
            return s.error;
        if (m_kind == EdgeKind::Catch)
            return mix(s.edge, hueOf(StateType::Fail), 0.6);
        if (m_kind == EdgeKind::ChoiceRule)
            return mix(s.edge, hueOf(StateType::Choice), 0.45);
        return s.edge;
    }

    void paintLabel(QPainter *painter, const QColor &colour) const
    {
        const QFontMetricsF metrics(m_style->labelFont);
        const QString text = metrics.elidedText(m_labelText, Qt::ElideRight, m_labelRect.width() + 10);
        QRectF box(QPointF(), QSizeF(metrics.horizontalAdvance(text) + 6, metrics.height() + 2));
        box.moveCenter(m_labelRect.center());
        QColor back = m_style->base;
        back.setAlpha(225);
        painter->setBrush(back);
        painter->drawRoundedRect(box, 3, 3);
        painter->setPen(mix(colour, m_style->text, 0.45));
        painter->setFont(m_style->labelFont);
        painter->drawText(box, Qt::AlignCenter, text);
    }

    EdgeKind m_kind;
    bool m_toMissing;
    QString m_labelText;
    QRectF m_labelRect;
    QPainterPath m_path;
    QPolygonF m_arrow;
    QRectF m_bounds;
    std::shared_ptr<FlowGraphStyle> m_style;
};

// The end of a transition too long to draw in full: "→ Target"; clicking it goes to the target.
class StubItem final : public QGraphicsPathItem
{
public:
    StubItem(const FlowNode &target, const QRectF &rect, std::shared_ptr<FlowGraphStyle> style)
        : m_text(u"\u2192 "_s + elideText(target.name, 24))
        , m_missing(target.isMissing())
        , m_style(std::move(style))
    {
        QPainterPath pill;
        pill.addRoundedRect(rect, rect.height() / 2, rect.height() / 2);
        setPath(pill);
        setFlag(ItemIsSelectable);
        setCursor(Qt::PointingHandCursor);
        setZValue(1);
        setData(0, target.name);
        setData(1, u"stub"_s);
        setToolTip(FlowGraphView::tr("Goes to %1 (click to show it)").arg(target.name));
    }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        const FlowGraphStyle &s = *m_style;
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(QPen(m_missing ? s.error : s.edge, 1.2, Qt::DotLine));
        painter->setBrush(mix(s.base, s.text, 0.06));
        painter->drawPath(path());
        painter->setPen(m_missing ? s.error : s.text);
        painter->setFont(s.labelFont);
        const QRectF r = path().boundingRect().adjusted(6, 0, -6, 0);
        painter->drawText(r, Qt::AlignCenter, QFontMetricsF(s.labelFont).elidedText(m_text, Qt::ElideRight, r.width()));
    }

private:
    QString m_text;
    bool m_missing;
    std::shared_ptr<FlowGraphStyle> m_style;
};

} // namespace

FlowGraphView::FlowGraphView(QWidget *parent)
    : QGraphicsView(parent)
    , m_scene(new QGraphicsScene(this))
    , m_style(std::make_shared<FlowGraphStyle>())
    , m_latest(std::make_shared<std::atomic<quint64>>(0))
{
    setScene(m_scene);
    setDragMode(ScrollHandDrag);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setTransformationAnchor(AnchorUnderMouse);
    setResizeAnchor(AnchorViewCenter);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Flow graph"));
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &FlowGraphView::onSelectionChanged);
    m_style->update(palette(), font());
    m_scene->setBackgroundBrush(m_style->base);
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

void FlowGraphView::startLayout(std::function<FlowGraph()> build)
{
    const quint64 generation = ++*m_latest;
    auto *watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_latest->load()) // a newer definition is on its way: this one is outdated
            apply(watcher->future().takeResult());
    });
    watcher->setFuture(QtConcurrent::run([build = std::move(build), latest = m_latest, generation] {
        Result result;
        if (generation != latest->load()) // superseded while queued; nobody will look at it
            return result;
        result.graph = build();
        result.layout = layoutGraph(result.graph);
        return result;
    }));
}

void FlowGraphView::apply(const Result &result)
{
    m_applied = m_latest->load();
    m_graph = result.graph;
    m_layout = result.layout;
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
    updateAccessibleDescription();
    emit layoutFinished();
}

void FlowGraphView::addNodes()
{
    for (qsizetype i = 0; i < m_graph.nodes.size(); ++i) {
        auto *item = new FlowGraphNodeItem(m_graph.nodes.at(i), m_layout.nodes.at(i), m_style);
        m_scene->addItem(item);
        m_nodes.insert(m_graph.nodes.at(i).name, item);
    }
}

void FlowGraphView::addEdges()
{
    for (qsizetype i = 0; i < m_graph.edges.size(); ++i) {
        const FlowEdge &edge = m_graph.edges.at(i);
        const EdgeGeometry &geometry = m_layout.edges.at(i);
        m_scene->addItem(new EdgeItem(geometry, edge, m_graph.nodes.at(edge.to).isMissing(), m_style));
        if (geometry.isStub())
            m_scene->addItem(new StubItem(m_graph.nodes.at(edge.to), geometry.stubRect, m_style));
    }
}

void FlowGraphView::addStartMarker()
{
    if (m_layout.startMarker.isNull())
        return;
    FlowEdge start;
    m_scene->addItem(new EdgeItem(m_layout.startEdge, start, false, m_style));
    const QRectF dot = m_layout.startMarker.adjusted(1, 1, -1, -1);
    auto *marker = m_scene->addEllipse(dot, Qt::NoPen, m_style->text);
    marker->setToolTip(tr("Start"));
    marker->setData(1, u"start"_s);
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
        if (item->data(1).toString() == "start"_L1)
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
    const QString name = selected.first()->data(0).toString();
    m_selected = name;
    if (selected.first()->data(1).toString() == "stub"_L1) // a stub stands for its target: go there
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
    const qreal target = std::clamp(zoom() * factor, MinZoom, MaxZoom);
    scale(target / zoom(), target / zoom());
    m_autoFit = false;
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

void FlowGraphView::keyPressEvent(QKeyEvent *event)
{
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    const int key = event->key();
    if ((ctrl && (key == Qt::Key_Equal || key == Qt::Key_Plus)) || event->matches(QKeySequence::ZoomIn))
        zoomIn();
    else if ((ctrl && key == Qt::Key_Minus) || event->matches(QKeySequence::ZoomOut))
        zoomOut();
    else if ((ctrl && key == Qt::Key_0) || (key == Qt::Key_F && !(event->modifiers() & ~Qt::KeypadModifier)))
        fitAll();
    else
        QGraphicsView::keyPressEvent(event);
}

void FlowGraphView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_autoFit)
        fitAll();
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
