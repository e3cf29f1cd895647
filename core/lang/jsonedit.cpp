// SPDX-License-Identifier: GPL-3.0-or-later
// Text-level JSON edits for quick fixes and graph edits. Each edit touches only the bytes it must,
// so the author's layout, key order, number spellings and escapes survive everywhere else.
#include "core/lang/jsonedit.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang::JsonEdit {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

qsizetype lineStart(const QByteArray &text, qsizetype offset)
{
    const qsizetype newline = offset > 0 ? text.lastIndexOf('\n', offset - 1) : -1;
    return newline + 1;
}

QByteArray leadingIndent(const QByteArray &text, qsizetype offset)
{
    const qsizetype start = lineStart(text, offset);
    qsizetype end = start;
    while (end < text.size() && (text.at(end) == ' ' || text.at(end) == '\t'))
        ++end;
    return text.mid(start, end - start);
}

bool sameLine(const QByteArray &text, qsizetype from, qsizetype to)
{
    return text.indexOf('\n', from) < 0 || text.indexOf('\n', from) >= to;
}

qsizetype skipSpaceForward(const QByteArray &text, qsizetype at)
{
    while (at < text.size() && isSpace(text.at(at)))
        ++at;
    return at;
}

qsizetype skipSpaceBackward(const QByteArray &text, qsizetype at) // returns the offset after the previous token
{
    while (at > 0 && isSpace(text.at(at - 1)))
        --at;
    return at;
}

// Where an ASL author expects a key: what a state is first, where it goes last.
int keyRank(const QString &key)
{
    static const QStringList order{u"Comment"_s,
                                   u"StartAt"_s,
                                   u"States"_s,
                                   u"Type"_s,
                                   u"ActionUrl"_s,
                                   u"Handler"_s,
                                   u"ActionScope"_s,
                                   u"RunAs"_s,
                                   u"InputPath"_s,
                                   u"Parameters"_s,
                                   u"ResultPath"_s,
                                   u"WaitTime"_s,
                                   u"ExceptionOnActionFailure"_s,
                                   u"Variable"_s,
                                   u"Choices"_s,
                                   u"Default"_s,
                                   u"Seconds"_s,
                                   u"SecondsPath"_s,
                                   u"Timestamp"_s,
                                   u"TimestampPath"_s,
                                   u"Error"_s,
                                   u"ErrorPath"_s,
                                   u"Cause"_s,
                                   u"CausePath"_s,
                                   u"ErrorEquals"_s,
                                   u"Catch"_s,
                                   u"Next"_s,
                                   u"End"_s};
    const qsizetype rank = order.indexOf(key);
    if (rank < 0)
        return int(order.indexOf(u"ExceptionOnActionFailure"_s)) * 2 + 1; // unknown keys: before the flow fields
    return int(rank) * 2;
}

QStringList orderedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys();
    std::stable_sort(keys.begin(), keys.end(),
                     [](const QString &a, const QString &b) { return keyRank(a) < keyRank(b); });
    return keys;
}

QByteArray scalar(const QJsonValue &value)
{
    QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return json.mid(1, json.size() - 2);
}

bool isShortScalarArray(const QJsonArray &array)
{
    qsizetype length = 0;
    for (const QJsonValue &element : array) {
        if (element.isArray() || element.isObject())
            return false;
        length += scalar(element).size() + 2;
    }
    return length <= 60;
}

void write(QByteArray &out, const QJsonValue &value, const Style &style, const QByteArray &indent, bool compact)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty()) {
            out += "{}";
            return;
        }
        const QByteArray inner = indent + style.indentUnit;
        out += '{';
        bool first = true;
        for (const QString &key : orderedKeys(object)) {
            out += first ? "" : ",";
            out += compact ? QByteArray(first ? "" : " ") : QByteArray(style.newline + inner);
            first = false;
            out += quoted(key) + (compact ? QByteArray(": ") : style.colon);
            write(out, object.value(key), style, inner, compact);
        }
        out += compact ? QByteArray("}") : style.newline + indent + '}';
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (array.isEmpty() || compact || isShortScalarArray(array)) {
            out += '[';
            for (qsizetype i = 0; i < array.size(); ++i) {
                out += i ? ", " : "";
                write(out, array.at(i), style, indent, true);
            }
            out += ']';
            return;
        }
        const QByteArray inner = indent + style.indentUnit;
        out += '[';
        for (qsizetype i = 0; i < array.size(); ++i) {
            out += (i ? "," : "") + style.newline + inner;
            write(out, array.at(i), style, inner, false);
        }
        out += style.newline + indent + ']';
    } else {
        out += scalar(value);
    }
}

QByteArray compactMember(const QString &key, const QJsonValue &value, const Style &style)
{
    QByteArray out = quoted(key) + ": ";
    write(out, value, style, {}, true);
    return out;
}

// Where the member (or element) at path starts and ends: its key's opening quote to its value's end.
std::optional<std::pair<qsizetype, qsizetype>> span(const JsonText &text, const QJsonArray &path)
{
    const auto key = text.keyRange(path);
    const auto value = text.valueRange(path);
    if (!key || !value)
        return std::nullopt;
    return std::pair{key->start.offset, value->end.offset};
}

// Inserts member text (already serialised for the layout) into the object or array at containerPath,
// at insertAt (after a member's value) or as its only content.
std::optional<TextEdit> insertInto(const JsonText &text, const QJsonArray &containerPath, qsizetype insertAt,
                                   const QByteArray &multiLine, const QByteArray &oneLine, const Style &style)
{
    const auto container = text.valueRange(containerPath);
    if (!container)
        return std::nullopt;
    const QByteArray &bytes = text.text();
    const qsizetype open = container->start.offset, close = container->end.offset - 1;
    if (insertAt < 0) { // empty: open it up on lines of its own, like its neighbours
        const QByteArray indent = leadingIndent(bytes, open);
        if (sameLine(bytes, 0, bytes.size()))
            return TextEdit{open + 1, close - open - 1, oneLine};
        return TextEdit{open + 1, close - open - 1,
                        style.newline + indent + style.indentUnit + multiLine + style.newline + indent};
    }
    if (sameLine(bytes, open, close))
        return TextEdit{insertAt, 0, ", " + oneLine};
    return TextEdit{insertAt, 0, "," + style.newline + leadingIndent(bytes, insertAt) + multiLine};
}

} // namespace

Style detectStyle(const JsonText &text)
{
    Style style;
    const QByteArray &bytes = text.text();
    if (bytes.contains("\r\n"))
        style.newline = "\r\n";
    qsizetype smallest = -1;
    bool tabs = false;
    for (qsizetype at = bytes.indexOf('\n'); at >= 0 && at + 1 < bytes.size(); at = bytes.indexOf('\n', at + 1)) {
        qsizetype end = at + 1;
        while (end < bytes.size() && (bytes.at(end) == ' ' || bytes.at(end) == '\t'))
            ++end;
        const qsizetype width = end - at - 1;
        if (width > 0 && end < bytes.size() && !isSpace(bytes.at(end)) && (smallest < 0 || width < smallest)) {
            smallest = width;
            tabs = bytes.at(at + 1) == '\t';
        }
    }
    if (smallest > 0)
        style.indentUnit = tabs ? QByteArray("\t") : QByteArray(smallest, ' ');
    const JsonNode root = text.root();
    if (root.isObject() && !root.isEmpty()) {
        const QString first = (*root.begin()).key();
        const auto key = text.keyRange({first});
        const auto value = text.valueRange({first});
        if (key && value)
            style.colon = bytes.mid(key->end.offset, value->start.offset - key->end.offset);
    }
    return style;
}

QByteArray quoted(const QString &string)
{
    return scalar(QJsonValue(string));
}

QByteArray serialize(const QJsonValue &value, const Style &style, const QByteArray &indent)
{
    QByteArray out;
    write(out, value, style, indent, false);
    return out;
}

std::optional<TextEdit> replaceValue(const JsonText &text, const QJsonArray &path, const QJsonValue &value)
{
    const auto range = text.valueRange(path);
    if (!range)
        return std::nullopt;
    const qsizetype start = range->start.offset;
    const QByteArray indent = leadingIndent(text.text(), start);
    return TextEdit{start, range->end.offset - start, serialize(value, detectStyle(text), indent)};
}

std::optional<TextEdit> renameKey(const JsonText &text, const QJsonArray &path, const QString &newKey)
{
    if (path.isEmpty() || !path.last().isString())
        return std::nullopt;
    const auto range = text.keyRange(path);
    if (!range)
        return std::nullopt;
    return TextEdit{range->start.offset, range->end.offset - range->start.offset, quoted(newKey)};
}

std::optional<TextEdit> remove(const JsonText &text, const QJsonArray &path)
{
    const auto at = span(text, path);
    if (!at || path.isEmpty())
        return std::nullopt;
    const QByteArray &bytes = text.text();
    const auto [start, end] = *at;
    const qsizetype next = skipSpaceForward(bytes, end);
    if (next < bytes.size() && bytes.at(next) == ',') // a member follows: take its comma and the space after
        return TextEdit{start, skipSpaceForward(bytes, next + 1) - start, {}};
    const qsizetype previous = skipSpaceBackward(bytes, start);
    if (previous > 0 && bytes.at(previous - 1) == ',') // the last one: take the comma before it
        return TextEdit{previous - 1, end - previous + 1, {}};
    return TextEdit{previous, next - previous, {}}; // the only one: leave "{}" or "[]"
}

std::optional<TextEdit> insertMember(const JsonText &text, const QJsonArray &objectPath, const QString &key,
                                     const QJsonValue &value, const QString &after)
{
    const JsonNode object = text.node(objectPath);
    if (!object.isObject() || !object.value(key).isUndefined())
        return std::nullopt;
    qsizetype insertAt = -1;
    for (const JsonNode member : object)
        if (after.isEmpty() || member.key() == after)
            insertAt = member.range().end.offset;
    if (!after.isEmpty() && insertAt < 0)
        return std::nullopt;
    const Style style = detectStyle(text);
    const QByteArray &bytes = text.text();
    const QByteArray indent = insertAt >= 0 ? leadingIndent(bytes, insertAt)
                                            : leadingIndent(bytes, object.range().start.offset) + style.indentUnit;
    const QByteArray multiLine = quoted(key) + style.colon + serialize(value, style, indent);
    return insertInto(text, objectPath, insertAt, multiLine, compactMember(key, value, style), style);
}

std::optional<TextEdit> setMember(const JsonText &text, const QJsonArray &objectPath, const QString &key,
                                  const QJsonValue &value)
{
    QJsonArray path = objectPath;
    path.append(key);
    if (text.valueRange(path))
        return replaceValue(text, path, value);
    return insertMember(text, objectPath, key, value);
}

std::optional<TextEdit> appendElement(const JsonText &text, const QJsonArray &arrayPath, const QJsonValue &value)
{
    const JsonNode array = text.node(arrayPath);
    if (!array.isArray())
        return std::nullopt;
    const Style style = detectStyle(text);
    const QByteArray &bytes = text.text();
    const qsizetype insertAt = array.isEmpty() ? -1 : array.at(array.size() - 1).range().end.offset;
    const QByteArray indent = insertAt >= 0 ? leadingIndent(bytes, insertAt)
                                            : leadingIndent(bytes, array.range().start.offset) + style.indentUnit;
    QByteArray oneLine;
    write(oneLine, value, style, {}, true);
    // Elements look like their neighbours: after one written on a single line, the new one is too.
    const TextRange last = insertAt >= 0 ? array.at(array.size() - 1).range() : TextRange{};
    const bool neighbourOnOneLine = insertAt >= 0 && last.start.line == last.end.line;
    return insertInto(text, arrayPath, insertAt, neighbourOnOneLine ? oneLine : serialize(value, style, indent),
                      oneLine, style);
}

std::optional<TextEdit> replaceMember(const JsonText &text, const QJsonArray &path, const QString &newKey,
                                      const QJsonValue &value)
{
    const auto at = span(text, path);
    if (!at || !path.last().isString())
        return std::nullopt;
    const Style style = detectStyle(text);
    const QByteArray indent = leadingIndent(text.text(), at->first);
    return TextEdit{at->first, at->second - at->first, quoted(newKey) + style.colon + serialize(value, style, indent)};
}

} // namespace Flowdeck::Core::Lang::JsonEdit
