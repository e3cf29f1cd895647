// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Flowdeck::Core {

// How a list call tells that more pages exist.
enum class MarkerStyle {
    HasNextPage, // {"has_next_page": bool, "marker": str}, as flows, runs, logs, registered APIs
    Nullable,    // {"marker": str | null}, as web inputs
};

// One page of a paginated list call. PageTraits<T> names the items key and the marker style.
template<typename T>
struct Page
{
    QList<T> items;
    bool hasNextPage = false;
    QString marker;
    int limit = 0;
    bool operator==(const Page &) const = default;
};

template<typename T>
struct PageTraits;

// Where a list response says the next page is.
struct PageCursor
{
    bool hasNextPage = false;
    QString marker;
};

// Reads the top-level "has_next_page" and "marker" of a list response without parsing the items,
// so the next page can be requested while this one is still being parsed. nullopt when the text
// is not a plain JSON object or the marker uses escapes: the caller then waits for the full parse.
std::optional<PageCursor> scanPageCursor(QByteArrayView json, MarkerStyle style);

template<typename T>
bool fromJson(const QJsonObject &body, Page<T> &page, QString *why)
{
    const QLatin1StringView key(PageTraits<T>::itemsKey);
    const QJsonValue items = body.value(key);
    if (!items.isArray()) {
        *why = QCoreApplication::translate("Page", "The response has no \"%1\" list").arg(QString(key));
        return false;
    }
    const QJsonArray array = items.toArray();
    page.items.clear();
    page.items.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        T item;
        QString itemWhy;
        if (!array.at(i).isObject() || !fromJson(array.at(i).toObject(), item, &itemWhy)) {
            *why = QCoreApplication::translate("Page", "%1[%2]: %3").arg(QString(key)).arg(i).arg(itemWhy);
            return false;
        }
        page.items.append(std::move(item));
    }
    const QJsonValue marker = body.value(QLatin1StringView("marker"));
    page.marker = marker.toString();
    page.limit = body.value(QLatin1StringView("limit")).toInt();
    if constexpr (PageTraits<T>::markerStyle == MarkerStyle::Nullable)
        page.hasNextPage = marker.isString();
    else
        page.hasNextPage = body.value(QLatin1StringView("has_next_page")).toBool();
    return true;
}

} // namespace Flowdeck::Core
