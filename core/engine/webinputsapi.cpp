// SPDX-License-Identifier: GPL-3.0-or-later
// The /web_inputs routes of the local service (reference §1.1, §2.4).
#include "core/engine/executor.h"
#include "core/engine/servicecore.h"
#include "core/lang/jsonschema.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace Flowdeck::Core::Engine {

namespace {

QStringList webInputRoles(const QJsonObject &input, const QString &identity)
{
    QStringList roles;
    if (input.value("roles"_L1)[u"viewer_urns"_s].toArray().contains(identity))
        roles.append(u"viewer"_s);
    if (input.value("roles"_L1)[u"respondent_urns"_s].toArray().contains(identity))
        roles.append(u"respondent"_s);
    return roles;
}

QJsonObject view(const QJsonObject &input, const QString &identity)
{
    QJsonObject v = input;
    v.insert(u"user_roles"_s, QJsonArray::fromStringList(webInputRoles(input, identity)));
    return v;
}

} // namespace

ServiceResponse handleWebInputs(ServiceCore &core, const ServiceRequest &request)
{
    const QStringList &s = request.segments;
    if (s.size() == 1 && request.method == "GET") {
        const PageRequest page = pageRequest(request.query, 20, 100);
        if (page.badMarker)
            return errorResponse(400, u"BAD_REQUEST"_s, u"The marker is not valid"_s);
        const QStringList roles = commaList(page.query, u"filter_roles"_s);
        const QStringList states = commaList(page.query, u"filter_states"_s);
        const QStringList flows = commaList(page.query, u"filter_flow_ids"_s);
        const QStringList runs = commaList(page.query, u"filter_run_ids"_s);
        QList<QJsonObject> matches;
        for (const QJsonObject &input : std::as_const(core.webInputs)) {
            const QStringList mine = webInputRoles(input, request.identity);
            if (mine.isEmpty() ||
                (!roles.isEmpty() &&
                 std::none_of(roles.begin(), roles.end(), [&](const QString &r) { return mine.contains(r); })) ||
                (!states.isEmpty() && !states.contains(input.value("status"_L1).toString())) ||
                (!flows.isEmpty() && !flows.contains(input.value("flow"_L1)[u"id"_s].toString())) ||
                (!runs.isEmpty() && !runs.contains(input.value("run"_L1)[u"id"_s].toString())))
                continue;
            QJsonObject summary;
            for (const char *key : {"id", "status", "input_type", "flow", "run", "created_timestamp",
                                    "edited_timestamp", "closed_timestamp"})
                summary.insert(QLatin1StringView(key), input.value(QLatin1StringView(key)));
            summary.insert(u"title"_s, input.value("context"_L1)[u"title"_s]);
            summary.insert(u"user_roles"_s, QJsonArray::fromStringList(mine));
            matches.append(summary);
        }
        QString error;
        const QString orderby = commaList(page.query, u"orderby"_s).join(u',');
        if (!sortBy(matches, orderby.isEmpty() ? u"created_timestamp DESC"_s : orderby,
                    {u"created_timestamp"_s, u"edited_timestamp"_s, u"closed_timestamp"_s}, &error))
            return errorResponse(422, u"UNPROCESSABLE_ENTITY"_s, error);
        QJsonObject body = pageBody(page, u"web_input_summaries"_s, pageItems(page, matches), matches.size());
        // The nullable-marker style: no limit or has_next_page, a null marker at the end.
        body.remove(u"limit"_s);
        body.remove(u"has_next_page"_s);
        return {200, body};
    }
    if (s.size() < 2)
        return errorResponse(405, u"METHOD_NOT_ALLOWED"_s, u"Method not allowed"_s);
    const auto found = core.webInputs.find(s.at(1));
    if (found == core.webInputs.end() || webInputRoles(*found, request.identity).isEmpty())
        return notFound(u"Web Input"_s, s.at(1));
    if (s.size() == 2 && request.method == "GET")
        return {200, view(*found, request.identity)};
    if (s.size() == 3 && s.at(2) == "respond"_L1 && request.method == "POST") {
        if (!webInputRoles(*found, request.identity).contains("respondent"_L1))
            return errorResponse(403, u"FORBIDDEN"_s, u"You may view this web input but not respond to it"_s);
        if (found->value("status"_L1).toString() != "open"_L1)
            return errorResponse(409, u"STATE_CONFLICT"_s, u"The web input %1 is already closed"_s.arg(s.at(1)));
        QJsonObject body;
        ServiceResponse failure;
        if (!parseBody(request, &body, &failure))
            return failure;
        if (!body.value("response"_L1).isObject() || !body.value("response"_L1).toObject().contains("value"_L1))
            return errorResponse(422, u"UNPROCESSABLE_ENTITY"_s,
                                 QJsonArray{QJsonObject{{u"loc"_s, QJsonArray{u"body"_s, u"response"_s, u"value"_s}},
                                                        {u"msg"_s, u"field required"_s},
                                                        {u"type"_s, u"value_error.missing"_s}}});
        const QJsonValue value = body.value("response"_L1)[u"value"_s];
        const QJsonArray options = found->value("options"_L1).toArray();
        if (!options.isEmpty()) {
            const bool known = std::any_of(options.begin(), options.end(),
                                           [&](const QJsonValue &o) { return o[u"option_id"_s] == value; });
            if (!known)
                return errorResponse(422, u"UNPROCESSABLE_ENTITY"_s,
                                     u"\"%1\" is not one of the web input's option ids"_s.arg(value.toString()));
        }
        const QJsonObject schema = found->value("input_schema"_L1).toObject();
        if (!schema.isEmpty()) {
            const auto compiled = JsonSchema::compile(schema);
            if (compiled && !compiled->validate(value).isEmpty())
                return errorResponse(422, u"UNPROCESSABLE_ENTITY"_s, compiled->validate(value).first().message);
        }
        QJsonObject input = *found;
        input.insert(u"status"_s, u"closed"_s);
        input.insert(u"response"_s, value);
        input.insert(u"closed_timestamp"_s, isoNow());
        input.insert(u"edited_timestamp"_s, isoNow());
        if (!core.store.putWebInput(input))
            return errorResponse(500, u"STORAGE_ERROR"_s, core.store.lastError());
        *found = input;
        core.executor->webInputAnswered(s.at(1));
        return {200, {{u"status"_s, u"ok"_s}}};
    }
    return errorResponse(405, u"METHOD_NOT_ALLOWED"_s, u"Method not allowed"_s);
}

} // namespace Flowdeck::Core::Engine
