// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/store.h"

#include <QAtomicInt>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Engine {

namespace {

QString toText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject fromText(const QVariant &text)
{
    return QJsonDocument::fromJson(text.toString().toUtf8()).object();
}

} // namespace

// Prepared once: the executor writes thousands of rows per second through them.
struct Store::Statements
{
    explicit Statements(const QSqlDatabase &db)
        : putFlow(db)
        , removeFlow(db)
        , insertRun(db)
        , updateRun(db)
        , removeRun(db)
        , removeLog(db)
        , appendLog(db)
        , log(db)
        , putWebInput(db)
    {
        putFlow.prepare(u"INSERT OR REPLACE INTO flows (id, doc) VALUES (?, ?)"_s);
        removeFlow.prepare(u"DELETE FROM flows WHERE id = ?"_s);
        insertRun.prepare(u"INSERT INTO runs (id, doc, definition, exec) VALUES (?, ?, ?, ?)"_s);
        updateRun.prepare(u"UPDATE runs SET doc = ?, exec = ? WHERE id = ?"_s);
        removeRun.prepare(u"DELETE FROM runs WHERE id = ?"_s);
        removeLog.prepare(u"DELETE FROM log WHERE run_id = ?"_s);
        appendLog.prepare(u"INSERT OR REPLACE INTO log (run_id, seq, entry) VALUES (?, ?, ?)"_s);
        log.prepare(u"SELECT entry FROM log WHERE run_id = ? AND seq >= ? ORDER BY seq LIMIT ?"_s);
        putWebInput.prepare(u"INSERT OR REPLACE INTO web_inputs (id, doc) VALUES (?, ?)"_s);
    }
    QSqlQuery putFlow, removeFlow, insertRun, updateRun, removeRun, removeLog, appendLog, log, putWebInput;
};

Store::Store()
{
    static QAtomicInt counter;
    m_connection = u"flowdeck-store-%1"_s.arg(counter.fetchAndAddRelaxed(1));
}

Store::~Store()
{
    m_statements.reset();
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

bool Store::open(const QString &path, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    db.setDatabaseName(path);
    if (!db.open()) {
        *error = QObject::tr("Cannot open the local service's database %1: %2").arg(path, db.lastError().text());
        return false;
    }
    const bool ok =
        exec(u"PRAGMA journal_mode=WAL"_s) && exec(u"PRAGMA synchronous=NORMAL"_s) &&
        exec(u"PRAGMA busy_timeout=5000"_s) &&
        exec(u"CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)"_s) &&
        exec(u"CREATE TABLE IF NOT EXISTS flows (id TEXT PRIMARY KEY, doc TEXT NOT NULL)"_s) &&
        exec(u"CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, doc TEXT NOT NULL, definition TEXT NOT NULL, "
             "exec TEXT NOT NULL)"_s) &&
        exec(u"CREATE TABLE IF NOT EXISTS log (run_id TEXT NOT NULL, seq INTEGER NOT NULL, entry TEXT NOT NULL, "
             "PRIMARY KEY (run_id, seq)) WITHOUT ROWID"_s) &&
        exec(u"CREATE TABLE IF NOT EXISTS web_inputs (id TEXT PRIMARY KEY, doc TEXT NOT NULL)"_s) &&
        exec(u"CREATE TABLE IF NOT EXISTS notifications (seq INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT, "
             "doc TEXT NOT NULL)"_s);
    if (!ok) {
        *error = QObject::tr("Cannot prepare the local service's database %1: %2").arg(path, m_lastError);
        return false;
    }
    m_statements = std::make_unique<Statements>(db);
    return true;
}

bool Store::exec(const QString &sql, const QVariantList &values)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    return true;
}

namespace {

bool run(QSqlQuery &query, const QVariantList &values, QString *error)
{
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (query.exec())
        return true;
    *error = query.lastError().text();
    return false;
}

} // namespace

QString Store::meta(const QString &key) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(u"SELECT value FROM meta WHERE key = ?"_s);
    query.addBindValue(key);
    return query.exec() && query.next() ? query.value(0).toString() : QString();
}

bool Store::setMeta(const QString &key, const QString &value)
{
    return exec(u"INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"_s, {key, value});
}

QList<QJsonObject> Store::flows() const
{
    QList<QJsonObject> flows;
    QSqlQuery query(u"SELECT doc FROM flows"_s, QSqlDatabase::database(m_connection, false));
    while (query.next())
        flows.append(fromText(query.value(0)));
    return flows;
}

QList<Store::RunRow> Store::runs() const
{
    QList<RunRow> runs;
    QSqlQuery query(u"SELECT doc, definition, exec, (SELECT COUNT(*) FROM log WHERE run_id = runs.id) FROM runs"_s,
                    QSqlDatabase::database(m_connection, false));
    while (query.next())
        runs.append({fromText(query.value(0)), fromText(query.value(1)), fromText(query.value(2)),
                     query.value(3).toLongLong()});
    return runs;
}

QList<QJsonObject> Store::webInputs() const
{
    QList<QJsonObject> inputs;
    QSqlQuery query(u"SELECT doc FROM web_inputs"_s, QSqlDatabase::database(m_connection, false));
    while (query.next())
        inputs.append(fromText(query.value(0)));
    return inputs;
}

bool Store::putFlow(const QJsonObject &flow)
{
    return run(m_statements->putFlow, {flow.value("id"_L1).toString(), toText(flow)}, &m_lastError);
}

bool Store::removeFlow(const QString &id)
{
    return run(m_statements->removeFlow, {id}, &m_lastError);
}

bool Store::insertRun(const RunRow &row)
{
    return run(m_statements->insertRun,
               {row.doc.value("run_id"_L1).toString(), toText(row.doc), toText(row.definition), toText(row.exec)},
               &m_lastError);
}

bool Store::updateRun(const QJsonObject &doc, const QJsonObject &exec)
{
    return run(m_statements->updateRun, {toText(doc), toText(exec), doc.value("run_id"_L1).toString()}, &m_lastError);
}

bool Store::removeRun(const QString &id)
{
    return run(m_statements->removeRun, {id}, &m_lastError) && run(m_statements->removeLog, {id}, &m_lastError);
}

bool Store::appendLog(const QString &runId, qint64 seq, const QJsonObject &entry)
{
    return run(m_statements->appendLog, {runId, seq, toText(entry)}, &m_lastError);
}

QList<QJsonObject> Store::log(const QString &runId, qint64 first, qint64 count) const
{
    QList<QJsonObject> entries;
    QSqlQuery &query = m_statements->log;
    if (!run(query, {runId, first, count}, &m_lastError))
        return entries;
    while (query.next())
        entries.append(fromText(query.value(0)));
    query.finish();
    return entries;
}

bool Store::putWebInput(const QJsonObject &webInput)
{
    return run(m_statements->putWebInput, {webInput.value("id"_L1).toString(), toText(webInput)}, &m_lastError);
}

bool Store::recordNotification(const QString &runId, const QJsonObject &notification)
{
    return exec(u"INSERT INTO notifications (run_id, doc) VALUES (?, ?)"_s, {runId, toText(notification)});
}

QList<QJsonObject> Store::notifications() const
{
    QList<QJsonObject> list;
    QSqlQuery query(u"SELECT doc FROM notifications ORDER BY seq"_s, QSqlDatabase::database(m_connection, false));
    while (query.next())
        list.append(fromText(query.value(0)));
    return list;
}

bool Store::begin()
{
    if (m_transactionDepth++ > 0)
        return true;
    return QSqlDatabase::database(m_connection, false).transaction();
}

bool Store::commit()
{
    if (m_transactionDepth == 0 || --m_transactionDepth > 0)
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (db.commit())
        return true;
    m_lastError = db.lastError().text();
    return false;
}

} // namespace Flowdeck::Core::Engine
