// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/page.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

#include <optional>

namespace Flowdeck::Core {

// A flow document (reference §2.1). Fields the UI uses are typed; everything is also in raw.
struct Flow
{
    QString id;
    QString title;
    QString subtitle;
    QString description;
    QStringList keywords;
    QJsonObject definition;  // empty for high-assurance flows in lists
    QJsonObject inputSchema; // idem
    QString globusAuthScope;
    QString flowOwner;
    QStringList flowViewers;
    QStringList flowStarters;
    QStringList flowAdministrators;
    QStringList runManagers;
    QStringList runMonitors;
    QStringList userRoles;
    QString userRole; // deprecated single role, still sent
    QString createdBy;
    QString subscriptionId;
    QString authenticationPolicyId;
    QDateTime createdAt;
    QDateTime updatedAt;
    bool deleted = false; // delete_flow answers with the deleted document, "DELETED": true
    QJsonObject raw;

    bool operator==(const Flow &) const = default;
};
bool fromJson(const QJsonObject &body, Flow &flow, QString *why);

template<>
struct PageTraits<Flow>
{
    static constexpr const char *itemsKey = "flows";
    static constexpr MarkerStyle markerStyle = MarkerStyle::HasNextPage;
};

// validate_flow's success body: the scopes a run needs per RunAs, and the traversal count.
struct FlowValidation
{
    QMap<QString, QStringList> scopes; // "User", "Flow", or a RunAs role -> scope strings
    std::optional<qint64> numberOfPossibilities;
    bool operator==(const FlowValidation &) const = default;
};
bool fromJson(const QJsonObject &body, FlowValidation &validation, QString *why);

} // namespace Flowdeck::Core
