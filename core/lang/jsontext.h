// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace Flowdeck::Core::Lang {

// A place in UTF-8 text: byte offset (what Scintilla uses), 1-based line, and 1-based column
// counted in Unicode code points (what a user counts).
struct TextPosition
{
    qsizetype offset = 0;
    int line = 1;
    int column = 1;
    bool operator==(const TextPosition &) const = default;
};

struct TextRange
{
    TextPosition start;
    TextPosition end; // one past the last byte
    bool operator==(const TextRange &) const = default;
};

// Something wrong in the text itself: a syntax error (parsing stops there) or a duplicate key.
struct JsonTextProblem
{
    enum class Kind { Syntax, DuplicateKey };
    Kind kind = Kind::Syntax;
    TextRange range;
    QString message;
};

// The result of reading JSON text with positions: the value (when the syntax is valid), problems,
// and for every path (the service's "loc" form, e.g. ["States","Step1","Next"]) the text range of
// its key and of its value. Immutable and cheap to copy; safe to read from any thread.
class JsonText
{
public:
    static JsonText parse(const QByteArray &utf8);

    bool isValid() const; // no syntax error (duplicate keys alone do not make it invalid)
    const QJsonValue &value() const;
    const QList<JsonTextProblem> &problems() const;
    const QByteArray &text() const;

    // The range of the value at path; nullopt if the path does not exist. For a duplicated key,
    // the last occurrence (the one the value keeps).
    std::optional<TextRange> valueRange(const QJsonArray &path) const;
    // The range of the key (quotes included) that holds the value at path; for array elements and
    // the root, the value's range.
    std::optional<TextRange> keyRange(const QJsonArray &path) const;
    // The deepest existing prefix of path, and its value range: where to point when a path is gone.
    std::pair<QJsonArray, TextRange> nearest(const QJsonArray &path) const;
    TextPosition positionAt(qsizetype offset) const;

    struct Node;
    struct Data;

private:
    std::shared_ptr<const Data> d;
};

// "$.States['a b'][0]" for ["States","a b",0].
QString pathToString(const QJsonArray &path);

} // namespace Flowdeck::Core::Lang
