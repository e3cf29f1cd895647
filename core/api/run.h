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

// A run document (reference §2.2). What lists and dashboards show is typed and parsed up front;
// the rest is read from the run's own JSON text on demand, which keeps listing thousands of runs
// fast and small. Two runs compare equal only if their documents are identical.
struct Run
{
    QString runId;
    QString flowId;
    QString flowTitle;
    QDateTime startTime;
    QDateTime completionTime; // invalid while running
    RunStatus status = RunStatus::Unknown;
    QString statusText; // as sent, so an unknown future status is still shown
    QString displayStatus;
    QString label;
    QStringList tags;
    QString runOwner;
    QByteArray json; // the whole run document, compact

    QJsonObject raw() const;
    QDateTime flowLastUpdated() const;
    QString createdBy() const;
    QStringList runManagers() const;
    QStringList runMonitors() const;
    QStringList userRoles() const;
    QString userRole() const;
    QJsonObject details() const; // may be empty (null for high-assurance flows in lists)
    QString stateName() const;   // where the run is (or stopped), from its details; may be empty
    QString blockingWebInputId() const;
    QJsonObject flowDescription() const; // only with include_flow_description

    bool operator==(const Run &) const = default;
};
// Runs are parsed straight from response bytes (simdjson): listing is the hot path of the app.
bool fromBytes(const QByteArray &body, Run &run, QString *why);
bool fromBytes(const QByteArray &body, Page<Run> &page, QString *why);

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
