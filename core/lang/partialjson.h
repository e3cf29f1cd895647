// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QList>

#include <string_view>

namespace Flowdeck::Core::Lang {

// A tolerant reading of JSON text while it is being typed, for completion and hover help: one
// forward pass over strings (with escapes), literals, braces, brackets, colons and commas that
// never gives up. It guesses the way an editor user means it: a string left open ends at the end
// of its line, a missing comma or colon is assumed, an unmatched closing bracket is skipped, and
// containers left open end with the text. The result is the tree of containers and members it
// saw, plus what surrounds a given offset. Linear in the text; pure; any thread.
class PartialJson
{
public:
    // Completion: the token being typed ends at or runs over the offset. Hover: the token the
    // offset points into.
    enum class Mode { Completion, Hover };
    enum class Role { None, Key, Value };

    // Kept small (the text's every value has one): names and strings are read from the text on demand.
    struct Node
    {
        enum class Kind : quint8 { Object, Array, Scalar, Missing }; // Missing: a key without value
        Kind kind = Kind::Scalar;
        bool isString = false;
        bool keyEscaped = false;
        bool stringEscaped = false;
        int parent = -1;         // -1 for top-level values
        int index = -1;          // the position in an array parent
        int firstChild = -1;     // containers: the first member or element, in text order
        int next = -1;           // the next member or element of the parent
        qsizetype keyStart = -1; // the key token (quote included); -1 without a key
        qsizetype keyBegin = 0;  // the key's text, quotes excluded
        qsizetype keyEnd = 0;
        qsizetype start = 0; // the value's text: [start, end)
        qsizetype end = 0;
        qsizetype stringEnd = 0; // strings: the end of their text (before the closing quote)
    };

    // Where the offset stands.
    struct Cursor
    {
        Role role = Role::None;
        int container = -1; // the object or array the offset is in; -1 outside any
        QByteArray key;     // for a value in an object: its member's name
        bool inToken = false;
        bool tokenIsString = false;
        // The token under the offset with its quotes (while completing, only up to the offset when
        // the rest of the string reads like other JSON), else [offset, offset).
        qsizetype tokenStart = 0;
        qsizetype tokenEnd = 0;
        QByteArray typed;          // the token's text before the offset, decoded, without its quote
        QByteArray text;           // the whole token's text, decoded, without its quotes
        bool colonFollows = false; // a ':' comes right after the token
    };

    static PartialJson read(const QByteArray &text, qsizetype offset, Mode mode = Mode::Completion);

    const QList<Node> &nodes() const { return m_nodes; }
    const Node &node(int index) const { return m_nodes.at(index); }
    const Cursor &cursor() const { return m_cursor; }
    int root() const { return m_nodes.isEmpty() ? -1 : 0; } // the first top-level value
    // The decoded name under which node stands in its object, and a string node's decoded value.
    // Both may point into the text (valid while this PartialJson lives).
    QByteArray key(int node) const;
    QByteArray string(int node) const;
    // The member of object named key (its last occurrence), or -1.
    int member(int object, std::string_view key) const;
    // The "loc" path of node: member names and array indexes from the root.
    QJsonArray path(int node) const;

private:
    friend class PartialJsonBuilder;
    QByteArray m_text; // keeps the raw data that undecoded names and strings point into
    QList<Node> m_nodes;
    Cursor m_cursor;
};

} // namespace Flowdeck::Core::Lang
