// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/page.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace Flowdeck::Core {

enum class RunStatus { Unknown, Active, Inactive, Succeeded, Failed, Ended };
RunStatus runStatusFromString(const QString &status);
QString runStatusToString(RunStatus status);
bool isTerminal(RunStatus status); // SUCCEEDED, FAILED, ENDED: the states release accepts

// A run document (reference §2.2).
struct Run
{
    QString runId;
    QString flowId;
    QString flowTitle;
    QDateTime flowLastUpdated;
    QDateTime startTime;
    QDateTime completionTime; // invalid while running
    RunStatus status = RunStatus::Unknown;
    QString statusText; // as sent, so an unknown future status is still shown
    QString displayStatus;
    QString label;
    QStringList tags;
    QString runOwner;
    QString createdBy;
    QStringList runManagers;
    QStringList runMonitors;
    QStringList userRoles;
    QString userRole;
    QJsonObject details; // may be empty (null for high-assurance flows in lists)
    QString blockingWebInputId;
    QJsonObject flowDescription; // only with include_flow_description
    QJsonObject raw;

    bool operator==(const Run &) const = default;
};
bool fromJson(const QJsonObject &body, Run &run, QString *why);

template<>
struct PageTraits<Run>
{
    static constexpr const char *itemsKey = "runs";
    static constexpr MarkerStyle markerStyle = MarkerStyle::HasNextPage;
};

// One entry of a run's log (reference §2.3).
struct RunLogEntry
{
    QDateTime time;
    QString code;
    QString description;
    QJsonObject details;

    QString stateName() const;
    QString stateType() const;
    bool operator==(const RunLogEntry &) const = default;
};
bool fromJson(const QJsonObject &body, RunLogEntry &entry, QString *why);

template<>
struct PageTraits<RunLogEntry>
{
    static constexpr const char *itemsKey = "entries";
    static constexpr MarkerStyle markerStyle = MarkerStyle::HasNextPage;
};

// The definition and schema a run was started with.
struct RunDefinition
{
    QString flowId;
    QJsonObject definition;
    QJsonObject inputSchema;
    bool operator==(const RunDefinition &) const = default;
};
bool fromJson(const QJsonObject &body, RunDefinition &definition, QString *why);

// validate_run's success body: {"message": "validation successful"}.
struct RunValidation
{
    QString message;
    bool operator==(const RunValidation &) const = default;
};
bool fromJson(const QJsonObject &body, RunValidation &validation, QString *why);

} // namespace Flowdeck::Core
