// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/apierror.h"
#include "core/api/flowsoptions.h"
#include "core/api/run.h"
#include "core/models/runsmodel.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <chrono>

class QTimer;

namespace Flowdeck::Core {

class ApiReply;
class FlowsClient;

// Keeps a set of runs up to date with ONE list request per interval, however many runs a view
// shows: the service has no "changed since" query, so the poller alternates between the runs of
// the filter that can still change (ACTIVE, INACTIVE) and the runs that completed since it last
// looked (filter_completion_time), which together cover every transition. It polls faster while
// runs are active, backs off when nothing changes and after errors, and stops while paused.
// GUI thread; each poll's work is parsing one page and a hash lookup per run.
class RunsPoller final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunsPoller)

public:
    using Interval = std::chrono::milliseconds;
    struct Intervals
    {
        Interval active{2000};   // while a known run is ACTIVE
        Interval normal{5000};   // otherwise, after a change
        Interval slowest{30000}; // the ceiling of the back-off when nothing changes
        Interval afterError{10000};
    };

    explicit RunsPoller(QObject *parent = nullptr);
    void setClient(FlowsClient *client);
    void setQuery(const RunsModel::Query &query); // the filter of the view this poller serves
    void setIntervals(const Intervals &intervals);
    void setPaused(bool paused); // paused while nothing that shows the runs is visible
    bool isPaused() const { return m_paused; }
    // Runs the caller already knows (the rows of a view): their later transitions are reported.
    void noteRuns(const QList<Run> &runs);
    void pollNow();

    int requestCount() const { return m_requests; }
    Interval currentInterval() const { return m_interval; }
    bool isPolling() const { return !m_pending.isNull(); }

signals:
    void runsArrived(const QList<Flowdeck::Core::Run> &runs); // fresh documents of the filter
    void pollFailed(const Flowdeck::Core::ApiError &error);
    void polled(); // after every answer, good or bad

private:
    ListRunsOptions nextRequest();
    void onReply(ApiReply *reply, bool completions, const QDateTime &asked);
    void schedule(bool changed, bool failed);

    QPointer<FlowsClient> m_client;
    RunsModel::Query m_query;
    Intervals m_intervals;
    Interval m_interval{5000};
    QTimer *m_timer;
    QPointer<ApiReply> m_pending;
    QHash<QString, RunStatus> m_open;   // runs last seen ACTIVE or INACTIVE
    QHash<QString, QByteArray> m_known; // each reported run's last document, to tell changes apart
    QDateTime m_completedSince;         // completions before this were already reported
    QString m_completionsMarker;        // the next page of the current completions window
    bool m_completionsDue = false;      // an open run went missing from the open listing
    bool m_paused = true;
    int m_requests = 0;
    int m_round = 0;
    int m_unchangedRounds = 0;
    quint64 m_generation = 0;
};

} // namespace Flowdeck::Core
