// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/servicecore.h"

#include "core/lang/jsontext.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Engine {

QString isoTime(qint64 msecsSinceEpoch)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Qt::UTC);
    return time.toString(u"yyyy-MM-ddTHH:mm:ss.zzz000+00:00"_s);
}

QString isoNow()
{
    return isoTime(QDateTime::currentMSecsSinceEpoch());
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

ServiceResponse errorResponse(int status, const QString &code, const QJsonValue &detail, const QString &message)
{
    QJsonObject error{{u"code"_s, code}, {u"detail"_s, detail}};
    if (!message.isEmpty())
        error.insert(u"message"_s, message);
    return {status, QJsonObject{{u"error"_s, error}, {u"debug_id"_s, newId()}}};
}

QJsonObject problem(const QJsonArray &loc, const QString &message, const QString &type)
{
    return {{u"loc"_s, loc}, {u"msg"_s, message}, {u"type"_s, type}};
}

ServiceResponse unprocessable(const QJsonArray &detail)
{
    QStringList lines;
    for (const QJsonValue &d : detail)
        lines.append(Lang::pathToString(d[u"loc"_s].toArray()) + u": "_s + d[u"msg"_s].toString());
    return errorResponse(422, u"UNPROCESSABLE_ENTITY"_s, detail,
                         u"%1 validation error%2 in body. %3"_s.arg(detail.size())
                             .arg(detail.size() == 1 ? QString() : u"s"_s, lines.join(u"; "_s)));
}

bool parseBody(const ServiceRequest &request, QJsonObject *body, ServiceResponse *failure)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        *failure = unprocessable(
            {problem({u"body"_s},
                     error.error != QJsonParseError::NoError
                         ? u"The body is not valid JSON: %1 (at byte %2)"_s.arg(error.errorString()).arg(error.offset)
                         : u"The body must be a JSON object"_s,
                     u"value_error.jsondecode"_s)});
        return false;
    }
    *body = document.object();
    return true;
}

ServiceResponse notFound(const QString &what, const QString &id)
{
    return errorResponse(404, u"NOT_FOUND"_s, u"No %1 exists with id value %2"_s.arg(what, id));
}

namespace {

bool listed(const QJsonObject &doc, const char *key, const QString &identity)
{
    return doc.value(QLatin1StringView(key)).toArray().contains(identity);
}

} // namespace

QStringList ServiceCore::flowRoles(const QJsonObject &flow, const QString &identity) const
{
    QStringList roles;
    if (flow.value("flow_owner"_L1).toString() == identity)
        roles.append(u"flow_owner"_s);
    if (listed(flow, "flow_administrators", identity))
        roles.append(u"flow_administrator"_s);
    if (listed(flow, "flow_starters", identity) || listed(flow, "flow_starters", u"all_authenticated_users"_s))
        roles.append(u"flow_starter"_s);
    if (listed(flow, "flow_viewers", identity) || listed(flow, "flow_viewers", u"public"_s))
        roles.append(u"flow_viewer"_s);
    if (listed(flow, "run_managers", identity))
        roles.append(u"flow_run_manager"_s);
    if (listed(flow, "run_monitors", identity))
        roles.append(u"flow_run_monitor"_s);
    return roles;
}

QStringList ServiceCore::runRoles(const RunRecord &run, const QString &identity) const
{
    QStringList roles;
    if (run.doc.value("run_owner"_L1).toString() == identity)
        roles.append(u"run_owner"_s);
    if (listed(run.doc, "run_managers", identity))
        roles.append(u"run_manager"_s);
    if (listed(run.doc, "run_monitors", identity))
        roles.append(u"run_monitor"_s);
    const QJsonObject flow = flows.value(run.doc.value("flow_id"_L1).toString());
    if (listed(flow, "run_managers", identity))
        roles.append(u"flow_run_manager"_s);
    if (listed(flow, "run_monitors", identity))
        roles.append(u"flow_run_monitor"_s);
    return roles;
}

namespace {

// A document as the service returns it to someone: their roles, and the deprecated single role.
QJsonObject withRoles(QJsonObject doc, const QStringList &roles)
{
    doc.insert(u"user_roles"_s, QJsonArray::fromStringList(roles));
    doc.insert(u"user_role"_s, roles.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(roles.first()));
    return doc;
}

} // namespace

QJsonObject ServiceCore::flowView(const QJsonObject &flow, const QString &identity) const
{
    const QStringList roles = flowRoles(flow, identity);
    QJsonObject view = withRoles(flow, roles);
    if (!roles.contains("flow_owner"_L1) && !roles.contains("flow_administrator"_L1))
        for (const char *key : {"flow_viewers", "flow_starters", "flow_administrators", "run_managers", "run_monitors"})
            view.insert(QLatin1StringView(key), QJsonArray());
    return view;
}

QJsonObject ServiceCore::runView(const RunRecord &run, const QString &identity) const
{
    return withRoles(run.doc, runRoles(run, identity));
}

bool ServiceCore::saveRun(const RunRecord &run)
{
    return store.updateRun(run.doc, run.exec);
}

PageRequest pageRequest(const QUrlQuery &query, qsizetype defaultLimit, qsizetype maxLimit)
{
    PageRequest page;
    page.query = query;
    const QString marker = query.queryItemValue(u"marker"_s, QUrl::FullyDecoded);
    if (!marker.isEmpty()) {
        const QJsonObject state =
            QJsonDocument::fromJson(QByteArray::fromBase64(marker.toLatin1(), QByteArray::Base64UrlEncoding)).object();
        if (!state.value("o"_L1).isDouble()) {
            page.badMarker = true;
            return page;
        }
        page.query = QUrlQuery(state.value("q"_L1).toString());
        page.offset = qsizetype(state.value("o"_L1).toInteger());
    }
    bool ok = false;
    for (const char *key : {"per_page", "limit"}) {
        const qsizetype limit = page.query.queryItemValue(QLatin1StringView(key)).toLongLong(&ok);
        if (ok)
            page.limit = std::clamp<qsizetype>(limit, 1, maxLimit);
    }
    if (!page.query.hasQueryItem(u"per_page"_s) && !page.query.hasQueryItem(u"limit"_s))
        page.limit = defaultLimit;
    return page;
}

QString nextMarker(const PageRequest &page, qsizetype nextOffset)
{
    QUrlQuery query = page.query;
    query.removeAllQueryItems(u"marker"_s);
    const QJsonObject state{{u"q"_s, query.toString(QUrl::FullyEncoded)}, {u"o"_s, nextOffset}};
    return QString::fromLatin1(QJsonDocument(state)
                                   .toJson(QJsonDocument::Compact)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QList<QJsonObject> pageItems(const PageRequest &page, const QList<QJsonObject> &all)
{
    return all.mid(page.offset, page.limit);
}

QJsonObject pageBody(const PageRequest &page, const QString &itemsKey, const QList<QJsonObject> &items, qsizetype total)
{
    QJsonArray array;
    for (const QJsonObject &item : items)
        array.append(item);
    const bool more = page.offset + page.limit < total;
    return {{itemsKey, array},
            {u"limit"_s, page.limit},
            {u"has_next_page"_s, more},
            {u"marker"_s, more ? QJsonValue(nextMarker(page, page.offset + page.limit)) : QJsonValue()}};
}

bool sortBy(QList<QJsonObject> &items, const QString &orderby, const QStringList &fields, QString *error)
{
    struct Key
    {
        QString field;
        bool descending = false;
    };
    QList<Key> keys;
    for (const QString &part : orderby.split(u',', Qt::SkipEmptyParts)) {
        const QStringList words = part.simplified().split(u' ');
        const QString direction = words.value(1, u"ASC"_s).toUpper();
        if (!fields.contains(words.first()) || words.size() > 2 || (direction != "ASC"_L1 && direction != "DESC"_L1)) {
            *error = u"Cannot order by \"%1\": use FIELD ASC|DESC with one of %2"_s.arg(part.trimmed(),
                                                                                        fields.join(u", "_s));
            return false;
        }
        keys.append({words.first(), direction == "DESC"_L1});
    }
    // Keys are read once per item (not once per comparison): lists of 10,000 flows sort in milliseconds.
    struct Row
    {
        QList<QJsonValue> keys;
        qsizetype index;
    };
    QList<Row> rows;
    rows.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        Row row{{}, i};
        for (const Key &key : std::as_const(keys)) {
            const QJsonValue v = items.at(i).value(key.field);
            row.keys.append(v.isArray() ? v.toArray().first() : v);
        }
        rows.append(row);
    }
    auto compare = [](const QJsonValue &a, const QJsonValue &b) {
        if (a.isDouble() && b.isDouble())
            return a.toDouble() < b.toDouble() ? -1 : a.toDouble() > b.toDouble() ? 1 : 0;
        return a.toString().compare(b.toString(), Qt::CaseInsensitive);
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const Row &a, const Row &b) {
        for (qsizetype k = 0; k < keys.size(); ++k) {
            const int c = compare(a.keys.at(k), b.keys.at(k));
            if (c != 0)
                return keys.at(k).descending ? c > 0 : c < 0;
        }
        return false;
    });
    QList<QJsonObject> sorted;
    sorted.reserve(items.size());
    for (const Row &row : std::as_const(rows))
        sorted.append(items.at(row.index));
    items = std::move(sorted);
    return true;
}

QStringList commaList(const QUrlQuery &query, const QString &key)
{
    QStringList values;
    for (const QString &value : query.allQueryItemValues(key, QUrl::FullyDecoded))
        for (const QString &part : value.split(u',', Qt::SkipEmptyParts))
            values.append(part.trimmed());
    // The OAS spells array parameters "key[]" too.
    for (const QString &value : query.allQueryItemValues(key + u"[]"_s, QUrl::FullyDecoded))
        values.append(value.trimmed());
    return values;
}

} // namespace Flowdeck::Core::Engine
