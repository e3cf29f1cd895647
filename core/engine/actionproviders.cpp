// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/actionproviders.h"

#include "core/engine/servicecore.h"
#include "core/lang/expression.h"
#include "core/lang/jsonpath.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace Flowdeck::Core::Engine {

namespace {

ActionOutcome succeeded(const QJsonValue &details)
{
    return {u"SUCCEEDED"_s, details, {}, {}};
}

ActionOutcome failed(const QString &code, const QString &description)
{
    return {u"FAILED"_s, QJsonObject{{u"code"_s, code}, {u"description"_s, description}}, {}, {}};
}

ActionOutcome unableToRun(const QString &cause)
{
    return {{}, {}, u"ActionUnableToRun"_s, cause};
}

} // namespace

ActionProviders::ActionProviders(ServiceCore &core, QObject *parent)
    : QObject(parent)
    , m_core(core)
{}

QString ActionProviders::mockFile(const QString &flowId) const
{
    return QDir(m_core.options.dataDirectory).filePath(u"mocks/%1.json"_s.arg(flowId));
}

void ActionProviders::deliver(const ActionOutcome &outcome, const Done &done, qint64 delayMs)
{
    QTimer::singleShot(std::chrono::milliseconds(delayMs), this, [outcome, done] { done(outcome); });
}

void ActionProviders::start(const ActionRequest &request, const Done &done)
{
    if (mocked(request, done))
        return;
    QString url = request.url;
    while (url.endsWith(u'/'))
        url.chop(1);
    if (url == "https://actions.globus.org/hello_world"_L1 ||
        url == "https://actions.automate.globus.org/hello_world"_L1)
        return helloWorld(request, done);
    if (url == "https://actions.globus.org/notification/notify"_L1)
        return notify(request, done);
    if (url == "https://actions.globus.org/expression_eval"_L1)
        return expressionEval(request, done);
    for (const QString &prefix : {u"https://transfer.actions.globus.org/"_s, u"https://actions.globus.org/transfer/"_s,
                                  u"https://actions.automate.globus.org/transfer/"_s}) {
        if (url.startsWith(prefix)) {
            const QString operation = url.mid(prefix.size());
            if (QStringList{u"ls"_s, u"mkdir"_s, u"delete"_s, u"stat"_s, u"transfer"_s}.contains(operation))
                return transfer(request, operation, done);
        }
    }
    deliver(
        unableToRun(u"Flowdeck's local service has no provider for %1 and never contacts the network. To dry-run this "
                    "state, describe its results in the flow's mock file %2, e.g. {\"States\": {\"%3\": {\"status\": "
                    "\"SUCCEEDED\", \"details\": {...}}}} (a list gives one result per attempt; {\"error\": "
                    "\"ActionFailedException\", \"cause\": \"...\"} raises an error)"_s.arg(
                        request.url, mockFile(request.flowId), request.stateName)),
        done);
}

// Mock files: {"States": {"<state name>": <result> | [<result per attempt>, ...]}} where a result is
// {"status": "SUCCEEDED"|"FAILED"|"INACTIVE", "details": {...}, "delay_seconds": n} or
// {"error": "<name>", "cause": "..."}. The last result of a list repeats.
bool ActionProviders::mocked(const ActionRequest &request, const Done &done)
{
    if (m_core.options.dataDirectory.isEmpty())
        return false;
    QFile file(mockFile(request.flowId));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError) {
        deliver(unableToRun(
                    u"The mock file %1 is not valid JSON: %2 (at byte %3)"_s.arg(file.fileName(), error.errorString())
                        .arg(error.offset)),
                done);
        return true;
    }
    QJsonValue mock = document.object().value("States"_L1)[request.stateName];
    if (mock.isUndefined())
        return false;
    if (mock.isArray()) {
        const QJsonArray attempts = mock.toArray();
        mock =
            attempts.isEmpty() ? QJsonValue() : attempts.at(std::min<qsizetype>(request.attempt, attempts.size()) - 1);
    }
    const QJsonObject result = mock.toObject();
    const qint64 delay = qint64(result.value("delay_seconds"_L1).toDouble() * 1000 * m_core.options.timeScale);
    if (result.contains("error"_L1)) {
        deliver({{}, {}, result.value("error"_L1).toString(), result.value("cause"_L1).toString()}, done, delay);
        return true;
    }
    const QString status = result.value("status"_L1).toString(u"SUCCEEDED"_s);
    if (status != "SUCCEEDED"_L1 && status != "FAILED"_L1 && status != "INACTIVE"_L1) {
        deliver(unableToRun(u"The mock of state %1 in %2 has status \"%3\"; use SUCCEEDED, FAILED or INACTIVE"_s.arg(
                    request.stateName, file.fileName(), status)),
                done);
        return true;
    }
    deliver({status, result.value("details"_L1), {}, {}}, done, delay);
    return true;
}

void ActionProviders::helloWorld(const ActionRequest &request, const Done &done)
{
    const QJsonObject body = request.body.toObject();
    const QJsonValue echo = body.value("echo_string"_L1);
    const double sleep = body.value("sleep_time"_L1).toDouble();
    QJsonObject details{{u"Hello"_s, u"World"_s}};
    if (!echo.isUndefined())
        details.insert(u"hello"_s, echo);
    deliver(succeeded(details), done, qint64(sleep * 1000 * m_core.options.timeScale));
}

void ActionProviders::notify(const ActionRequest &request, const Done &done)
{
    const QJsonObject body = request.body.toObject();
    if (!body.value("destination"_L1).isString() && !body.value("destination"_L1).isArray())
        return deliver(failed(u"InvalidInput"_s, u"notify needs \"destination\": an email address"_s), done);
    QJsonObject record = body;
    record.remove(u"send_credentials"_s); // secrets are never stored
    record.insert(u"state_name"_s, request.stateName);
    record.insert(u"recorded_at"_s, isoNow());
    m_core.store.recordNotification(request.runId, record);
    deliver(succeeded(QJsonObject{{u"status"_s, u"recorded"_s},
                                  {u"message"_s, u"Recorded by Flowdeck's local service; nothing was sent"_s},
                                  {u"destination"_s, body.value("destination"_L1)}}),
            done);
}

// The hosted expression_eval provider: {"expression", "arguments", "result_path"} or a list of them
// under "expressions"; each result is stored at its result_path within the details.
void ActionProviders::expressionEval(const ActionRequest &request, const Done &done)
{
    const QJsonObject body = request.body.toObject();
    const QJsonArray items =
        body.contains("expressions"_L1) ? body.value("expressions"_L1).toArray() : QJsonArray{body};
    QJsonValue details = QJsonObject();
    for (const QJsonValue &item : items) {
        Expression::Error error;
        const auto expression = Expression::parse(item[u"expression"_s].toString(), &error);
        const auto value = expression ? expression->evaluate(item[u"arguments"_s].toObject(), &error) : std::nullopt;
        if (!value)
            return deliver(failed(u"ExpressionError"_s, error.message), done);
        QString path = item[u"result_path"_s].toString(u"result"_s);
        if (!path.startsWith(u'$'))
            path = u"$."_s + path;
        QString writeError;
        const auto parsed = JsonPath::parse(path);
        const auto written = parsed ? parsed->write(details, *value, &writeError) : std::nullopt;
        if (!written)
            return deliver(failed(u"ExpressionError"_s, u"result_path \"%1\" cannot be written"_s.arg(path)), done);
        details = *written;
    }
    deliver(succeeded(details), done);
}

void ActionProviders::transfer(const ActionRequest &request, const QString &operation, const Done &done)
{
    // File work happens on the thread pool so that the service keeps answering meanwhile.
    auto *watcher = new QFutureWatcher<ActionOutcome>(this);
    connect(watcher, &QFutureWatcher<ActionOutcome>::finished, this, [watcher, done] {
        done(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(LocalTransfer::run, operation, request.body.toObject(), m_core.collections));
}

namespace LocalTransfer {

QString resolve(const QString &root, const QString &path, QString *error)
{
    QString relative = path;
    if (relative.startsWith("/~/"_L1) || relative == "/~"_L1)
        relative = relative.mid(2); // the collection's home is its root here
    const QStringList parts = relative.split(u'/', Qt::SkipEmptyParts);
    if (parts.contains(u".."_s)) {
        *error = u"The path \"%1\" contains \"..\"; paths must stay inside the collection"_s.arg(path);
        return {};
    }
    const QString canonicalRoot = QFileInfo(root).canonicalFilePath();
    if (canonicalRoot.isEmpty()) {
        *error = u"The collection's directory %1 does not exist"_s.arg(root);
        return {};
    }
    QString current = canonicalRoot;
    for (const QString &part : parts) {
        if (part == "."_L1)
            continue;
        current += u'/' + part;
        const QFileInfo info(current);
        if (info.isSymLink()) {
            *error = u"The path \"%1\" goes through a symbolic link, which the local service refuses"_s.arg(path);
            return {};
        }
    }
    return current;
}

namespace {

QJsonObject entry(const QFileInfo &info)
{
    return {{u"name"_s, info.fileName()},
            {u"type"_s, info.isDir() ? u"dir"_s : u"file"_s},
            {u"size"_s, info.isDir() ? 0 : info.size()},
            {u"last_modified"_s, info.lastModified().toUTC().toString(u"yyyy-MM-dd HH:mm:ss+00:00"_s)},
            {u"permissions"_s, u"0644"_s}};
}

bool copyTree(const QString &from, const QString &to, bool recursive, qint64 *files, qint64 *bytes, QString *error)
{
    const QFileInfo source(from);
    if (source.isSymLink()) {
        *error = u"%1 is a symbolic link, which the local service refuses"_s.arg(source.fileName());
        return false;
    }
    if (source.isDir()) {
        if (!recursive) {
            *error = u"%1 is a directory: set \"recursive\": true to copy it"_s.arg(source.fileName());
            return false;
        }
        if (!QDir().mkpath(to)) {
            *error = u"Cannot create the directory %1"_s.arg(to);
            return false;
        }
        const QDir dir(from);
        for (const QFileInfo &child : dir.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
            if (!copyTree(child.filePath(), to + u'/' + child.fileName(), true, files, bytes, error))
                return false;
        return true;
    }
    QDir().mkpath(QFileInfo(to).path());
    QFile::remove(to);
    if (!QFile::copy(from, to)) {
        *error = u"Cannot copy %1 to %2"_s.arg(from, to);
        return false;
    }
    ++*files;
    *bytes += source.size();
    return true;
}

} // namespace

ActionOutcome run(const QString &operation, const QJsonObject &body, const QHash<QString, QString> &collections)
{
    auto root = [&](const QStringList &keys, QString *id) {
        for (const QString &key : keys)
            if (body.value(key).isString()) {
                *id = body.value(key).toString();
                return collections.value(*id);
            }
        return QString();
    };
    auto unknown = [&](const QString &id) {
        return failed(u"EndpointNotFound"_s,
                      id.isEmpty() ? u"No collection id was given"_s
                                   : u"\"%1\" is not a local collection; map it to a directory in Flowdeck's "
                                     "settings"_s.arg(id));
    };
    QString error;
    if (operation == "transfer"_L1) {
        QString sourceId, destinationId;
        const QString source = root({u"source_endpoint"_s, u"source_endpoint_id"_s}, &sourceId);
        const QString destination = root({u"destination_endpoint"_s, u"destination_endpoint_id"_s}, &destinationId);
        if (source.isEmpty())
            return unknown(sourceId);
        if (destination.isEmpty())
            return unknown(destinationId);
        const QJsonArray items =
            body.contains("DATA"_L1) ? body.value("DATA"_L1).toArray() : body.value("transfer_items"_L1).toArray();
        if (items.isEmpty())
            return failed(u"InvalidInput"_s, u"A transfer needs \"DATA\": a list of {source_path, destination_path}"_s);
        qint64 files = 0, bytes = 0;
        for (const QJsonValue &item : items) {
            const QString from = resolve(source, item[u"source_path"_s].toString(), &error);
            const QString to =
                from.isEmpty() ? QString() : resolve(destination, item[u"destination_path"_s].toString(), &error);
            if (to.isEmpty())
                return failed(u"PermissionDenied"_s, error);
            if (!QFileInfo::exists(from))
                return failed(u"NotFound"_s,
                              u"%1 does not exist on %2"_s.arg(item[u"source_path"_s].toString(), sourceId));
            if (!copyTree(from, to, item[u"recursive"_s].toBool(), &files, &bytes, &error))
                return failed(u"TransferFailed"_s, error);
        }
        return succeeded(QJsonObject{{u"task_id"_s, newId()},
                                     {u"status"_s, u"SUCCEEDED"_s},
                                     {u"files"_s, files},
                                     {u"files_transferred"_s, files},
                                     {u"bytes_transferred"_s, bytes},
                                     {u"source_endpoint_id"_s, sourceId},
                                     {u"destination_endpoint_id"_s, destinationId},
                                     {u"label"_s, body.value("label"_L1)}});
    }
    QString id;
    const QString collection = root({u"endpoint_id"_s, u"endpoint"_s}, &id);
    if (collection.isEmpty())
        return unknown(id);
    if (operation == "delete"_L1) {
        const QJsonArray items = body.contains("DATA"_L1) ? body.value("DATA"_L1).toArray()
                                                          : QJsonArray{QJsonObject{{u"path"_s, body.value("path"_L1)}}};
        for (const QJsonValue &item : items) {
            const QString path = resolve(collection, item[u"path"_s].toString(), &error);
            if (path.isEmpty())
                return failed(u"PermissionDenied"_s, error);
            if (path == QFileInfo(collection).canonicalFilePath())
                return failed(u"PermissionDenied"_s, u"The collection's root cannot be deleted"_s);
            const QFileInfo info(path);
            if (info.isDir() && !body.value("recursive"_L1).toBool() && !item[u"recursive"_s].toBool())
                return failed(u"DirectoryNotEmpty"_s,
                              u"%1 is a directory: set \"recursive\": true"_s.arg(item[u"path"_s].toString()));
            const bool removed = info.isDir() ? QDir(path).removeRecursively() : QFile::remove(path);
            if (!removed && info.exists())
                return failed(u"DeleteFailed"_s, u"Cannot delete %1"_s.arg(item[u"path"_s].toString()));
        }
        return succeeded(QJsonObject{{u"task_id"_s, newId()}, {u"status"_s, u"SUCCEEDED"_s}});
    }
    const QString path = resolve(collection, body.value("path"_L1).toString(u"/"_s), &error);
    if (path.isEmpty())
        return failed(u"PermissionDenied"_s, error);
    const QFileInfo info(path);
    if (operation == "mkdir"_L1) {
        if (info.exists())
            return failed(u"Exists"_s, u"%1 already exists"_s.arg(body.value("path"_L1).toString()));
        if (!QDir().mkpath(path))
            return failed(u"MkdirFailed"_s, u"Cannot create %1"_s.arg(body.value("path"_L1).toString()));
        return succeeded(QJsonObject{{u"code"_s, u"DirectoryCreated"_s}, {u"path"_s, body.value("path"_L1)}});
    }
    if (!info.exists())
        return failed(u"NotFound"_s, u"%1 does not exist on %2"_s.arg(body.value("path"_L1).toString(u"/"_s), id));
    if (operation == "stat"_L1)
        return succeeded(entry(info));
    if (!info.isDir())
        return failed(u"NotADirectory"_s, u"%1 is not a directory"_s.arg(body.value("path"_L1).toString()));
    QJsonArray data;
    for (const QFileInfo &child : QDir(path).entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot, QDir::Name))
        data.append(entry(child));
    return succeeded(QJsonObject{{u"DATA"_s, data},
                                 {u"path"_s, body.value("path"_L1).toString(u"/"_s)},
                                 {u"endpoint"_s, id},
                                 {u"length"_s, data.size()}});
}

} // namespace LocalTransfer
} // namespace Flowdeck::Core::Engine
