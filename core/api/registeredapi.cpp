// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/registeredapi.h"

#include "core/api/jsonfields.h"

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

using namespace JsonFields;

bool fromJson(const QJsonObject &o, RegisteredApi &api, QString *why)
{
    if (!requireString(o, "id"_L1, &api.id, why))
        return false;
    api.name = string(o, "name"_L1);
    api.description = string(o, "description"_L1);
    api.status = string(o, "status"_L1);
    api.roles = o.value("roles"_L1).toObject();
    api.target = o.value("target"_L1).toObject();
    api.subscriptionId = string(o, "subscription_id"_L1);
    api.createdTimestamp = dateTime(o, "created_timestamp"_L1);
    api.updatedTimestamp = dateTime(o, "updated_timestamp"_L1);
    api.raw = o;
    return true;
}

} // namespace Flowdeck::Core
