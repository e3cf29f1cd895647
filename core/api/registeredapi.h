// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/page.h"

#include <QDateTime>
#include <QJsonObject>

namespace Flowdeck::Core {

// A registered API (reference §2.4): an HTTP API that flows call through a Handler.
struct RegisteredApi
{
    QString id;
    QString name;
    QString description;
    QString status; // ACTIVE | INACTIVE
    QJsonObject roles;
    QJsonObject target;
    QString subscriptionId;
    QDateTime createdTimestamp;
    QDateTime updatedTimestamp;
    QJsonObject raw;
    bool operator==(const RegisteredApi &) const = default;
};
bool fromJson(const QJsonObject &body, RegisteredApi &api, QString *why);

template<>
struct PageTraits<RegisteredApi>
{
    static constexpr const char *itemsKey = "registered_apis";
    static constexpr MarkerStyle markerStyle = MarkerStyle::HasNextPage;
};

} // namespace Flowdeck::Core
