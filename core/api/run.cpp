// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/run.h"

#include "core/api/jsonfields.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

using namespace JsonFields;

RunStatus runStatusFromString(const QString &status)
{
    if (status == "ACTIVE"_L1)
        return RunStatus::Active;
    if (status == "INACTIVE"_L1)
        return RunStatus::Inactive;
    if (status == "SUCCEEDED"_L1)
        return RunStatus::Succeeded;
    if (status == "FAILED"_L1)
        return RunStatus::Failed;
    if (status == "ENDED"_L1)
        return RunStatus::Ended;
    return RunStatus::Unknown;
}

QString runStatusToString(RunStatus status)
{
    switch (status) {
    case RunStatus::Active:
        return u"ACTIVE"_s;
    case RunStatus::Inactive:
        return u"INACTIVE"_s;
    case RunStatus::Succeeded:
        return u"SUCCEEDED"_s;
    case RunStatus::Failed:
        return u"FAILED"_s;
    case RunStatus::Ended:
        return u"ENDED"_s;
    case RunStatus::Unknown:
        break;
    }
    return {};
}

bool isTerminal(RunStatus status)
{
    return status == RunStatus::Succeeded || status == RunStatus::Failed || status == RunStatus::Ended;
}

QJsonObject Run::raw() const
{
    return QJsonDocument::fromJson(json).object();
}

QDateTime Run::flowLastUpdated() const
{
    return dateTime(raw(), "flow_last_updated"_L1);
}

QString Run::createdBy() const
{
    return string(raw(), "created_by"_L1);
}

QStringList Run::runManagers() const
{
    return strings(raw(), "run_managers"_L1);
}

QStringList Run::runMonitors() const
{
    return strings(raw(), "run_monitors"_L1);
}

QStringList Run::userRoles() const
{
    return strings(raw(), "user_roles"_L1);
}

QString Run::userRole() const
{
    return string(raw(), "user_role"_L1);
}

QJsonObject Run::details() const
{
    return raw().value("details"_L1).toObject();
}

QString Run::stateName() const
{
    const QJsonObject d = details();
    const QString direct = d.value("state_name"_L1).toString();
    return direct.isEmpty() ? d.value("details"_L1)[u"state_name"_s].toString() : direct;
}

QString Run::blockingWebInputId() const
{
    return string(raw(), "blocking_web_input_id"_L1);
}

QJsonObject Run::flowDescription() const
{
    return raw().value("flow_description"_L1).toObject();
}

QString RunLogEntry::stateName() const
{
    return details.value("state_name"_L1).toString();
}

QString RunLogEntry::stateType() const
{
    return details.value("state_type"_L1).toString();
}

bool fromJson(const QJsonObject &o, RunLogEntry &entry, QString *why)
{
    if (!requireString(o, "code"_L1, &entry.code, why))
        return false;
    entry.time = dateTime(o, "time"_L1);
    entry.description = string(o, "description"_L1);
    entry.details = o.value("details"_L1).toObject();
    return true;
}

bool fromJson(const QJsonObject &o, RunDefinition &definition, QString *why)
{
    if (!o.value("definition"_L1).isObject()) {
        *why = u"The response has no \"definition\" object"_s;
        return false;
    }
    definition.flowId = string(o, "flow_id"_L1);
    definition.definition = o.value("definition"_L1).toObject();
    definition.inputSchema = o.value("input_schema"_L1).toObject();
    return true;
}

bool fromJson(const QJsonObject &o, RunValidation &validation, QString *)
{
    validation.message = string(o, "message"_L1);
    return true;
}

} // namespace Flowdeck::Core
