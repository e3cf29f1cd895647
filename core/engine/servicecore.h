// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/localservice.h"
#include "core/engine/store.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <QUrlQuery>

namespace Flowdeck::Core::Engine {

class ActionProviders;
class Executor;

// "2026-11-29T21:30:00.123000+00:00", as the service writes times.
QString isoNow();
QString isoTime(qint64 msecsSinceEpoch);
QString newId();

struct RunRecord
{
    QJsonObject doc;
    QJsonObject definition; // {flow_id, definition, input_schema} as at the start
    // The executor's progress: {"state", "data" (the run state), "phase", "wake" (ms), "attempts"}.
    QJsonObject exec;
    qint64 logCount = 0;
    int generation = 0; // bumped by cancel and resume: late callbacks of an earlier life are ignored
};

struct ServiceRequest
{
    QByteArray method;
    QStringList segments; // the decoded path, split at '/'
    QUrlQuery query;
    QByteArray body;
    QString identity; // the caller's URN
};

struct ServiceResponse
{
    int status = 200;
    QJsonObject body;
};

// The service's error format: {"error": {"code", "detail", "message"?}, "debug_id"}.
ServiceResponse errorResponse(int status, const QString &code, const QJsonValue &detail,
                              const QString &message = QString());
inline ServiceResponse errorResponse(int status, const QString &code, const QString &detail,
                                     const QString &message = QString())
{
    return errorResponse(status, code, QJsonValue(detail), message);
}
// One {loc, msg, type} entry of a 422 "detail" list, and the 422 that carries them.
QJsonObject problem(const QJsonArray &loc, const QString &message, const QString &type);
ServiceResponse unprocessable(const QJsonArray &detail);
// The request's body as a JSON object, else *failure is the service's 422.
bool parseBody(const ServiceRequest &request, QJsonObject *body, ServiceResponse *failure);
ServiceResponse notFound(const QString &what, const QString &id);

// Everything the API handlers, the executor and the providers share; lives on the service thread.
class ServiceCore
{
public:
    explicit ServiceCore(const LocalServiceOptions &serviceOptions)
        : options(serviceOptions)
    {}

    LocalServiceOptions options;
    Store store;
    QString baseUrl;
    QString userUrn;
    QHash<QString, QString> identities; // token -> URN
    QHash<QString, QJsonObject> flows;
    QHash<QString, RunRecord> runs;
    QHash<QString, QJsonObject> webInputs;
    QHash<QString, QString> collections; // id -> directory
    Executor *executor = nullptr;
    ActionProviders *providers = nullptr;
    LocalService *service = nullptr;

    // The caller's roles on a flow / a run, as the service names them.
    QStringList flowRoles(const QJsonObject &flow, const QString &identity) const;
    QStringList runRoles(const RunRecord &run, const QString &identity) const;
    // A document as the caller sees it (user_role, user_roles; role lists only for administrators).
    QJsonObject flowView(const QJsonObject &flow, const QString &identity) const;
    QJsonObject runView(const RunRecord &run, const QString &identity) const;
    bool saveRun(const RunRecord &run); // the document and the progress
};

ServiceResponse handleFlows(ServiceCore &core, const ServiceRequest &request);
ServiceResponse handleRuns(ServiceCore &core, const ServiceRequest &request);
ServiceResponse handleWebInputs(ServiceCore &core, const ServiceRequest &request);

// Paging shared by the list routes: the marker carries the query it continues (the service ignores
// other parameters when a marker is present) and the offset.
struct PageRequest
{
    QUrlQuery query; // the effective query
    qsizetype offset = 0;
    qsizetype limit = 20;
    bool badMarker = false;
};
PageRequest pageRequest(const QUrlQuery &query, qsizetype defaultLimit, qsizetype maxLimit);
QString nextMarker(const PageRequest &page, qsizetype nextOffset);
QList<QJsonObject> pageItems(const PageRequest &page, const QList<QJsonObject> &all);
// {itemsKey: items, "limit", "has_next_page", "marker"} for the page of a list of total items.
QJsonObject pageBody(const PageRequest &page, const QString &itemsKey, const QList<QJsonObject> &items,
                     qsizetype total);
// Sorts by "field ASC|DESC, ..." (string or number comparison); false for an unknown field.
bool sortBy(QList<QJsonObject> &items, const QString &orderby, const QStringList &fields, QString *error);
QStringList commaList(const QUrlQuery &query, const QString &key);

} // namespace Flowdeck::Core::Engine
