// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonValue>
#include <QLatin1StringView>
#include <QList>
#include <QString>

#include <iterator>
#include <memory>
#include <optional>
#include <string_view>

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

class JsonNode;

// The result of reading JSON text with positions: the value (when the syntax is valid), problems,
// and for every path (the service's "loc" form, e.g. ["States","Step1","Next"]) the text range of
// its key and of its value. Immutable and cheap to copy; safe to read from any thread.
class JsonText
{
public:
    static JsonText parse(const QByteArray &utf8);

    bool isValid() const; // no syntax error (duplicate keys alone do not make it invalid)
    // The document as Qt JSON, built on first use (thread-safe). Readers that only look, such as the
    // validator, walk root() instead and never pay for it.
    const QJsonValue &value() const;
    JsonNode root() const; // undefined when the text is not valid
    const QList<JsonTextProblem> &problems() const;
    const QByteArray &text() const;

    // The range of the value at path; nullopt if the path does not exist. For a duplicated key,
    // the last occurrence (the one the value keeps).
    std::optional<TextRange> valueRange(const QJsonArray &path) const;
    // The range of the key (quotes included) that holds the value at path; for array elements and
    // the root, the value's range.
    std::optional<TextRange> keyRange(const QJsonArray &path) const;
    // The value at path ("loc" form), undefined when it does not exist or the text is not valid.
    JsonNode node(const QJsonArray &path) const;
    // The deepest existing prefix of path, and its value range: where to point when a path is gone.
    std::pair<QJsonArray, TextRange> nearest(const QJsonArray &path) const;
    TextPosition positionAt(qsizetype offset) const;

    struct Node;
    struct Data;

private:
    std::shared_ptr<const Data> d;
};

// A read-only view of one value inside a JsonText, read like a QJsonValue but without building one:
// member names and strings are views into the text. Cheap to copy; valid while its JsonText lives.
// An object's members come in text order; a key given twice counts once, with its last value (as
// Qt and the service keep it). Missing members and out-of-range elements are undefined nodes.
class JsonNode
{
public:
    enum class Type : quint8 { Undefined, Null, Bool, Number, String, Array, Object };

    JsonNode() = default;

    Type type() const;
    bool isUndefined() const { return type() == Type::Undefined; }
    bool isNull() const { return type() == Type::Null; }
    bool isBool() const { return type() == Type::Bool; }
    bool isDouble() const { return type() == Type::Number; }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }

    bool toBool(bool defaultValue = false) const;
    double toDouble(double defaultValue = 0) const;
    std::string_view stringView() const; // the decoded UTF-8 text of a string; empty otherwise
    QString toString() const;            // the decoded text of a string; empty otherwise
    bool operator==(std::string_view text) const { return isString() && stringView() == text; }
    QJsonValue toJsonValue() const; // a Qt copy of this value (built by Qt's parser from its text)

    // Objects: the member count and lookups by name. Arrays: the element count.
    qsizetype size() const;
    bool isEmpty() const { return size() == 0; }
    JsonNode value(std::string_view key) const;
    JsonNode value(QLatin1StringView key) const { return value(std::string_view(key.data(), size_t(key.size()))); }
    JsonNode value(const QString &key) const;
    bool contains(std::string_view key) const { return !value(key).isUndefined(); }
    bool contains(QLatin1StringView key) const { return !value(key).isUndefined(); }
    JsonNode at(qsizetype index) const; // arrays

    // The member name that holds this value (decoded); empty for array elements and the root.
    std::string_view keyView() const;
    QString key() const;
    TextRange range() const;

    // Iterates an array's elements or an object's members (use keyView() for the names).
    class const_iterator
    {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = JsonNode;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = JsonNode;
        JsonNode operator*() const { return JsonNode(m_d, *m_at); }
        const_iterator &operator++();
        bool operator==(const const_iterator &other) const { return m_at == other.m_at; }

    private:
        friend class JsonNode;
        const_iterator(const JsonText::Data *d, const int *at, const int *end);
        const JsonText::Data *m_d = nullptr;
        const int *m_at = nullptr;
        const int *m_end = nullptr;
    };
    const_iterator begin() const;
    const_iterator end() const;

private:
    friend class JsonText;
    JsonNode(const JsonText::Data *d, int node)
        : m_d(d)
        , m_node(node)
    {}
    const JsonText::Node *node() const;

    const JsonText::Data *m_d = nullptr;
    int m_node = -1;
};

// "$.States['a b'][0]" for ["States","a b",0].
QString pathToString(const QJsonArray &path);

} // namespace Flowdeck::Core::Lang
