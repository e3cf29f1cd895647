// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/runwatcher.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

RunWatcher::RunWatcher(QObject *parent)
    : QObject(parent)
{}

void RunWatcher::watch(const Run &run)
{
    m_last.insert(run.runId, run.status);
    emit watchListChanged();
}

void RunWatcher::setEvents(Events events)
{
    if (events == m_events)
        return;
    m_events = events;
    emit watchListChanged();
}

void RunWatcher::unwatch(const QString &runId)
{
    if (m_last.remove(runId))
        emit watchListChanged();
}

bool RunWatcher::hasOpenRuns() const
{
    return std::any_of(m_last.cbegin(), m_last.cend(),
                       [](RunStatus s) { return s == RunStatus::Active || s == RunStatus::Inactive; });
}

bool RunWatcher::notifies(RunStatus status) const
{
    switch (status) {
    case RunStatus::Succeeded:
        return m_events.testFlag(OnSucceeded);
    case RunStatus::Failed:
    case RunStatus::Ended:
        return m_events.testFlag(OnFailed);
    case RunStatus::Inactive:
        return m_events.testFlag(OnInactive);
    default:
        return false;
    }
}

void RunWatcher::observe(const QList<Run> &runs)
{
    for (const Run &run : runs) {
        auto last = m_last.find(run.runId);
        if (last == m_last.end() || *last == run.status)
            continue;
        const RunStatus from = *last;
        *last = run.status;
        if (notifies(run.status))
            emit transition(run, from);
        if (isTerminal(run.status)) { // nothing more can happen to it: the list does not grow forever
            m_last.remove(run.runId);
            emit watchListChanged();
        }
    }
}

QVariantMap RunWatcher::saveState() const
{
    QVariantMap runs;
    for (auto it = m_last.cbegin(); it != m_last.cend(); ++it)
        runs.insert(it.key(), runStatusToString(it.value()));
    return {{u"runs"_s, runs}, {u"events"_s, int(m_events)}};
}

void RunWatcher::restoreState(const QVariantMap &state)
{
    m_last.clear();
    const QVariantMap runs = state.value(u"runs"_s).toMap();
    for (auto it = runs.cbegin(); it != runs.cend(); ++it)
        m_last.insert(it.key(), runStatusFromString(it.value().toString()));
    if (state.contains(u"events"_s))
        m_events = Events(state.value(u"events"_s).toInt());
    emit watchListChanged();
}

} // namespace Flowdeck::Core
