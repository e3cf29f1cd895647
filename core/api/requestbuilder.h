// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/flowsoptions.h"
#include "core/api/transport.h"

#include <QJsonObject>

// Turns option structs into wire form by the SDK's rules: unset is omitted, null is sent as
// null, lists in queries are comma-joined and omitted when empty, booleans are "True"/"False".
namespace Flowdeck::Core::RequestBuilder {

QString pathId(const QString &id); // percent-encoded, '/' included, so an id is one segment

class Query
{
public:
    void add(const QString &key, const QString &value) { m_items.append({key, value}); }
    void add(const QString &key, const std::optional<QString> &value);
    void add(const QString &key, const std::optional<int> &value);
    void add(const QString &key, const std::optional<bool> &value);
    void addList(const QString &key, const QStringList &values);
    void addMarker(const QString &marker);
    // Passthrough items whose key no named option has set.
    QList<std::pair<QString, QString>> merged(const QueryParams &passthrough) const;

private:
    QList<std::pair<QString, QString>> m_items;
};

class Body
{
public:
    void put(const QString &key, const QJsonValue &value) { m_object.insert(key, value); }
    void set(const QString &key, const std::optional<QString> &value);
    void set(const QString &key, const std::optional<QStringList> &value);
    void set(const QString &key, const std::optional<QJsonValue> &value);
    void set(const QString &key, const std::optional<QJsonObject> &value);
    QJsonObject merged(const QJsonObject &additionalFields) const;

private:
    QJsonObject m_object;
};

} // namespace Flowdeck::Core::RequestBuilder
