// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/flowgraphitems.h"

#include "ui/flowgraphview.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QPalette>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace Flowdeck::Ui {

namespace {

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
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

void setEdgeData(QGraphicsItem *item, const FlowEdge &edge, const QString &from)
{
    item->setData(ItemFrom, from);
    item->setData(ItemKind, int(edge.kind));
    item->setData(ItemIndex, edge.index);
}

} // namespace

QColor stateHue(StateType type)
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

void FlowGraphStyle::update(const QPalette &palette, const QFont &font)
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

FlowGraphNodeItem::FlowGraphNodeItem(const FlowNode &node, const QRectF &rect, std::shared_ptr<FlowGraphStyle> style)
    : m_node(node)
    , m_style(std::move(style))
{
    setPos(rect.center());
    setPath(shapePath(node.type, QRectF(-rect.width() / 2, -rect.height() / 2, rect.width(), rect.height())));
    setFlag(ItemIsSelectable);
    setCursor(Qt::PointingHandCursor);
    setZValue(1);
    setData(ItemName, node.name);
}

bool FlowGraphNodeItem::canConnectFrom() const
{
    return !m_node.isMissing() && m_node.type != StateType::Succeed && m_node.type != StateType::Fail;
}

void FlowGraphNodeItem::setHiddenCount(int count)
{
    prepareGeometryChange();
    m_hidden = count;
}

void FlowGraphNodeItem::setHighlighted(bool highlighted)
{
    m_highlighted = highlighted;
    update();
}

QRectF FlowGraphNodeItem::handleRect() const
{
    const qreal bottom = path().boundingRect().bottom();
    return {-6, bottom - 6, 12, 12};
}

void FlowGraphNodeItem::restyle(std::optional<StateRunStatus> status, bool current)
{
    const FlowGraphStyle &s = *m_style;
    const QColor hue = status ? statusHue(*status) : stateHue(m_node.type);
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
    if (m_hidden > 0)
        tip += u"<br>"_s + FlowGraphView::tr("branches collapsed: %1").arg(badgeText());
    setToolTip(tip);
    update();
}

QString FlowGraphNodeItem::badgeText() const
{
    return m_hidden == 1 ? FlowGraphView::tr("+1 state") : FlowGraphView::tr("+%1 states").arg(m_hidden);
}

QRectF FlowGraphNodeItem::badgeRect() const
{
    const QRectF r = path().boundingRect();
    const qreal width = QFontMetricsF(m_style->labelFont).horizontalAdvance(badgeText()) + 12;
    return {r.right() - width * 0.6, r.top() - 9, width, 17};
}

QRectF FlowGraphNodeItem::boundingRect() const
{
    const QRectF r = QGraphicsPathItem::boundingRect().adjusted(-6, -6, 6, 6);
    return m_hidden > 0 ? r | badgeRect().adjusted(-1, -1, 1, 1) : r;
}

void FlowGraphNodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
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
    if (m_highlighted) {
        painter->setPen(QPen(m_style->highlight, 3, Qt::DotLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(r.adjusted(-5, -5, 5, 5), 7, 7);
    }
    if (isSelected()) {
        painter->setPen(QPen(m_style->highlight, 2));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(r.adjusted(-4, -4, 4, 4), 6, 6);
        if (m_style->editable && canConnectFrom()) { // drag from here to connect
            painter->setBrush(m_style->highlight);
            painter->setPen(QPen(m_style->base, 1.5));
            painter->drawEllipse(handleRect().adjusted(1, 1, -1, -1));
        }
    }
    if (m_hidden > 0) {
        const QRectF badge = badgeRect();
        painter->setPen(QPen(mix(stateHue(StateType::Choice), m_style->text, 0.3), 1));
        painter->setBrush(mix(m_style->base, stateHue(StateType::Choice), m_style->dark ? 0.45 : 0.25));
        painter->drawRoundedRect(badge, badge.height() / 2, badge.height() / 2);
        painter->setPen(m_style->text);
        painter->setFont(m_style->labelFont);
        painter->drawText(badge, Qt::AlignCenter, badgeText());
    }
}

void FlowGraphNodeItem::paintText(QPainter *painter, const QRectF &r) const
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
    painter->drawText(below, Qt::AlignCenter, caption.elidedText(captionOf(m_node), Qt::ElideMiddle, below.width()));
}

FlowGraphEdgeItem::FlowGraphEdgeItem(const EdgeGeometry &geometry, const FlowEdge &edge, const QString &from,
                                     bool toMissing, std::shared_ptr<FlowGraphStyle> style)
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
    if (!from.isEmpty()) {
        setData(ItemRole, u"edge"_s);
        setEdgeData(this, edge, from);
    }
}

QPainterPath FlowGraphEdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(8);
    QPainterPath shape = stroker.createStroke(m_path);
    shape.addRect(m_labelRect);
    return shape;
}

void FlowGraphEdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QColor colour = isSelected() ? m_style->highlight : colourOf();
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(colour, isSelected() ? 2.6 : 1.4);
    if (m_kind == EdgeKind::Default || m_kind == EdgeKind::Catch)
        pen.setStyle(Qt::DashLine);
    painter->strokePath(m_path, pen);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawPolygon(m_arrow);
    if (!m_labelText.isEmpty())
        paintLabel(painter, colour);
}

QPolygonF FlowGraphEdgeItem::arrowHead(const QPointF &base, const QPointF &tip)
{
    const QLineF axis(base, tip);
    if (axis.length() < 0.5)
        return {};
    const QPointF side = QPointF(-axis.dy(), axis.dx()) * 0.38;
    return {tip, base + side, base - side};
}

QColor FlowGraphEdgeItem::colourOf() const
{
    const FlowGraphStyle &s = *m_style;
    if (m_toMissing)
        return s.error;
    if (m_kind == EdgeKind::Catch)
        return mix(s.edge, stateHue(StateType::Fail), 0.6);
    if (m_kind == EdgeKind::ChoiceRule)
        return mix(s.edge, stateHue(StateType::Choice), 0.45);
    return s.edge;
}

void FlowGraphEdgeItem::paintLabel(QPainter *painter, const QColor &colour) const
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

FlowGraphStubItem::FlowGraphStubItem(const FlowNode &target, const FlowEdge &edge, const QString &from,
                                     const QRectF &rect, std::shared_ptr<FlowGraphStyle> style)
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
    setData(ItemName, target.name);
    setData(ItemRole, u"stub"_s);
    setEdgeData(this, edge, from);
    setToolTip(FlowGraphView::tr("Goes to %1 (click to show it)").arg(target.name));
}

void FlowGraphStubItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
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

FlowGraphPlaceholderItem::FlowGraphPlaceholderItem(const QString &choice, const QString &text, const QRectF &rect,
                                                   std::shared_ptr<FlowGraphStyle> style)
    : m_text(text)
    , m_style(std::move(style))
{
    setPos(rect.center());
    QPainterPath box;
    box.addRoundedRect(QRectF(-rect.width() / 2, -rect.height() / 2, rect.width(), rect.height()), 8, 8);
    setPath(box);
    setCursor(Qt::PointingHandCursor);
    setZValue(1);
    setData(ItemName, choice);
    setData(ItemRole, u"collapsed"_s);
    setToolTip(FlowGraphView::tr("States only %1 leads to, collapsed (double-click to expand)").arg(choice));
}

void FlowGraphPlaceholderItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const FlowGraphStyle &s = *m_style;
    const QRectF r = path().boundingRect();
    painter->setRenderHint(QPainter::Antialiasing);
    // A stack of cards: several states folded into one.
    painter->setPen(QPen(mix(s.base, s.text, 0.4), 1.2, Qt::DashLine));
    painter->setBrush(mix(s.base, s.text, 0.04));
    painter->drawRoundedRect(r.translated(4, 4), 8, 8);
    painter->setBrush(mix(s.base, stateHue(StateType::Choice), s.dark ? 0.2 : 0.08));
    painter->drawPath(path());
    painter->setPen(s.text);
    painter->setFont(s.nameFont);
    painter->drawText(r, Qt::AlignCenter, m_text);
}

} // namespace Flowdeck::Ui
