// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/jsontext.h"
#include "core/lang/textedit.h"

#include <QJsonArray>
#include <QJsonValue>

#include <optional>

namespace Flowdeck::Core::Lang::JsonEdit {

// The layout a document already uses, so that inserted text looks as if the author wrote it.
struct Style
{
    QByteArray indentUnit = "  ";
    QByteArray newline = "\n";
    QByteArray colon = ": "; // what separates a key from its value
};
Style detectStyle(const JsonText &text);

// value as JSON text in style, for a place whose line is indented by indent. Object members come in
// the order ASL authors expect (Type first, Next and End last; see keyRank), the rest by name.
QByteArray serialize(const QJsonValue &value, const Style &style, const QByteArray &indent = {});
QByteArray quoted(const QString &string); // a JSON string literal

// Single edits on a valid text; nullopt when the path is not there (or the text is not valid).
// Everything outside the returned range stays byte for byte.
std::optional<TextEdit> replaceValue(const JsonText &text, const QJsonArray &path, const QJsonValue &value);
std::optional<TextEdit> renameKey(const JsonText &text, const QJsonArray &path, const QString &newKey);
// Removes the member or element at path together with one separating comma.
std::optional<TextEdit> remove(const JsonText &text, const QJsonArray &path);
// Adds key to the object at objectPath: after the member named after when given (else last).
std::optional<TextEdit> insertMember(const JsonText &text, const QJsonArray &objectPath, const QString &key,
                                     const QJsonValue &value, const QString &after = {});
// Sets key in the object at objectPath: replaces its value or inserts it.
std::optional<TextEdit> setMember(const JsonText &text, const QJsonArray &objectPath, const QString &key,
                                  const QJsonValue &value);
std::optional<TextEdit> appendElement(const JsonText &text, const QJsonArray &arrayPath, const QJsonValue &value);
// Replaces the member at path (key and value) with newKey: value, keeping its place.
std::optional<TextEdit> replaceMember(const JsonText &text, const QJsonArray &path, const QString &newKey,
                                      const QJsonValue &value);

} // namespace Flowdeck::Core::Lang::JsonEdit
