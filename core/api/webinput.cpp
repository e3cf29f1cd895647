// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/webinput.h"

#include "core/api/jsonfields.h"

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

using namespace JsonFields;

bool fromJson(const QJsonObject &o, WebInputSummary &s, QString *why)
{
    if (!requireString(o, "id"_L1, &s.id, why))
        return false;
    s.status = string(o, "status"_L1);
    s.userRoles = strings(o, "user_roles"_L1);
    s.inputType = string(o, "input_type"_L1);
    // The full document keeps the title in context.title; summaries have it at the top level.
    s.title = o.value("title"_L1).isString() ? string(o, "title"_L1)
                                             : o.value("context"_L1).toObject().value("title"_L1).toString();
    const QJsonObject flow = o.value("flow"_L1).toObject();
    s.flowId = string(flow, "id"_L1);
    s.flowTitle = string(flow, "title"_L1);
    const QJsonObject run = o.value("run"_L1).toObject();
    s.runId = string(run, "id"_L1);
    s.runLabel = string(run, "label"_L1);
    s.createdTimestamp = dateTime(o, "created_timestamp"_L1);
    s.editedTimestamp = dateTime(o, "edited_timestamp"_L1);
    s.closedTimestamp = dateTime(o, "closed_timestamp"_L1);
    s.raw = o;
    return true;
}

bool fromJson(const QJsonObject &o, WebInput &input, QString *why)
{
    if (!fromJson(o, input.summary, why))
        return false;
    input.inputSchema = o.value("input_schema"_L1).toObject();
    input.context = o.value("context"_L1).toObject();
    input.options = o.value("options"_L1).toArray();
    input.roles = o.value("roles"_L1).toObject();
    input.creatorUrn = string(o, "creator_urn"_L1);
    return true;
}

} // namespace Flowdeck::Core
