// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/flowsoptions.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

namespace {

QString statusName(RunActivityNotificationPolicy::Status status)
{
    switch (status) {
    case RunActivityNotificationPolicy::Status::Inactive:
        return u"INACTIVE"_s;
    case RunActivityNotificationPolicy::Status::Succeeded:
        return u"SUCCEEDED"_s;
    case RunActivityNotificationPolicy::Status::Failed:
        return u"FAILED"_s;
    }
    return {};
}

QString isoOrEmpty(const QDateTime &time)
{
    // Always UTC with its "Z": a local time without an offset would be read as UTC by the service.
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

} // namespace

QJsonObject RunActivityNotificationPolicy::toJson() const
{
    if (!status)
        return {};
    QJsonArray values;
    for (Status s : *status)
        values.append(statusName(s));
    return {{u"status"_s, values}};
}

bool RunActivityNotificationPolicy::fromString(const QString &text, RunActivityNotificationPolicy *out)
{
    QList<Status> values;
    for (const QString &word : text.split(u',', Qt::SkipEmptyParts)) {
        const QString upper = word.trimmed().toUpper();
        if (upper == "INACTIVE"_L1)
            values.append(Status::Inactive);
        else if (upper == "SUCCEEDED"_L1)
            values.append(Status::Succeeded);
        else if (upper == "FAILED"_L1)
            values.append(Status::Failed);
        else
            return false;
    }
    out->status = values;
    return true;
}

QString TimeRange::toQueryValue() const
{
    return isoOrEmpty(from) + u',' + isoOrEmpty(to);
}

} // namespace Flowdeck::Core
