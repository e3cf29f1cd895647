// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/run.h"

#include <QHash>
#include <QObject>

namespace Flowdeck::Core {

// The runs a user asked to hear about and the last status each was seen in: fed with fresh run
// documents (from a poller), it announces each transition into a notifying status exactly once,
// however often the same document arrives. Its state round-trips through a QVariantMap so that the
// watch list survives a restart. No GUI: the app turns transitions into desktop notifications.
class RunWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunWatcher)

public:
    enum Event { OnSucceeded = 0x1, OnFailed = 0x2, OnInactive = 0x4 };
    Q_DECLARE_FLAGS(Events, Event)
    Q_FLAG(Events)

    explicit RunWatcher(QObject *parent = nullptr);
    void setEvents(Events events);
    Events events() const { return m_events; }

    void watch(const Run &run); // its current status is the baseline
    void unwatch(const QString &runId);
    bool isWatched(const QString &runId) const { return m_last.contains(runId); }
    bool hasOpenRuns() const; // whether there is anything left to poll for
    QStringList watchedRuns() const { return m_last.keys(); }

    void observe(const QList<Run> &runs);

    QVariantMap saveState() const;
    void restoreState(const QVariantMap &state);

signals:
    void transition(const Flowdeck::Core::Run &run, Flowdeck::Core::RunStatus from);
    void watchListChanged(); // also when a finished run leaves the list or the events change

private:
    bool notifies(RunStatus status) const;

    QHash<QString, RunStatus> m_last;
    Events m_events = Events(OnSucceeded | OnFailed | OnInactive);
};

} // namespace Flowdeck::Core

Q_DECLARE_OPERATORS_FOR_FLAGS(Flowdeck::Core::RunWatcher::Events)
