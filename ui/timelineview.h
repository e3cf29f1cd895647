// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractScrollArea>
#include <QHash>
#include <QPointer>

class QPainter;

namespace Flowdeck::Core {
class RunLogModel;
struct StateSpan;
} // namespace Flowdeck::Core

namespace Flowdeck::Ui {

// A Gantt chart of a run: one row per state (in the order the run reached them), one bar per stay
// in the state from its Started to its Completed/Failed entry, coloured by outcome; a state still
// running reaches to "now". Only visible rows are painted, so a log of 100,000 entries stays cheap.
// Clicking a bar selects the log entry that started it.
class TimelineView final : public QAbstractScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineView)

public:
    explicit TimelineView(QWidget *parent = nullptr);
    void setModel(Core::RunLogModel *model);
    void setNow(qint64 msecsSinceEpoch); // where open bars end; the run's completion once it ended
    int rowCount() const { return int(m_rows.size()); }
    QRect barRect(int spanIndex) const; // in viewport coordinates, for tests
    int rowHeight() const;

signals:
    void spanActivated(int logRow);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    void rebuild();
    void paintRow(QPainter &painter, const QList<int> &spanIndexes, int y, int height) const;
    void addSpans(int from);
    void updateScrollBars();
    int labelWidth() const;
    double pixelsPerMs() const;
    int spanAt(const QPoint &position) const;

    QPointer<Core::RunLogModel> m_model;
    QStringList m_rows;             // state names
    QHash<QString, int> m_rowOf;    // state → row
    QList<QList<int>> m_spansOfRow; // span indexes per row
    int m_spanCount = 0;
    qint64 m_first = 0;
    qint64 m_now = 0;
    qint64 m_last = 0;    // the latest end (or start of an open bar) seen
    int m_oldestOpen = 0; // the first span that was still open at the last look
};

} // namespace Flowdeck::Ui
