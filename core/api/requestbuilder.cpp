// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/requestbuilder.h"

#include <QJsonArray>
#include <QSet>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::RequestBuilder {

QString pathId(const QString &id)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(id));
}

void Query::add(const QString &key, const std::optional<QString> &value)
{
    if (value)
        add(key, *value);
}

void Query::add(const QString &key, const std::optional<int> &value)
{
    if (value)
        add(key, QString::number(*value));
}

void Query::add(const QString &key, const std::optional<bool> &value)
{
    if (value) // Python's str(bool), which is what the SDK sends
        add(key, *value ? u"True"_s : u"False"_s);
}

void Query::addList(const QString &key, const QStringList &values)
{
    // An empty list would send "key=" which the service rejects; the SDK's callers avoid it too.
    if (!values.isEmpty())
        add(key, values.join(u','));
}

void Query::addMarker(const QString &marker)
{
    if (!marker.isEmpty())
        add(u"marker"_s, marker);
}

QList<std::pair<QString, QString>> Query::merged(const QueryParams &passthrough) const
{
    QSet<QString> named;
    for (const auto &item : m_items)
        named.insert(item.first);
    QList<std::pair<QString, QString>> out = m_items;
    for (const auto &item : passthrough)
        if (!named.contains(item.first))
            out.append(item);
    return out;
}

void Body::set(const QString &key, const std::optional<QString> &value)
{
    if (value)
        m_object.insert(key, *value);
}

void Body::set(const QString &key, const std::optional<QStringList> &value)
{
    if (value)
        m_object.insert(key, QJsonArray::fromStringList(*value));
}

void Body::set(const QString &key, const std::optional<QJsonValue> &value)
{
    if (value)
        m_object.insert(key, *value);
}

void Body::set(const QString &key, const std::optional<QJsonObject> &value)
{
    if (value)
        m_object.insert(key, *value);
}

QJsonObject Body::merged(const QJsonObject &additionalFields) const
{
    QJsonObject out = m_object;
    for (auto it = additionalFields.begin(); it != additionalFields.end(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

} // namespace Flowdeck::Core::RequestBuilder
