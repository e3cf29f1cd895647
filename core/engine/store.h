// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace Flowdeck::Core::Engine {

// Durable storage of the local Flows service: one SQLite file in WAL mode. Documents are kept as
// JSON text with the columns the service looks them up by. A committed write survives the process
// being killed at any moment (WAL with synchronous=NORMAL loses nothing on a process crash).
// One connection, used only from the thread that opened it.
class Store
{
public:
    Store();
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    // path ":memory:" keeps everything in memory (tests that do not restart).
    bool open(const QString &path, QString *error);
    QString lastError() const { return m_lastError; }

    QString meta(const QString &key) const;
    bool setMeta(const QString &key, const QString &value);

    struct RunRow
    {
        QJsonObject doc;        // the run document as served
        QJsonObject definition; // {flow_id, definition, input_schema} pinned at start
        QJsonObject exec;       // the executor's progress: current state, run state, phase
        qint64 logCount = 0;
    };
    QList<QJsonObject> flows() const;
    QList<RunRow> runs() const;
    QList<QJsonObject> webInputs() const;

    bool putFlow(const QJsonObject &flow);
    bool removeFlow(const QString &id);
    bool insertRun(const RunRow &run);
    bool updateRun(const QJsonObject &doc, const QJsonObject &exec);
    bool removeRun(const QString &id); // with its log
    bool appendLog(const QString &runId, qint64 seq, const QJsonObject &entry);
    // Entries [first, first + count) in order of seq.
    QList<QJsonObject> log(const QString &runId, qint64 first, qint64 count) const;
    bool putWebInput(const QJsonObject &webInput);
    bool recordNotification(const QString &runId, const QJsonObject &notification);
    QList<QJsonObject> notifications() const;

    // Groups writes into one transaction (nestable); the outermost commit makes them durable.
    bool begin();
    bool commit();

private:
    bool exec(const QString &sql, const QVariantList &values = {});

    struct Statements;
    QString m_connection;
    std::unique_ptr<Statements> m_statements;
    int m_transactionDepth = 0;
    mutable QString m_lastError;
};

} // namespace Flowdeck::Core::Engine
