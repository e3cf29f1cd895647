// SPDX-License-Identifier: GPL-3.0-or-later
// The /runs routes of the local service (reference §1.1, §1.3, §2.2, §2.3, §6).
#include "core/api/principals.h"
#include "core/engine/executor.h"
#include "core/engine/servicecore.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Engine {

namespace {

bool isTerminal(const QString &status)
{
    return status == "SUCCEEDED"_L1 || status == "FAILED"_L1 || status == "ENDED"_L1;
}

// "DT1,DT2" (half-open), "DT," or ",DT".
bool inRange(const QString &time, const QString &range, bool *valid)
{
    const QStringList bounds = range.split(u',');
    *valid = bounds.size() == 2;
    if (!*valid)
        return false;
    const QDateTime t = QDateTime::fromString(time, Qt::ISODateWithMs);
    auto bound = [&](const QString &text, QDateTime *out) {
        if (text.trimmed().isEmpty())
            return true;
        *out = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
        return out->isValid();
    };
    QDateTime from, to;
    if (!bound(bounds.at(0), &from) || !bound(bounds.at(1), &to)) {
        *valid = false;
        return false;
    }
    if (!t.isValid())
        return false;
    return (!from.isValid() || t >= from) && (!to.isValid() || t < to);
}

ServiceResponse listRuns(ServiceCore &core, const ServiceRequest &request)
{
    const PageRequest page = pageRequest(request.query, 20, 100);
    if (page.badMarker)
        return errorResponse(400, u"BAD_REQUEST"_s, u"The marker is not valid"_s);
    const QStringList flowIds = commaList(page.query, u"filter_flow_id"_s);
    QStringList roles = commaList(page.query, u"filter_roles"_s) + commaList(page.query, u"filter_role"_s);
    for (QString &role : roles)
        if (role.endsWith(u's'))
            role.chop(1);
    const QStringList statuses = commaList(page.query, u"filter_status"_s);
    const QStringList labels = commaList(page.query, u"filter_label"_s);
    const QStringList tags = commaList(page.query, u"filter_tags"_s);
    const QStringList titles = commaList(page.query, u"filter_flow_title"_s);
    const QString started = page.query.queryItemValue(u"filter_start_time"_s, QUrl::FullyDecoded);
    const QString completed = page.query.queryItemValue(u"filter_completion_time"_s, QUrl::FullyDecoded);
    QList<QJsonObject> matches;
    for (const RunRecord &run : std::as_const(core.runs)) {
        const QStringList mine = core.runRoles(run, request.identity);
        if (mine.isEmpty())
            continue;
        const QJsonObject &doc = run.doc;
        if (!roles.isEmpty() &&
            std::none_of(roles.begin(), roles.end(), [&](const QString &r) { return mine.contains(r); }))
            continue;
        if (!flowIds.isEmpty() && !flowIds.contains(doc.value("flow_id"_L1).toString()))
            continue;
        if (!statuses.isEmpty() && !statuses.contains(doc.value("status"_L1).toString(), Qt::CaseInsensitive))
            continue;
        if (!labels.isEmpty() && std::none_of(labels.begin(), labels.end(), [&](const QString &l) {
                return doc.value("label"_L1).toString().contains(l, Qt::CaseInsensitive);
            }))
            continue;
        if (!titles.isEmpty() && std::none_of(titles.begin(), titles.end(), [&](const QString &t) {
                return doc.value("flow_title"_L1).toString().contains(t, Qt::CaseInsensitive);
            }))
            continue;
        const QJsonArray runTags = doc.value("tags"_L1).toArray();
        if (!tags.isEmpty() &&
            std::none_of(tags.begin(), tags.end(), [&](const QString &t) { return runTags.contains(t); }))
            continue;
        bool valid = true;
        if (!started.isEmpty() && !inRange(doc.value("start_time"_L1).toString(), started, &valid) && valid)
            continue;
        if (!valid)
            return errorResponse(422, u"UNPROCESSABLE_ENTITY"_s,
                                 u"filter_start_time must be \"DT1,DT2\", \"DT,\" or \",DT\" with ISO 8601 times"_s);
        if (!completed.isEmpty() && !inRange(doc.value("completion_time"_L1).toString(), completed, &valid) && valid)
            continue;
        if (!valid)
            return errorResponse(
                422, u"UNPROCESSABLE_ENTITY"_s,
                u"filter_completion_time must be \"DT1,DT2\", \"DT,\" or \",DT\" with ISO 8601 times"_s);
        matches.append(core.runView(run, request.identity));
    }
    QString error;
    const QString orderby = commaList(page.query, u"orderby"_s).join(u',');
    if (!sortBy(matches, orderby.isEmpty() ? u"start_time DESC"_s : orderby,
                {u"id"_s, u"run_id"_s, u"start_time"_s, u"completion_time"_s, u"status"_s, u"label"_s}, &error))
        return errorResponse(422, u"UNPROCESSABLE_ENTITY"_s, error);
    return {200, pageBody(page, u"runs"_s, pageItems(page, matches), matches.size())};
}

ServiceResponse runLog(ServiceCore &core, const ServiceRequest &request, const RunRecord &run)
{
    const PageRequest page = pageRequest(request.query, 10, 100);
    if (page.badMarker)
        return errorResponse(400, u"BAD_REQUEST"_s, u"The marker is not valid"_s);
    const bool reverse = page.query.queryItemValue(u"reverse_order"_s).compare("true"_L1, Qt::CaseInsensitive) == 0;
    const qint64 total = run.logCount;
    const qint64 end = std::min<qint64>(total, page.offset + page.limit);
    QList<QJsonObject> entries;
    if (reverse) // newest first: entries [total - end, total - offset) backwards
        entries = core.store.log(run.doc.value("run_id"_L1).toString(), total - end, end - page.offset);
    else
        entries = core.store.log(run.doc.value("run_id"_L1).toString(), page.offset, end - page.offset);
    if (reverse)
        std::reverse(entries.begin(), entries.end());
    QJsonArray array;
    for (const QJsonObject &entry : std::as_const(entries))
        array.append(entry);
    QJsonObject body{{u"limit"_s, page.limit}, {u"has_next_page"_s, end < total}, {u"entries"_s, array}};
    if (end < total)
        body.insert(u"marker"_s, nextMarker(page, end));
    return {200, body};
}

ServiceResponse updateRun(ServiceCore &core, const ServiceRequest &request, RunRecord &run)
{
    QJsonObject body;
    ServiceResponse failure;
    if (!parseBody(request, &body, &failure))
        return failure;
    QJsonArray detail;
    for (const char *key : {"run_managers", "run_monitors"}) {
        const QJsonValue list = body.value(QLatin1StringView(key));
        if (list.isUndefined())
            continue;
        for (const QJsonValue &p : list.toArray())
            if (!Principals::isUrn(p.toString()))
                detail.append(problem({u"body"_s, QLatin1StringView(key)},
                                      u"\"%1\" is not a principal URN"_s.arg(p.toString()), u"value_error"_s));
    }
    if (body.contains("label"_L1) && !body.value("label"_L1).isString())
        detail.append(QJsonObject{{u"loc"_s, QJsonArray{u"body"_s, u"label"_s}},
                                  {u"msg"_s, u"must be a string"_s},
                                  {u"type"_s, u"type_error.str"_s}});
    if (!detail.isEmpty())
        return errorResponse(422, u"UNPROCESSABLE_ENTITY"_s, detail);
    for (const char *key : {"label", "tags", "run_managers", "run_monitors"})
        if (body.contains(QLatin1StringView(key)))
            run.doc.insert(QLatin1StringView(key), body.value(QLatin1StringView(key)));
    run.doc.insert(u"manage_by"_s, run.doc.value("run_managers"_L1));
    run.doc.insert(u"monitor_by"_s, run.doc.value("run_monitors"_L1));
    if (!core.saveRun(run))
        return errorResponse(500, u"STORAGE_ERROR"_s, core.store.lastError());
    return {200, core.runView(run, request.identity)};
}

} // namespace

ServiceResponse handleRuns(ServiceCore &core, const ServiceRequest &request)
{
    const QStringList &s = request.segments; // s[0] == "runs"
    const QByteArray &method = request.method;
    if (s.size() == 1 && method == "GET")
        return listRuns(core, request);
    if (s.size() < 2)
        return errorResponse(405, u"METHOD_NOT_ALLOWED"_s, u"Method not allowed"_s);
    const auto found = core.runs.find(s.at(1));
    if (found == core.runs.end() || core.runRoles(*found, request.identity).isEmpty())
        return notFound(u"Run"_s, s.at(1));
    RunRecord &run = *found;
    const QStringList roles = core.runRoles(run, request.identity);
    const bool manages =
        roles.contains("run_owner"_L1) || roles.contains("run_manager"_L1) || roles.contains("flow_run_manager"_L1);
    const QString action = s.size() == 3 ? s.at(2) : QString();
    if (s.size() == 2 && method == "GET") {
        QJsonObject view = core.runView(run, request.identity);
        if (request.query.queryItemValue(u"include_flow_description"_s).compare("true"_L1, Qt::CaseInsensitive) == 0) {
            const QJsonObject flow = core.flows.value(run.doc.value("flow_id"_L1).toString());
            QJsonObject description;
            for (const char *key :
                 {"id", "flow_owner", "created_at", "updated_at", "title", "subtitle", "description", "keywords"})
                description.insert(QLatin1StringView(key), flow.value(QLatin1StringView(key)));
            if (flow.isEmpty())
                description = {{u"id"_s, run.doc.value("flow_id"_L1)}, {u"deleted_at"_s, isoNow()}};
            view.insert(u"flow_description"_s, description);
        }
        return {200, view};
    }
    if (action == "definition"_L1 && method == "GET")
        return {200, run.definition};
    if (action == "log"_L1 && method == "GET")
        return runLog(core, request, run);
    if (!manages && (method == "PUT" || method == "POST"))
        return errorResponse(403, u"FORBIDDEN"_s,
                             u"You do not have the necessary permissions to perform this action on the run with id "
                             "value %1. Missing permissions: MANAGE."_s.arg(s.at(1)));
    if (s.size() == 2 && method == "PUT")
        return updateRun(core, request, run);
    if (action == "cancel"_L1 && method == "POST")
        return core.executor->cancel(run, request.identity);
    if (action == "resume"_L1 && method == "POST")
        return core.executor->resume(run, request.identity);
    if (action == "release"_L1 && method == "POST") {
        const QString status = run.doc.value("status"_L1).toString();
        if (!isTerminal(status))
            return errorResponse(409, u"STATE_CONFLICT"_s,
                                 u"Run %1 has status '%2' but must have status in {'ENDED', 'SUCCEEDED', 'FAILED'} for "
                                 "requested operation"_s.arg(s.at(1), status));
        const QJsonObject view = core.runView(run, request.identity);
        if (!core.store.removeRun(s.at(1)))
            return errorResponse(500, u"STORAGE_ERROR"_s, core.store.lastError());
        core.runs.erase(found);
        return {200, view};
    }
    return errorResponse(405, u"METHOD_NOT_ALLOWED"_s, u"Method not allowed"_s);
}

} // namespace Flowdeck::Core::Engine
