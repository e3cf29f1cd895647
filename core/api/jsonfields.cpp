// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/jsonfields.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::JsonFields {

QString string(const QJsonObject &o, QLatin1StringView key)
{
    return o.value(key).toString();
}

QStringList strings(const QJsonObject &o, QLatin1StringView key)
{
    const QJsonArray array = o.value(key).toArray();
    QStringList out;
    out.reserve(array.size());
    for (const QJsonValue &v : array)
        out.append(v.toString());
    return out;
}

QDateTime dateTime(const QJsonObject &o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    return v.isString() ? QDateTime::fromString(v.toString(), Qt::ISODateWithMs) : QDateTime();
}

bool requireString(const QJsonObject &o, QLatin1StringView key, QString *out, QString *why)
{
    const QJsonValue v = o.value(key);
    if (v.isString() && !v.toString().isEmpty()) {
        *out = v.toString();
        return true;
    }
    if (why)
        *why = QCoreApplication::translate("JsonFields", "The field \"%1\" is missing or not a string")
                   .arg(QString(key));
    return false;
}

} // namespace Flowdeck::Core::JsonFields
