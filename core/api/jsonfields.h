// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

// Small readers for response fields: tolerant of absent or null values, strict about types
// where a wrong type means the response is not what we think it is.
namespace Flowdeck::Core::JsonFields {

QString string(const QJsonObject &o, QLatin1StringView key);
QStringList strings(const QJsonObject &o, QLatin1StringView key);
// ISO-8601 with offset, as the service writes times; invalid QDateTime when absent or null.
QDateTime dateTime(const QJsonObject &o, QLatin1StringView key);
// The same for text already in hand (UTF-8 bytes or UTF-16).
QDateTime parseTime(QByteArrayView utf8);
QDateTime parseTime(QStringView text);
// The message for a required string field that is absent or of another type.
QString missingStringMessage(QLatin1StringView key);
// Sets *why and returns false unless o[key] is a non-empty string.
bool requireString(const QJsonObject &o, QLatin1StringView key, QString *out, QString *why);

} // namespace Flowdeck::Core::JsonFields
