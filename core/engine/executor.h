// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/servicecore.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <deque>
#include <map>

namespace Flowdeck::Core::Engine {

struct ActionOutcome;

// Runs flows one state at a time on the service thread: ready runs are stepped in short batches
// (one SQLite transaction each, a few milliseconds long, so API requests are answered in between),
// Wait states and action timeouts sleep on one timer, and actions complete through callbacks.
// Progress is saved with every batch; after a crash recover() restarts each run's current state.
class Executor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Executor)

public:
    explicit Executor(ServiceCore &core, QObject *parent = nullptr);

    // POST /flows/{id}/run once the input is valid: stores the run, answers 201, and starts it.
    ServiceResponse createRun(const QJsonObject &flow, const QJsonObject &body, const QString &identity);
    ServiceResponse cancel(RunRecord &run, const QString &identity);
    ServiceResponse resume(RunRecord &run, const QString &identity);
    // A web input was answered: a run blocked on it goes on.
    void webInputAnswered(const QString &webInputId);
    void recover();
    int activeCount() const;

private:
    struct Wakeup
    {
        QString runId;
        int generation = 0;
        int attempt = 0;
        bool timeout = false; // an action's WaitTime ran out (else a Wait state ends)
    };

    void enqueue(const QString &runId);
    void processBatch();
    void wake();
    void scheduleWakeup(qint64 at, const Wakeup &wakeup);
    void armClock();
    void step(RunRecord &run);
    void finishAction(RunRecord &run, const ActionOutcome &outcome);
    void complete(RunRecord &run, const QJsonObject &state, const QJsonValue &data, const QJsonValue &logged);
    void transition(RunRecord &run, const QJsonObject &state);
    void fail(RunRecord &run, const QString &error, const QString &cause);
    void finish(RunRecord &run, const QString &status, const QJsonObject &details, const QString &logCode,
                const QString &logDescription, const QJsonObject &logDetails);
    void log(RunRecord &run, const QString &code, const QString &description, const QJsonObject &details);
    void markDirty(const RunRecord &run) { m_dirty.insert(run.doc.value(QLatin1StringView("run_id")).toString()); }
    void saveDirty();
    QJsonObject context(const RunRecord &run) const;
    qint64 scaled(double seconds) const;

    ServiceCore &m_core;
    std::deque<QString> m_ready;
    QSet<QString> m_queued;
    QSet<QString> m_dirty;
    std::multimap<qint64, Wakeup> m_wakeups;
    QTimer m_batch;
    QTimer m_clock;
};

} // namespace Flowdeck::Core::Engine
