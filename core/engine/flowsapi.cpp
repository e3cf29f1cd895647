// SPDX-License-Identifier: GPL-3.0-or-later
// The /flows routes of the local service (reference §1.1, §2.1, §5.4, §5.5).
#include "core/api/principals.h"
#include "core/engine/executor.h"
#include "core/engine/servicecore.h"
#include "core/lang/definitionvalidator.h"
#include "core/lang/jsonschema.h"

#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace Flowdeck::Core::Engine {

namespace {

const char *const RoleLists[] = {"flow_viewers", "flow_starters", "flow_administrators", "run_managers",
                                 "run_monitors"};

// Metadata checks shared by create and update; the definition is checked by the toolkit.
void checkMetadata(const QJsonObject &body, QJsonArray &detail)
{
    auto text = [&](const char *key, int min, int max) {
        const QJsonValue v = body.value(QLatin1StringView(key));
        if (v.isUndefined())
            return;
        if (!v.isString() || v.toString().size() < min || v.toString().size() > max)
            detail.append(problem({u"body"_s, QLatin1StringView(key)},
                                  u"must be a string of %1 to %2 characters"_s.arg(min).arg(max), u"value_error"_s));
    };
    text("title", 1, 128);
    text("subtitle", 0, 128);
    text("description", 0, 4096);
    const QJsonValue keywords = body.value("keywords"_L1);
    if (!keywords.isUndefined()) {
        qsizetype total = 0;
        bool strings = keywords.isArray();
        for (const QJsonValue &k : keywords.toArray()) {
            strings = strings && k.isString();
            total += k.toString().size();
        }
        if (!strings || total > 1024)
            detail.append(problem({u"body"_s, u"keywords"_s},
                                  u"must be a list of strings of at most 1024 characters in all"_s, u"value_error"_s));
    }
    for (const char *key : RoleLists) {
        const QJsonValue list = body.value(QLatin1StringView(key));
        if (list.isUndefined())
            continue;
        const QJsonArray items = list.toArray();
        QSet<QString> unique;
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString value = items.at(i).toString();
            unique.insert(value);
            const bool special = (qstrcmp(key, "flow_viewers") == 0 && value == "public"_L1) ||
                                 (qstrcmp(key, "flow_starters") == 0 && value == "all_authenticated_users"_L1);
            if (!items.at(i).isString() || (!special && !Principals::isUrn(value)))
                detail.append(problem({u"body"_s, QLatin1StringView(key), i},
                                      u"\"%1\" is not a principal URN (urn:globus:auth:identity:<uuid> or "
                                      "urn:globus:groups:id:<uuid>)"_s.arg(value),
                                      u"value_error"_s));
        }
        if (!list.isArray())
            detail.append(problem({u"body"_s, QLatin1StringView(key)}, u"must be a list"_s, u"type_error.list"_s));
        else if (unique.size() > 16)
            detail.append(problem({u"body"_s, QLatin1StringView(key)}, u"at most 16 principals are allowed"_s,
                                  u"value_error.list.max_items"_s));
    }
}

// The toolkit's errors, in the service's "detail" form (loc from the body's root).
void checkDefinition(const QJsonObject &definition, const QJsonValue &inputSchema, QJsonArray &detail)
{
    QJsonObject document{{u"definition"_s, definition}};
    if (!inputSchema.isUndefined())
        document.insert(u"input_schema"_s, inputSchema);
    for (const Diagnostic &d : DefinitionValidator::validate(QJsonDocument(document).toJson(QJsonDocument::Compact)))
        // FD3xx are Flowdeck's own lints (a retired provider, a path without ".$"): the real service
        // accepts such definitions, so its stand-in does too.
        if (d.severity == Diagnostic::Severity::Error && !d.code.startsWith("FD3"_L1))
            detail.append(problem(d.path, d.message, d.code));
}

// Every path from StartAt to an end, loops taken once: the service's "possible traversals".
qint64 traversals(const QJsonObject &states, const QString &name, QSet<QString> &onPath, int depth)
{
    const QJsonObject state = states.value(name).toObject();
    if (state.isEmpty() || onPath.contains(name) || depth > 200)
        return 0;
    QStringList next;
    for (const char *field : {"Next", "Default"})
        if (state.value(QLatin1StringView(field)).isString())
            next.append(state.value(QLatin1StringView(field)).toString());
    for (const char *list : {"Choices", "Catch"})
        for (const QJsonValue &item : state.value(QLatin1StringView(list)).toArray())
            if (item[u"Next"_s].isString())
                next.append(item[u"Next"_s].toString());
    if (next.isEmpty())
        return 1;
    onPath.insert(name);
    qint64 total = 0;
    for (const QString &target : next)
        total = std::min<qint64>(total + traversals(states, target, onPath, depth + 1), 1'000'000'000);
    onPath.remove(name);
    return std::max<qint64>(total, 1);
}

QJsonObject validationResult(const QJsonObject &definition)
{
    static const QHash<QString, QString> scopes{
        {u"https://transfer.actions.globus.org/"_s, u"urn:globus:auth:scope:transfer.api.globus.org:all"_s},
        {u"https://actions.globus.org/hello_world"_s,
         u"https://auth.globus.org/scopes/actions.globus.org/hello_world"_s},
        {u"https://actions.globus.org/notification/notify"_s,
         u"https://auth.globus.org/scopes/5fac2e64-c734-4e6b-90ea-ff12ddbf9653/notification_notify"_s},
        {u"https://actions.globus.org/expression_eval"_s,
         u"https://auth.globus.org/scopes/5fac2e64-c734-4e6b-90ea-ff12ddbf9653/expression"_s},
    };
    QSet<QString> user;
    const QJsonObject states = definition.value("States"_L1).toObject();
    for (const QJsonValue &state : states) {
        const QString url = state[u"ActionUrl"_s].toString();
        for (auto it = scopes.cbegin(); it != scopes.cend(); ++it)
            if (!url.isEmpty() && url.startsWith(it.key()))
                user.insert(it.value());
        if (state[u"ActionScope"_s].isString())
            user.insert(state[u"ActionScope"_s].toString());
    }
    QStringList sorted(user.begin(), user.end());
    sorted.sort();
    QSet<QString> onPath;
    return {{u"scopes"_s, QJsonObject{{u"User"_s, QJsonArray::fromStringList(sorted)}}},
            {u"analysis"_s, QJsonObject{{u"number_of_possibilities"_s,
                                         traversals(states, definition.value("StartAt"_L1).toString(), onPath, 0)}}}};
}

ServiceResponse listFlows(ServiceCore &core, const ServiceRequest &request)
{
    const PageRequest page = pageRequest(request.query, 20, 100);
    if (page.badMarker)
        return errorResponse(400, u"BAD_REQUEST"_s, u"The marker is not valid"_s);
    QStringList roles = commaList(page.query, u"filter_roles"_s) + commaList(page.query, u"filter_role"_s);
    for (QString &role : roles) // the OAS spells them in the plural
        if (role.endsWith(u's'))
            role.chop(1);
    const QStringList fulltext = commaList(page.query, u"filter_fulltext"_s);
    QList<QJsonObject> matches;
    for (const QJsonObject &flow : std::as_const(core.flows)) {
        const QStringList mine = core.flowRoles(flow, request.identity);
        if (mine.isEmpty())
            continue;
        if (!roles.isEmpty() && std::none_of(roles.begin(), roles.end(), [&](const QString &r) {
                return mine.contains(r) || (r == "run_manager"_L1 && mine.contains("flow_run_manager"_L1)) ||
                       (r == "run_monitor"_L1 && mine.contains("flow_run_monitor"_L1));
            }))
            continue;
        if (!fulltext.isEmpty()) {
            QString haystack;
            for (const char *key : {"id", "title", "subtitle", "description"})
                haystack += flow.value(QLatin1StringView(key)).toString() + u' ';
            for (const QJsonValue &k : flow.value("keywords"_L1).toArray())
                haystack += k.toString() + u' ';
            if (std::any_of(fulltext.begin(), fulltext.end(),
                            [&](const QString &word) { return !haystack.contains(word, Qt::CaseInsensitive); }))
                continue;
        }
        matches.append(flow);
    }
    QString error;
    const QString orderby = commaList(page.query, u"orderby"_s).join(u','); // repeated keys become one list
    if (!sortBy(matches, orderby.isEmpty() ? u"updated_at DESC"_s : orderby,
                {u"id"_s, u"scope_string"_s, u"flow_owner"_s, u"flow_administrators"_s, u"title"_s, u"created_at"_s,
                 u"updated_at"_s},
                &error))
        return errorResponse(422, u"UNPROCESSABLE_ENTITY"_s, error);
    QList<QJsonObject> views;
    for (const QJsonObject &flow : pageItems(page, matches))
        views.append(core.flowView(flow, request.identity));
    return {200, pageBody(page, u"flows"_s, views, matches.size())};
}

ServiceResponse createFlow(ServiceCore &core, const ServiceRequest &request)
{
    QJsonObject body;
    ServiceResponse failure;
    if (!parseBody(request, &body, &failure))
        return failure;
    QJsonArray detail;
    for (const char *key : {"title", "definition", "input_schema"})
        if (!body.contains(QLatin1StringView(key)))
            detail.append(problem({u"body"_s, QLatin1StringView(key)}, u"field required"_s, u"value_error.missing"_s));
    checkMetadata(body, detail);
    if (body.contains("definition"_L1) && !body.value("definition"_L1).isObject())
        detail.append(problem({u"body"_s, u"definition"_s}, u"must be an object"_s, u"type_error.dict"_s));
    else if (body.contains("definition"_L1))
        checkDefinition(body.value("definition"_L1).toObject(), body.value("input_schema"_L1), detail);
    if (!detail.isEmpty())
        return unprocessable(detail);

    const QString id = newId();
    const QString now = isoNow();
    QString underscored = id;
    underscored.replace(u'-', u'_');
    QJsonObject flow{
        {u"id"_s, id},
        {u"title"_s, body.value("title"_L1)},
        {u"subtitle"_s, body.value("subtitle"_L1).toString()},
        {u"description"_s, body.value("description"_L1).toString()},
        {u"keywords"_s, body.value("keywords"_L1).toArray()},
        {u"definition"_s, body.value("definition"_L1)},
        {u"input_schema"_s, body.value("input_schema"_L1)},
        {u"globus_auth_scope"_s, u"https://auth.globus.org/scopes/%1/flow_%2_user"_s.arg(id, underscored)},
        {u"synchronous"_s, false},
        {u"log_supported"_s, true},
        {u"types"_s, QJsonArray{u"Action"_s}},
        {u"api_version"_s, u"1.0"_s},
        {u"principal_urn"_s, QString(u"urn:globus:auth:identity:"_s + id)},
        {u"globus_auth_username"_s, QString(id + u"@clients.auth.globus.org"_s)},
        {u"created_at"_s, now},
        {u"updated_at"_s, now},
        {u"created_by"_s, request.identity},
        {u"flow_owner"_s, request.identity},
        {u"flow_url"_s, QString(core.baseUrl + u"flows/"_s + id)},
        {u"action_url"_s, QString(core.baseUrl + u"flows/"_s + id)},
        {u"subscription_id"_s,
         body.value("subscription_id"_L1).isString() ? body.value("subscription_id"_L1) : QJsonValue()},
        {u"authentication_policy_id"_s, body.value("authentication_policy_id"_L1).isString()
                                            ? body.value("authentication_policy_id"_L1)
                                            : QJsonValue()},
        {u"is_high_assurance"_s, false},
        {u"visible_to"_s, QJsonArray()},
        {u"runnable_by"_s, QJsonArray()},
        {u"administered_by"_s, QJsonArray()},
    };
    for (const char *key : RoleLists)
        flow.insert(QLatin1StringView(key), body.value(QLatin1StringView(key)).toArray());
    if (!core.store.putFlow(flow))
        return errorResponse(500, u"STORAGE_ERROR"_s, u"The flow could not be stored: "_s + core.store.lastError());
    core.flows.insert(id, flow);
    return {201, core.flowView(flow, request.identity)};
}

ServiceResponse updateFlow(ServiceCore &core, const ServiceRequest &request, QJsonObject flow)
{
    QJsonObject body;
    ServiceResponse failure;
    if (!parseBody(request, &body, &failure))
        return failure;
    QJsonArray detail;
    checkMetadata(body, detail);
    if (body.contains("definition"_L1) || body.contains("input_schema"_L1)) {
        const QJsonValue definition =
            body.value("definition"_L1).isUndefined() ? flow.value("definition"_L1) : body.value("definition"_L1);
        if (!definition.isObject())
            detail.append(problem({u"body"_s, u"definition"_s}, u"must be an object"_s, u"type_error.dict"_s));
        else
            checkDefinition(definition.toObject(),
                            body.contains("input_schema"_L1) ? body.value("input_schema"_L1)
                                                             : flow.value("input_schema"_L1),
                            detail);
    }
    if (body.contains("flow_owner"_L1) && !Principals::isUrn(body.value("flow_owner"_L1).toString()))
        detail.append(problem({u"body"_s, u"flow_owner"_s}, u"must be an identity URN"_s, u"value_error"_s));
    if (!detail.isEmpty())
        return unprocessable(detail);
    const QStringList mutableKeys{u"title"_s,           u"subtitle"_s,
                                  u"description"_s,     u"keywords"_s,
                                  u"definition"_s,      u"input_schema"_s,
                                  u"flow_owner"_s,      u"flow_viewers"_s,
                                  u"flow_starters"_s,   u"flow_administrators"_s,
                                  u"run_managers"_s,    u"run_monitors"_s,
                                  u"subscription_id"_s, u"authentication_policy_id"_s};
    for (const QString &key : mutableKeys)
        if (body.contains(key))
            flow.insert(key, body.value(key));
    flow.insert(u"updated_at"_s, isoNow());
    if (!core.store.putFlow(flow))
        return errorResponse(500, u"STORAGE_ERROR"_s, u"The flow could not be stored: "_s + core.store.lastError());
    core.flows.insert(flow.value("id"_L1).toString(), flow);
    return {200, core.flowView(flow, request.identity)};
}

ServiceResponse validateInput(const QJsonObject &flow, const QJsonObject &body)
{
    if (!body.value("body"_L1).isObject())
        return errorResponse(
            400, u"FLOW_INPUT_ERROR"_s,
            QJsonArray{problem({u"$"_s}, u"The run input (\"body\") must be a JSON object"_s, u"InvalidActionInput"_s)},
            u"Input failed schema validation with 1 error."_s);
    QString error;
    const auto schema = JsonSchema::compile(flow.value("input_schema"_L1), &error);
    if (!schema)
        return errorResponse(400, u"FLOW_INPUT_ERROR"_s, u"The flow's input schema cannot be used: "_s + error);
    const QList<SchemaProblem> problems = schema->validate(body.value("body"_L1));
    if (problems.isEmpty())
        return {200, {}};
    QJsonArray detail;
    for (const SchemaProblem &p : problems)
        detail.append(problem({pathToString(p.path)}, p.message, u"InvalidActionInput"_s));
    return errorResponse(400, u"FLOW_INPUT_ERROR"_s, detail,
                         u"Input failed schema validation with %1 error%2."_s.arg(problems.size())
                             .arg(problems.size() == 1 ? QString() : u"s"_s));
}

ServiceResponse runFlow(ServiceCore &core, const ServiceRequest &request, const QJsonObject &flow, bool start)
{
    const QStringList roles = core.flowRoles(flow, request.identity);
    if (!roles.contains("flow_owner"_L1) && !roles.contains("flow_administrator"_L1) &&
        !roles.contains("flow_starter"_L1))
        return errorResponse(403, u"FORBIDDEN"_s,
                             u"You do not have the necessary permissions to perform this action on the flow with id "
                             "value %1. Missing permissions: RUN."_s.arg(flow.value("id"_L1).toString()));
    QJsonObject body;
    ServiceResponse failure;
    if (!parseBody(request, &body, &failure))
        return failure;
    QJsonArray detail;
    for (const char *key : {"run_managers", "run_monitors"})
        for (const QJsonValue &p : body.value(QLatin1StringView(key)).toArray())
            if (!Principals::isUrn(p.toString()))
                detail.append(problem({u"body"_s, QLatin1StringView(key)},
                                      u"\"%1\" is not a principal URN"_s.arg(p.toString()), u"value_error"_s));
    if (!body.value("tags"_L1).isUndefined() && !body.value("tags"_L1).isArray())
        detail.append(problem({u"body"_s, u"tags"_s}, u"must be a list of strings"_s, u"type_error.list"_s));
    if (!detail.isEmpty())
        return unprocessable(detail);
    const ServiceResponse invalid = validateInput(flow, body);
    if (invalid.status != 200)
        return invalid;
    if (!start)
        return {200, {{u"message"_s, u"validation successful"_s}}};
    return core.executor->createRun(flow, body, request.identity);
}

} // namespace

ServiceResponse handleFlows(ServiceCore &core, const ServiceRequest &request)
{
    const QStringList &s = request.segments; // s[0] == "flows"
    const QByteArray &method = request.method;
    if (s.size() == 1 && method == "GET")
        return listFlows(core, request);
    if (s.size() == 1 && method == "POST")
        return createFlow(core, request);
    if (s.size() == 2 && s.at(1) == "validate"_L1 && method == "POST") {
        QJsonObject body;
        ServiceResponse failure;
        if (!parseBody(request, &body, &failure))
            return failure;
        QJsonArray detail;
        if (!body.value("definition"_L1).isObject())
            detail.append(
                problem({u"body"_s, u"definition"_s}, u"field required: an object"_s, u"value_error.missing"_s));
        else
            checkDefinition(body.value("definition"_L1).toObject(), body.value("input_schema"_L1), detail);
        if (!detail.isEmpty())
            return unprocessable(detail);
        return {200, validationResult(body.value("definition"_L1).toObject())};
    }
    if (s.size() < 2)
        return errorResponse(405, u"METHOD_NOT_ALLOWED"_s, u"Method not allowed"_s);
    const auto found = core.flows.constFind(s.at(1));
    if (found == core.flows.cend() || core.flowRoles(*found, request.identity).isEmpty())
        return notFound(u"Flow"_s, s.at(1));
    const QJsonObject flow = *found;
    const QStringList roles = core.flowRoles(flow, request.identity);
    const bool administers = roles.contains("flow_owner"_L1) || roles.contains("flow_administrator"_L1);
    if (s.size() == 2 && method == "GET")
        return {200, core.flowView(flow, request.identity)};
    if (s.size() == 2 && (method == "PUT" || method == "DELETE") && !administers)
        return errorResponse(403, u"FORBIDDEN"_s,
                             u"You do not have the necessary permissions to perform this action on the flow with id "
                             "value %1. Missing permissions: ADMINISTER."_s.arg(s.at(1)));
    if (s.size() == 2 && method == "PUT")
        return updateFlow(core, request, flow);
    if (s.size() == 2 && method == "DELETE") {
        if (!core.store.removeFlow(s.at(1)))
            return errorResponse(500, u"STORAGE_ERROR"_s, core.store.lastError());
        core.flows.remove(s.at(1));
        QJsonObject deleted = core.flowView(flow, request.identity);
        deleted.insert(u"DELETED"_s, true);
        deleted.insert(u"deleted_at"_s, isoNow());
        return {200, deleted};
    }
    if (s.size() == 3 && (s.at(2) == "run"_L1 || s.at(2) == "validate_run"_L1) && method == "POST")
        return runFlow(core, request, flow, s.at(2) == "run"_L1);
    if (s.size() == 3 && s.at(2) == "runs"_L1 && method == "GET") {
        ServiceRequest runs = request;
        runs.segments = {u"runs"_s};
        runs.query.removeAllQueryItems(u"filter_flow_id"_s);
        runs.query.addQueryItem(u"filter_flow_id"_s, s.at(1));
        return handleRuns(core, runs);
    }
    return errorResponse(405, u"METHOD_NOT_ALLOWED"_s, u"Method not allowed"_s);
}

} // namespace Flowdeck::Core::Engine
