// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/flow.h"

#include "core/api/jsonfields.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

using namespace JsonFields;

bool fromJson(const QJsonObject &o, Flow &flow, QString *why)
{
    if (!requireString(o, "id"_L1, &flow.id, why))
        return false;
    flow.title = string(o, "title"_L1);
    flow.subtitle = string(o, "subtitle"_L1);
    flow.description = string(o, "description"_L1);
    flow.keywords = strings(o, "keywords"_L1);
    flow.definition = o.value("definition"_L1).toObject();
    flow.inputSchema = o.value("input_schema"_L1).toObject();
    flow.globusAuthScope = string(o, "globus_auth_scope"_L1);
    flow.flowOwner = string(o, "flow_owner"_L1);
    flow.flowViewers = strings(o, "flow_viewers"_L1);
    flow.flowStarters = strings(o, "flow_starters"_L1);
    flow.flowAdministrators = strings(o, "flow_administrators"_L1);
    flow.runManagers = strings(o, "run_managers"_L1);
    flow.runMonitors = strings(o, "run_monitors"_L1);
    flow.userRoles = strings(o, "user_roles"_L1);
    flow.userRole = string(o, "user_role"_L1);
    flow.createdBy = string(o, "created_by"_L1);
    flow.subscriptionId = string(o, "subscription_id"_L1);
    flow.authenticationPolicyId = string(o, "authentication_policy_id"_L1);
    flow.createdAt = dateTime(o, "created_at"_L1);
    flow.updatedAt = dateTime(o, "updated_at"_L1);
    flow.deleted = o.value("DELETED"_L1).toBool();
    flow.raw = o;
    return true;
}

bool fromJson(const QJsonObject &o, FlowValidation &validation, QString *why)
{
    // Both keys are optional ("beta API"); a wrong type means this is not a validation result.
    const QJsonValue scopes = o.value("scopes"_L1);
    if (!scopes.isUndefined() && !scopes.isObject()) {
        *why = u"\"scopes\" is not an object"_s;
        return false;
    }
    validation.scopes.clear();
    const QJsonObject byRole = scopes.toObject();
    for (auto it = byRole.begin(); it != byRole.end(); ++it) {
        QStringList scopeStrings;
        for (const QJsonValue &scope : it.value().toArray())
            scopeStrings.append(scope.toString());
        validation.scopes.insert(it.key(), scopeStrings);
    }
    const QJsonValue count = o.value("analysis"_L1).toObject().value("number_of_possibilities"_L1);
    validation.numberOfPossibilities = count.isDouble() ? std::optional(count.toInteger()) : std::nullopt;
    return true;
}

} // namespace Flowdeck::Core
