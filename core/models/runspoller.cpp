// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/runspoller.h"

#include "core/api/flowsclient.h"
#include "core/api/replies.h"

#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

namespace {

constexpr int PageSize = 50;
// Completions are asked for from a little before the last look: client and server clocks differ,
// and a run reported twice is recognised by its unchanged document.
constexpr qint64 ClockMarginSeconds = 30;
constexpr int CompletionsEvery = 3; // rounds; sooner when an open run went missing

bool isOpen(RunStatus status)
{
    return status == RunStatus::Active || status == RunStatus::Inactive;
}

} // namespace

RunsPoller::RunsPoller(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
    , m_completedSince(QDateTime::currentDateTimeUtc().addSecs(-ClockMarginSeconds))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &RunsPoller::pollNow);
}

void RunsPoller::setClient(FlowsClient *client)
{
    m_client = client;
    m_open.clear();
    m_known.clear();
    m_completionsMarker.clear();
    ++m_generation;
    m_pending = nullptr;
    m_completedSince = QDateTime::currentDateTimeUtc().addSecs(-ClockMarginSeconds);
    if (!m_paused)
        pollNow();
}

void RunsPoller::setQuery(const RunsModel::Query &query)
{
    if (query == m_query)
        return;
    m_query = query;
    m_open.clear();
    m_completionsMarker.clear();
    ++m_generation; // an answer for the old filter is dropped
    if (m_pending)
        m_pending->deleteLater();
    m_pending = nullptr;
    if (!m_paused && m_client)
        pollNow(); // the new filter is polled from now on
}

void RunsPoller::setIntervals(const Intervals &intervals)
{
    // Kept ordered, so that the back-off's bounds always make sense.
    m_intervals = intervals;
    m_intervals.normal = std::max(m_intervals.normal, m_intervals.active);
    m_intervals.slowest = std::max(m_intervals.slowest, m_intervals.normal);
    m_intervals.afterError = std::clamp(m_intervals.afterError, m_intervals.active, m_intervals.slowest);
    m_interval = m_intervals.normal;
}

void RunsPoller::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (paused)
        m_timer->stop();
    else
        pollNow(); // whatever happened while hidden is shown at once
}

void RunsPoller::noteRuns(const QList<Run> &runs)
{
    for (const Run &run : runs) {
        if (!isOpen(run.status))
            continue;
        m_open.insert(run.runId, run.status);
        m_known.insert(run.runId, run.json);
    }
}

ListRunsOptions RunsPoller::nextRequest()
{
    ListRunsOptions options = RunsModel::listOptions(m_query);
    options.perPage = PageSize;
    // Both open statuses are asked for whatever the view shows, so that ACTIVE <-> INACTIVE moves
    // are seen; a view of finished runs only needs the completions.
    const bool openShown = m_query.statuses.isEmpty() || m_query.statuses.contains(u"ACTIVE"_s) ||
                           m_query.statuses.contains(u"INACTIVE"_s);
    const bool completions = m_completionsDue || !openShown || m_round % CompletionsEvery == CompletionsEvery - 1;
    if (completions) {
        // Every ending (whatever status it ends in), oldest first; a window with more endings than a
        // page is walked page by page over the following rounds.
        options.filterCompletionTime = TimeRange{m_completedSince, {}};
        options.orderby = {u"completion_time ASC"_s};
        options.marker = m_completionsMarker;
    } else {
        options.filterStatus = {u"ACTIVE"_s, u"INACTIVE"_s};
        options.orderby = {u"start_time DESC"_s};
    }
    return options;
}

void RunsPoller::pollNow()
{
    m_timer->stop();
    if (!m_client || m_pending)
        return;
    const ListRunsOptions options = nextRequest();
    const bool completions = options.filterCompletionTime.has_value();
    ++m_round;
    ++m_requests;
    ApiReply *reply = m_client->listRuns(options);
    reply->setParent(this);
    m_pending = reply;
    const QDateTime asked = QDateTime::currentDateTimeUtc();
    const quint64 generation = m_generation;
    connect(reply, &ApiReply::finished, this, [this, reply, completions, asked, generation] {
        reply->deleteLater();
        if (generation != m_generation)
            return;
        m_pending = nullptr;
        onReply(reply, completions, asked);
    });
}

void RunsPoller::onReply(ApiReply *reply, bool completions, const QDateTime &asked)
{
    if (reply->error().isError()) {
        emit pollFailed(reply->error());
        schedule(false, true);
        emit polled();
        return;
    }
    const Page<Run> &page = static_cast<RunPageReply *>(reply)->value();
    QList<Run> changed;
    QSet<QString> seen;
    for (const Run &run : page.items) {
        seen.insert(run.runId);
        if (isOpen(run.status))
            m_open.insert(run.runId, run.status);
        else
            m_open.remove(run.runId);
        auto known = m_known.find(run.runId);
        if (known != m_known.end() && *known == run.json)
            continue;
        m_known.insert(run.runId, run.json);
        changed.append(run);
    }
    if (completions && page.hasNextPage && !page.marker.isEmpty()) {
        // More endings than a page: the next rounds page through the same window.
        m_completionsMarker = page.marker;
        m_completionsDue = true;
    } else if (completions) {
        m_completionsMarker.clear();
        m_completionsDue = false;
        m_completedSince = std::max(m_completedSince, asked.addSecs(-ClockMarginSeconds));
    } else if (!page.hasNextPage) {
        // An open run the open listing no longer has has finished (or was released): fetch its end.
        for (auto it = m_open.begin(); it != m_open.end();) {
            if (seen.contains(it.key())) {
                ++it;
                continue;
            }
            m_completionsDue = true;
            it = m_open.erase(it);
        }
    }
    if (!changed.isEmpty())
        emit runsArrived(changed);
    schedule(!changed.isEmpty(), false);
    emit polled();
}

void RunsPoller::schedule(bool changed, bool failed)
{
    using std::chrono::milliseconds;
    if (failed) {
        m_interval = std::clamp(m_interval * 2, m_intervals.afterError, m_intervals.slowest * 2);
    } else if (m_completionsDue) {
        m_interval = std::min(m_intervals.active, m_intervals.normal);
    } else if (std::any_of(m_open.cbegin(), m_open.cend(), [](RunStatus s) { return s == RunStatus::Active; })) {
        // Active runs: quick, but a long transfer that changes nothing for a while is asked less.
        m_unchangedRounds = changed ? 0 : m_unchangedRounds + 1;
        m_interval = m_unchangedRounds < 5 ? m_intervals.active : m_intervals.normal;
    } else if (changed) {
        m_interval = m_intervals.normal;
    } else {
        m_interval = std::clamp(milliseconds(m_interval.count() * 3 / 2), m_intervals.normal, m_intervals.slowest);
    }
    if (!m_paused)
        m_timer->start(m_interval);
}

} // namespace Flowdeck::Core
