// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/timelineview.h"

#include "core/models/runlogmodel.h"
#include "ui/statusbadge.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

namespace {

constexpr int AxisHeight = 22;
constexpr int Margin = 8;

QString outcomeStatus(Core::StateProgress outcome)
{
    switch (outcome) {
    case Core::StateProgress::Succeeded:
        return u"SUCCEEDED"_s;
    case Core::StateProgress::Failed:
        return u"FAILED"_s;
    case Core::StateProgress::Caught:
        return u"INACTIVE"_s; // amber: failed, but the run went on
    case Core::StateProgress::Running:
        return u"ACTIVE"_s;
    default:
        return u"ENDED"_s;
    }
}

QString spanDuration(qint64 ms)
{
    if (ms < 1000)
        return QObject::tr("%1 ms").arg(ms);
    if (ms < 60'000)
        return QObject::tr("%1 s").arg(ms / 1000.0, 0, 'f', 1);
    return QObject::tr("%1 min %2 s").arg(ms / 60'000).arg((ms % 60'000) / 1000);
}

} // namespace

TimelineView::TimelineView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setAccessibleName(tr("Run timeline"));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
}

void TimelineView::setModel(Core::RunLogModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        connect(model, &QAbstractItemModel::modelReset, this, &TimelineView::rebuild);
        connect(model, &Core::RunLogModel::entriesAppended, this, [this] { addSpans(m_spanCount); });
    }
    rebuild();
}

void TimelineView::setNow(qint64 msecsSinceEpoch)
{
    m_now = msecsSinceEpoch;
    viewport()->update();
}

void TimelineView::rebuild()
{
    m_rows.clear();
    m_rowOf.clear();
    m_spansOfRow.clear();
    m_spanCount = 0;
    m_first = 0;
    m_last = 0;
    m_oldestOpen = 0;
    addSpans(0);
}

// Spans only grow at the end (and the last ones may still close), so new ones are indexed as
// entries arrive instead of re-reading the whole log.
void TimelineView::addSpans(int from)
{
    if (!m_model)
        return;
    const QList<Core::StateSpan> &spans = m_model->spans();
    // Bars that were open may have closed since: their ends are read again from the oldest one.
    int oldestOpen = int(spans.size());
    for (int i = std::min(from, m_oldestOpen); i < spans.size(); ++i) {
        const Core::StateSpan &span = spans.at(i);
        m_last = std::max(m_last, span.end < 0 ? span.start : span.end);
        if (span.end < 0)
            oldestOpen = std::min(oldestOpen, i);
    }
    m_oldestOpen = oldestOpen;
    for (int i = from; i < spans.size(); ++i) {
        const Core::StateSpan &span = spans.at(i);
        if (m_rows.isEmpty() && i == 0)
            m_first = span.start;
        auto row = m_rowOf.constFind(span.state);
        if (row == m_rowOf.cend()) {
            row = m_rowOf.insert(span.state, int(m_rows.size()));
            m_rows.append(span.state);
            m_spansOfRow.append(QList<int>());
        }
        m_spansOfRow[*row].append(i);
    }
    m_spanCount = int(spans.size());
    updateScrollBars();
    viewport()->update();
}

int TimelineView::rowHeight() const
{
    return fontMetrics().height() + 8;
}

int TimelineView::labelWidth() const
{
    return std::min(220, viewport()->width() / 3);
}

double TimelineView::pixelsPerMs() const
{
    if (!m_model || m_model->spans().isEmpty())
        return 0;
    const qint64 last = std::max({m_first + 1, m_last, m_oldestOpen < m_spanCount ? m_now : 0});
    const int width = viewport()->width() - labelWidth() - 2 * Margin;
    return width > 0 ? double(width) / double(last - m_first) : 0;
}

void TimelineView::updateScrollBars()
{
    const int content = AxisHeight + int(m_rows.size()) * rowHeight();
    verticalScrollBar()->setPageStep(viewport()->height());
    verticalScrollBar()->setSingleStep(rowHeight());
    verticalScrollBar()->setRange(0, std::max(0, content - viewport()->height()));
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

QRect TimelineView::barRect(int spanIndex) const
{
    if (!m_model || spanIndex < 0 || spanIndex >= m_model->spans().size())
        return {};
    const Core::StateSpan &span = m_model->spans().at(spanIndex);
    const double scale = pixelsPerMs();
    const int row = m_rowOf.value(span.state, -1);
    const qint64 end = span.end < 0 ? std::max(m_now, span.start) : span.end;
    const int x = labelWidth() + Margin + int((span.start - m_first) * scale);
    const int width = std::max(3, int((end - span.start) * scale));
    const int y = AxisHeight + row * rowHeight() - verticalScrollBar()->value() + 3;
    return {x, y, width, rowHeight() - 6};
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const QPalette &pal = palette();
    painter.fillRect(viewport()->rect(), pal.color(QPalette::Base));
    if (!m_model || m_rows.isEmpty()) {
        painter.setPen(pal.color(QPalette::Disabled, QPalette::Text));
        painter.drawText(viewport()->rect(), Qt::AlignCenter, tr("No state has run yet"));
        return;
    }
    const int height = rowHeight();
    const int top = verticalScrollBar()->value();
    const int firstRow = std::max(0, (top - AxisHeight) / height);
    const int lastRow = std::min(int(m_rows.size()) - 1, (top + viewport()->height()) / height);
    painter.setRenderHint(QPainter::Antialiasing);
    for (int row = firstRow; row <= lastRow; ++row) {
        const int y = AxisHeight + row * height - top;
        if (row % 2)
            painter.fillRect(0, y, viewport()->width(), height, pal.color(QPalette::AlternateBase));
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(QRect(Margin, y, labelWidth() - Margin, height), Qt::AlignVCenter | Qt::AlignLeft,
                         fontMetrics().elidedText(m_rows.at(row), Qt::ElideRight, labelWidth() - Margin));
        paintRow(painter, m_spansOfRow.at(row), y + 3, height - 6);
    }
    // The axis: start, middle and end times, over the rows.
    painter.fillRect(0, 0, viewport()->width(), AxisHeight, pal.color(QPalette::Window));
    painter.setPen(pal.color(QPalette::Text));
    const double scale = pixelsPerMs();
    const int span = viewport()->width() - labelWidth() - 2 * Margin;
    for (int tick = 0; tick <= 4; ++tick) {
        const int x = labelWidth() + Margin + span * tick / 4;
        const qint64 ms = scale > 0 ? qint64((x - labelWidth() - Margin) / scale) : 0;
        painter.drawLine(x, AxisHeight - 4, x, AxisHeight);
        const Qt::Alignment align = tick == 4 ? Qt::AlignRight : tick == 0 ? Qt::AlignLeft : Qt::AlignHCenter;
        const QRect label =
            tick == 4 ? QRect(x - 80, 0, 80, AxisHeight - 4) : QRect(x - 40 * (tick > 0), 0, 80, AxisHeight - 4);
        painter.drawText(label, align | Qt::AlignVCenter, u"+"_s + spanDuration(ms));
    }
}

// A row of a loop's state can hold thousands of bars: neighbours of one colour that fall on the
// same pixels are drawn as one, so a frame costs what the row's width allows, not its span count.
void TimelineView::paintRow(QPainter &painter, const QList<int> &spanIndexes, int y, int height) const
{
    const QList<Core::StateSpan> &spans = m_model->spans();
    const double scale = pixelsPerMs();
    const int left = labelWidth() + Margin;
    QRect pending;
    Core::StateProgress pendingOutcome = Core::StateProgress::NotRun;
    auto flush = [&] {
        if (pending.isNull())
            return;
        const QColor colour = statusColor(outcomeStatus(pendingOutcome), palette());
        painter.setPen(colour.darker(120));
        painter.setBrush(colour);
        if (pending.width() > 6)
            painter.drawRoundedRect(pending, 3, 3);
        else
            painter.drawRect(pending);
        pending = {};
    };
    for (int index : spanIndexes) {
        const Core::StateSpan &span = spans.at(index);
        const qint64 end = span.end < 0 ? std::max(m_now, span.start) : span.end;
        const int x = left + int(double(span.start - m_first) * scale);
        const int width = std::max(3, int(double(end - span.start) * scale));
        if (!pending.isNull() && span.outcome == pendingOutcome && x <= pending.right() + 2) {
            pending.setRight(std::max(pending.right(), x + width - 1));
            continue;
        }
        flush();
        pending = QRect(x, y, width, height);
        pendingOutcome = span.outcome;
    }
    flush();
}

int TimelineView::spanAt(const QPoint &position) const
{
    const int row = (position.y() + verticalScrollBar()->value() - AxisHeight) / rowHeight();
    if (position.y() < AxisHeight || row < 0 || row >= m_rows.size())
        return -1;
    for (int index : m_spansOfRow.at(row))
        if (barRect(index).adjusted(-2, 0, 2, 0).contains(position))
            return index;
    return -1;
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    const int index = spanAt(event->position().toPoint());
    if (index >= 0)
        emit spanActivated(m_model->spans().at(index).firstRow);
    QAbstractScrollArea::mousePressEvent(event);
}

bool TimelineView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && m_model) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int index = spanAt(help->pos());
        if (index < 0) {
            QToolTip::hideText();
            return true;
        }
        const Core::StateSpan &span = m_model->spans().at(index);
        const qint64 end = span.end < 0 ? m_now : span.end;
        QToolTip::showText(
            help->globalPos(),
            tr("%1 (%2)\nStarted %3\n%4")
                .arg(span.state, span.type,
                     QLocale().toString(QDateTime::fromMSecsSinceEpoch(span.start).toLocalTime(), u"HH:mm:ss.zzz"_s),
                     span.end < 0 ? tr("Running for %1").arg(spanDuration(end - span.start))
                                  : tr("Took %1").arg(spanDuration(end - span.start))),
            viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

} // namespace Flowdeck::Ui
