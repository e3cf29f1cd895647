// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>

#include <optional>
#include <utility>

// Options of each FlowsClient call, mirroring the SDK's keyword arguments. An unset std::optional
// (or an empty list where the SDK omits empty lists) is not sent; the caller's value is sent as is.
namespace Flowdeck::Core {

// Extra query items passed through unchanged (the SDK's query_params); named options win on a clash.
using QueryParams = QList<std::pair<QString, QString>>;
using OptionalStrings = std::optional<QStringList>;

// RunActivityNotificationPolicy: which status changes e-mail the run owner. An unset status
// serialises to {} (the service default, INACTIVE), exactly as the SDK's empty policy does.
struct RunActivityNotificationPolicy
{
    enum class Status { Inactive, Succeeded, Failed };
    std::optional<QList<Status>> status;

    QJsonObject toJson() const;
    // Case-insensitive "INACTIVE,FAILED" as the CLI accepts it; false on an unknown word.
    static bool fromString(const QString &text, RunActivityNotificationPolicy *out);
};

struct CreateFlowOptions
{
    std::optional<QString> subtitle;
    std::optional<QString> description;
    OptionalStrings flowViewers;
    OptionalStrings flowStarters;
    OptionalStrings flowAdministrators;
    OptionalStrings runManagers;
    OptionalStrings runMonitors;
    OptionalStrings keywords;
    std::optional<QJsonValue> subscriptionId;         // a UUID string, or QJsonValue::Null to send null
    std::optional<QJsonValue> authenticationPolicyId; // idem
    QJsonObject additionalFields;                     // merged last, overriding named fields
};

struct UpdateFlowOptions
{
    std::optional<QString> title;
    std::optional<QJsonObject> definition;
    std::optional<QJsonObject> inputSchema;
    std::optional<QString> subtitle;
    std::optional<QString> description;
    std::optional<QString> flowOwner;
    OptionalStrings flowViewers;
    OptionalStrings flowStarters;
    OptionalStrings flowAdministrators;
    OptionalStrings runManagers;
    OptionalStrings runMonitors;
    OptionalStrings keywords;
    std::optional<QJsonValue> subscriptionId; // UUID, "DEFAULT", or null
    std::optional<QJsonValue> authenticationPolicyId;
    QJsonObject additionalFields;
};

struct ListFlowsOptions
{
    QStringList filterRoles; // flow_viewer, flow_starter, flow_administrator, flow_owner, ...
    std::optional<QString> filterFulltext;
    QStringList orderby; // "updated_at DESC", ...; comma-joined on the wire
    std::optional<int> perPage;
    QString marker;
    QueryParams queryParams;
};

// A half-open time range for filter_start_time / filter_completion_time; either end may be open.
struct TimeRange
{
    QDateTime from;
    QDateTime to;
    QString toQueryValue() const; // "DT1,DT2", "DT,", ",DT"
};

struct ListRunsOptions
{
    QStringList filterFlowId;
    QStringList filterRoles; // run_owner, run_manager, run_monitor, flow_run_manager, flow_run_monitor
    QStringList filterStatus;
    QStringList filterLabel;
    QStringList filterTags; // sent as filter_tags: honoured by the embedded service, not in Globus' published API
    QStringList filterFlowTitle;
    std::optional<TimeRange> filterStartTime;
    std::optional<TimeRange> filterCompletionTime;
    QStringList orderby; // "start_time DESC", ...
    std::optional<int> perPage;
    QString marker;
    QueryParams queryParams;
};

struct GetRunOptions
{
    std::optional<bool> includeFlowDescription;
    QueryParams queryParams;
};

struct RunLogOptions
{
    std::optional<int> limit; // 1-100, server default 10
    std::optional<bool> reverseOrder;
    QString marker;
    QueryParams queryParams;
};

struct UpdateRunOptions
{
    std::optional<QString> label;
    OptionalStrings tags; // an empty list is sent: it clears the tags
    OptionalStrings runMonitors;
    OptionalStrings runManagers;
    QJsonObject additionalFields;
};

struct RunFlowOptions
{
    std::optional<QString> label;
    OptionalStrings tags;
    std::optional<RunActivityNotificationPolicy> activityNotificationPolicy;
    OptionalStrings runMonitors;
    OptionalStrings runManagers;
    QJsonObject additionalFields;
};

struct ListRegisteredApisOptions
{
    QStringList filterRoles; // owner, administrator, viewer
    QStringList orderby;
    std::optional<int> perPage;
    QString marker;
    QueryParams queryParams;
};

struct ListWebInputsOptions
{
    QStringList filterRoles;  // viewer, respondent
    QStringList filterStates; // open, closed
    QStringList filterFlowIds;
    QStringList filterRunIds;
    QStringList orderby;
    std::optional<int> perPage;
    QString marker;
    QueryParams queryParams;
};

} // namespace Flowdeck::Core
