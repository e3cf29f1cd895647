// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/jsonpath.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <limits>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("JsonPath", text);
}

bool fail(JsonPath::Error *error, const QString &message, qsizetype position)
{
    if (error)
        *error = {message, position};
    return false;
}

constexpr qsizetype MaxSteps = 1000;

std::nullopt_t failed(JsonPath::Error *error, const QString &message, qsizetype position)
{
    fail(error, message, position);
    return std::nullopt;
}

bool isNameChar(QChar c)
{
    return c != u'.' && c != u'[' && c != u']' && c != u'\'' && c != u'"' && !c.isSpace();
}

// Parses "['name']", "[\"name\"]", "[3]" or "[*]" at text[*at] (which is '[').
bool bracketStep(const QString &text, qsizetype *at, JsonPath::Step *step, JsonPath::Error *error)
{
    const qsizetype open = (*at)++;
    if (*at < text.size() && (text[*at] == u'\'' || text[*at] == u'"')) {
        const QChar quote = text[(*at)++];
        QString name;
        while (*at < text.size() && text[*at] != quote) {
            if (text[*at] == u'\\' && *at + 1 < text.size())
                ++*at;
            name += text[(*at)++];
        }
        if (*at >= text.size())
            return fail(error, tr("The quoted name is not closed"), open);
        ++*at;
        *step = name;
    } else if (*at < text.size() && text[*at] == u'*') {
        ++*at;
        *step = JsonPath::Wildcard{};
    } else {
        const qsizetype start = *at;
        while (*at < text.size() && text[*at].isDigit())
            ++*at;
        if (*at == start)
            return fail(error, tr("Expected a quoted name, an index or '*' inside '[ ]'"), start);
        bool ok = false;
        const qlonglong index = QStringView(text).mid(start, *at - start).toLongLong(&ok);
        if (!ok || index > std::numeric_limits<int>::max())
            return fail(error, tr("The index is too large"), start);
        *step = qsizetype(index);
    }
    if (*at >= text.size() || text[*at] != u']')
        return fail(error, tr("Expected ']'"), *at);
    ++*at;
    return true;
}

void collect(const QJsonValue &value, const QList<JsonPath::Step> &steps, qsizetype index, QJsonArray &out)
{
    if (index == steps.size()) {
        out.append(value);
        return;
    }
    const JsonPath::Step &step = steps.at(index);
    if (const auto *name = std::get_if<QString>(&step)) {
        if (value.isObject() && value.toObject().contains(*name))
            collect(value.toObject().value(*name), steps, index + 1, out);
    } else if (const auto *i = std::get_if<qsizetype>(&step)) {
        if (value.isArray() && *i < value.toArray().size())
            collect(value.toArray().at(*i), steps, index + 1, out);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            collect(it.value(), steps, index + 1, out);
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collect(item, steps, index + 1, out);
    }
}

std::optional<QJsonValue> writeAt(const QJsonValue &node, const QList<JsonPath::Step> &steps, qsizetype index,
                                  const QJsonValue &value, QString *error)
{
    if (index == steps.size())
        return value;
    const JsonPath::Step &step = steps.at(index);
    if (const auto *name = std::get_if<QString>(&step)) {
        if (!node.isObject() && !node.isUndefined() && !node.isNull()) {
            *error = tr("Cannot write \"%1\" into a value that is not an object").arg(*name);
            return std::nullopt;
        }
        QJsonObject object = node.toObject();
        const auto child = writeAt(object.value(*name), steps, index + 1, value, error);
        if (!child)
            return std::nullopt;
        object.insert(*name, *child);
        return object;
    }
    if (const auto *i = std::get_if<qsizetype>(&step)) {
        QJsonArray array = node.toArray();
        if (!node.isArray() || *i >= array.size()) {
            *error = tr("Cannot write at index %1: there is no such array element").arg(*i);
            return std::nullopt;
        }
        const auto child = writeAt(array.at(*i), steps, index + 1, value, error);
        if (!child)
            return std::nullopt;
        array.replace(*i, *child);
        return array;
    }
    *error = tr("A path with '*' can be read but not written");
    return std::nullopt;
}

} // namespace

std::optional<JsonPath> JsonPath::parse(const QString &text, Error *error)
{
    if (!text.startsWith(u'$'))
        return failed(error, tr("A path must start with '$'"), 0);
    JsonPath path;
    qsizetype at = 1;
    while (at < text.size()) {
        if (text[at] == u'.') {
            const qsizetype start = ++at;
            if (at < text.size() && text[at] == u'*') {
                ++at;
                path.m_steps.append(Wildcard{});
                continue;
            }
            while (at < text.size() && isNameChar(text[at]))
                ++at;
            if (at == start)
                return failed(error, tr("Expected a name after '.'"), start);
            path.m_steps.append(text.mid(start, at - start));
        } else if (text[at] == u'[') {
            Step step;
            if (!bracketStep(text, &at, &step, error))
                return std::nullopt;
            path.m_steps.append(step);
        } else {
            return failed(error, tr("Unexpected character '%1' in the path").arg(text[at]), at);
        }
        if (path.m_steps.size() > MaxSteps) // reading and writing recurse once per step
            return failed(error, tr("The path is too deep (more than %1 steps)").arg(MaxSteps), at);
    }
    return path;
}

bool JsonPath::hasWildcard() const
{
    return std::any_of(m_steps.begin(), m_steps.end(),
                       [](const Step &step) { return std::holds_alternative<Wildcard>(step); });
}

std::optional<QJsonArray> JsonPath::toLoc() const
{
    QJsonArray loc;
    for (const Step &step : m_steps) {
        if (const auto *name = std::get_if<QString>(&step))
            loc.append(*name);
        else if (const auto *i = std::get_if<qsizetype>(&step))
            loc.append(*i);
        else
            return std::nullopt;
    }
    return loc;
}

bool JsonPath::startsWith(const QString &key) const
{
    return !m_steps.isEmpty() && std::holds_alternative<QString>(m_steps.first()) &&
           std::get<QString>(m_steps.first()) == key;
}

std::optional<QJsonValue> JsonPath::read(const QJsonValue &root) const
{
    QJsonArray matches;
    collect(root, m_steps, 0, matches);
    if (hasWildcard())
        return matches;
    if (matches.isEmpty())
        return std::nullopt;
    return matches.first();
}

std::optional<QJsonValue> JsonPath::write(const QJsonValue &root, const QJsonValue &value, QString *error) const
{
    QString why;
    auto result = writeAt(root, m_steps, 0, value, &why);
    if (!result && error)
        *error = why;
    return result;
}

} // namespace Flowdeck::Core::Lang
