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

QStringList intersect(const QStringList &wanted, const QStringList &allowed)
{
    if (wanted.isEmpty())
        return allowed;
    QStringList both;
    for (const QString &status : wanted)
        if (allowed.contains(status))
            both.append(status);
    return both;
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
    ++m_generation; // an answer for the old filter is dropped
    m_pending = nullptr;
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
    const QStringList open = intersect(m_query.statuses, {u"ACTIVE"_s, u"INACTIVE"_s});
    const QStringList done = intersect(m_query.statuses, {u"SUCCEEDED"_s, u"FAILED"_s, u"ENDED"_s});
    // A view of only open runs still learns how its runs ended (their rows change in place).
    const bool completions =
        m_completionsDue || open.isEmpty() || (!done.isEmpty() && m_round % CompletionsEvery == CompletionsEvery - 1);
    if (completions) {
        options.filterStatus = m_query.statuses.isEmpty() || done.isEmpty() ? QStringList() : done;
        options.filterCompletionTime = TimeRange{m_completedSince, {}};
        options.orderby = {u"completion_time DESC"_s};
    } else {
        options.filterStatus = open;
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
    if (completions) {
        m_completionsDue = false;
        if (!page.hasNextPage)
            m_completedSince = asked.addSecs(-ClockMarginSeconds);
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
        m_interval = m_intervals.active;
    } else if (changed) {
        m_interval = m_intervals.normal;
    } else {
        m_interval = std::clamp(milliseconds(m_interval.count() * 3 / 2), m_intervals.normal, m_intervals.slowest);
    }
    if (!m_paused)
        m_timer->start(m_interval);
}

} // namespace Flowdeck::Core
