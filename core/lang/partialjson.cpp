// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/partialjson.h"

#include <QString>

#include <algorithm>

namespace Flowdeck::Core::Lang {

namespace {

enum class TokenKind { String, Literal, OpenObject, CloseObject, OpenArray, CloseArray, Colon, Comma };

struct Token
{
    TokenKind kind = TokenKind::Literal;
    qsizetype start = 0;
    qsizetype end = 0;
    bool closed = true;   // strings: the closing quote is there
    bool escaped = false; // strings: holds a backslash escape
    bool isText() const { return kind == TokenKind::String || kind == TokenKind::Literal; }
    qsizetype contentStart() const { return kind == TokenKind::String ? start + 1 : start; }
    qsizetype contentEnd() const { return kind == TokenKind::String && closed ? end - 1 : end; }
};

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool endsLiteral(char c)
{
    return isSpace(c) || c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ',' || c == '"';
}

QByteArray unescape(const char *p, const char *end)
{
    QString out;
    while (p < end) {
        const char *run = p;
        while (p < end && *p != '\\')
            ++p;
        out += QString::fromUtf8(run, p - run);
        if (p + 1 >= end)
            break;
        const char c = p[1];
        p += 2;
        static const char from[] = "nrtbf", to[] = "\n\r\t\b\f";
        if (const char *at = std::find(from, from + 5, c); at != from + 5) {
            out += QLatin1Char(to[at - from]);
        } else if (c == 'u' && end - p >= 4) {
            bool ok = false;
            const ushort unit = QByteArray(p, 4).toUShort(&ok, 16);
            if (ok)
                out += QChar(unit); // a surrogate pair arrives as two units and joins up in the QString
            p += 4;
        } else {
            out += QLatin1Char(c);
        }
    }
    return out.toUtf8();
}

QByteArray slice(const char *d, qsizetype from, qsizetype to, bool escaped)
{
    if (to <= from)
        return {};
    return escaped ? unescape(d + from, d + to) : QByteArray::fromRawData(d + from, to - from);
}

} // namespace

class PartialJsonBuilder
{
public:
    PartialJsonBuilder(PartialJson &json, qsizetype offset, PartialJson::Mode mode)
        : j(json)
        , d(json.m_text.constData())
        , n(json.m_text.size())
        , m_offset(std::clamp<qsizetype>(offset, 0, n))
        , m_mode(mode)
    {}

    void run()
    {
        j.m_nodes.reserve(n / 24); // about one value per 24 bytes of a typical definition
        m_stack.append(Frame{});   // the top level
        Token t;
        while (next(t)) {
            if (!m_captured && reaches(t))
                capture(&t);
            process(t);
        }
        if (!m_captured)
            capture(nullptr);
        while (m_stack.size() > 1)
            pop(n);
    }

private:
    enum class Expect { Key, Colon, Value, Separator };
    struct Frame
    {
        int node = -1;
        bool isObject = false;
        Expect expect = Expect::Value;
        qsizetype keyStart = -1; // the pending key, until its value arrives
        qsizetype keyBegin = 0;
        qsizetype keyEnd = 0;
        bool keyEscaped = false;
        int count = 0;
        int lastChild = -1;
    };

    bool next(Token &t)
    {
        while (m_pos < n && isSpace(d[m_pos]))
            ++m_pos;
        if (m_pos >= n)
            return false;
        t = Token{};
        t.start = m_pos;
        switch (d[m_pos]) {
        case '{':
            t.kind = TokenKind::OpenObject;
            break;
        case '}':
            t.kind = TokenKind::CloseObject;
            break;
        case '[':
            t.kind = TokenKind::OpenArray;
            break;
        case ']':
            t.kind = TokenKind::CloseArray;
            break;
        case ':':
            t.kind = TokenKind::Colon;
            break;
        case ',':
            t.kind = TokenKind::Comma;
            break;
        case '"':
            return string(t);
        default:
            t.kind = TokenKind::Literal;
            while (m_pos < n && !endsLiteral(d[m_pos]))
                ++m_pos;
            t.end = m_pos;
            return true;
        }
        t.end = ++m_pos;
        return true;
    }

    // A string left open ends at the end of its line: JSON strings cannot hold raw line breaks.
    bool string(Token &t)
    {
        t.kind = TokenKind::String;
        t.closed = false;
        qsizetype i = m_pos + 1;
        while (i < n && d[i] != '\n') {
            if (d[i] == '\\') {
                t.escaped = true;
                i += 2;
                continue;
            }
            if (d[i++] == '"') {
                t.closed = true;
                break;
            }
        }
        t.end = m_pos = std::min(i, n);
        return true;
    }

    bool reaches(const Token &t) const
    {
        if (m_mode == PartialJson::Mode::Hover)
            return t.end > m_offset;
        if (t.start >= m_offset)
            return true;
        // Right after a closed string the user has finished it; anywhere else in a text token, types it.
        return t.isText() && m_offset <= t.end && !(t.kind == TokenKind::String && t.closed && m_offset == t.end);
    }

    // A completion replaces the token when the rest of it is the word under the cursor, and only
    // what was typed when the string reads on into other JSON: typing "B before , "Comment": "x"
    // makes the string "B, " - replacing all of it would eat the comma and a quote.
    qsizetype replaceEnd(const Token &t) const
    {
        qsizetype at = m_offset;
        while (at < t.contentEnd() && !QByteArrayView(",:{}[]").contains(d[at]))
            ++at;
        return at == t.contentEnd() ? t.end : m_offset;
    }

    QByteArray text(qsizetype from, qsizetype to, bool escaped) const { return slice(d, from, to, escaped); }

    void capture(const Token *t)
    {
        m_captured = true;
        const Frame &f = m_stack.last();
        PartialJson::Cursor &c = j.m_cursor;
        c.container = f.node;
        c.tokenStart = c.tokenEnd = m_offset;
        const bool inToken = t && t->isText() && t->start <= m_offset &&
                             (t->start < m_offset || m_mode != PartialJson::Mode::Completion);
        if (inToken) {
            c.inToken = true;
            c.tokenIsString = t->kind == TokenKind::String;
            c.tokenStart = t->start;
            c.tokenEnd = m_mode == PartialJson::Mode::Completion ? replaceEnd(*t) : t->end;
            c.typed = text(t->contentStart(), std::min(m_offset, t->contentEnd()), t->escaped);
            c.text = text(t->contentStart(), t->contentEnd(), t->escaped);
            qsizetype after = c.tokenEnd;
            while (c.tokenEnd == t->end && after < n && isSpace(d[after]))
                ++after;
            c.colonFollows = c.tokenEnd == t->end && after < n && d[after] == ':';
        } else if (m_mode == PartialJson::Mode::Hover) {
            return; // hover help needs a token
        }
        const bool keyPlace = f.expect == Expect::Key || (inToken && f.expect == Expect::Separator);
        if (f.isObject && keyPlace) {
            c.role = PartialJson::Role::Key;
        } else if (f.isObject && (f.expect == Expect::Value || (inToken && f.expect == Expect::Colon))) {
            c.role = PartialJson::Role::Value;
            c.key = text(f.keyBegin, f.keyEnd, f.keyEscaped);
        } else if (!f.isObject && f.node >= 0 && (f.expect == Expect::Value || inToken)) {
            c.role = PartialJson::Role::Value;
        }
    }

    int add(Frame &f, PartialJson::Node::Kind kind, const Token &t)
    {
        const int index = int(j.m_nodes.size());
        PartialJson::Node &node = j.m_nodes.emplace_back();
        node.kind = kind;
        node.parent = f.node;
        node.start = t.start;
        node.end = t.end;
        if (f.isObject) {
            node.keyStart = f.keyStart;
            node.keyBegin = f.keyBegin;
            node.keyEnd = f.keyEnd;
            node.keyEscaped = f.keyEscaped;
            f.keyStart = -1;
        } else if (f.node >= 0) {
            node.index = f.count++;
        }
        if (t.kind == TokenKind::String) {
            node.isString = true;
            node.stringEscaped = t.escaped;
            node.stringEnd = t.contentEnd();
        }
        if (f.lastChild >= 0)
            j.m_nodes[f.lastChild].next = index;
        else if (f.node >= 0)
            j.m_nodes[f.node].firstChild = index;
        f.lastChild = index;
        return index;
    }

    void addMissing(Frame &f)
    {
        if (f.isObject && (f.expect == Expect::Colon || f.expect == Expect::Value))
            add(f, PartialJson::Node::Kind::Missing, Token{TokenKind::Literal, f.keyStart, f.keyStart});
    }

    void process(const Token &t)
    {
        Frame &f = m_stack.last();
        switch (t.kind) {
        case TokenKind::String:
        case TokenKind::Literal:
            if (f.isObject && (f.expect == Expect::Key || f.expect == Expect::Separator)) {
                f.keyStart = t.start;
                f.keyBegin = t.contentStart();
                f.keyEnd = t.contentEnd();
                f.keyEscaped = t.escaped;
                f.expect = Expect::Colon;
                return;
            }
            add(f, PartialJson::Node::Kind::Scalar, t);
            f.expect = Expect::Separator;
            return;
        case TokenKind::Colon:
            if (f.isObject && f.expect == Expect::Colon)
                f.expect = Expect::Value;
            return;
        case TokenKind::Comma:
            addMissing(f);
            if (f.node >= 0)
                f.expect = f.isObject ? Expect::Key : Expect::Value;
            return;
        case TokenKind::OpenObject:
        case TokenKind::OpenArray: {
            const bool isObject = t.kind == TokenKind::OpenObject;
            const int node = add(f, isObject ? PartialJson::Node::Kind::Object : PartialJson::Node::Kind::Array, t);
            f.expect = Expect::Separator;
            Frame frame;
            frame.node = node;
            frame.isObject = isObject;
            frame.expect = isObject ? Expect::Key : Expect::Value;
            m_stack.append(frame);
            return;
        }
        case TokenKind::CloseObject:
        case TokenKind::CloseArray:
            close(t, t.kind == TokenKind::CloseObject);
            return;
        }
    }

    // Closes the innermost container of the bracket's kind (and any left open inside it).
    void close(const Token &t, bool isObject)
    {
        qsizetype match = m_stack.size() - 1;
        while (match > 0 && m_stack.at(match).isObject != isObject)
            --match;
        if (match == 0)
            return; // nothing to close: a stray bracket
        while (m_stack.size() - 1 > match)
            pop(t.start);
        pop(t.end);
    }

    void pop(qsizetype end)
    {
        Frame &f = m_stack.last();
        addMissing(f);
        j.m_nodes[f.node].end = end;
        m_stack.removeLast();
    }

    PartialJson &j;
    const char *d;
    const qsizetype n;
    const qsizetype m_offset;
    const PartialJson::Mode m_mode;
    qsizetype m_pos = 0;
    QList<Frame> m_stack;
    bool m_captured = false;
};

PartialJson PartialJson::read(const QByteArray &text, qsizetype offset, Mode mode)
{
    PartialJson json;
    json.m_text = text;
    PartialJsonBuilder(json, offset, mode).run();
    return json;
}

QByteArray PartialJson::key(int node) const
{
    const Node &n = m_nodes.at(node);
    return n.keyStart < 0 ? QByteArray() : slice(m_text.constData(), n.keyBegin, n.keyEnd, n.keyEscaped);
}

QByteArray PartialJson::string(int node) const
{
    const Node &n = m_nodes.at(node);
    return n.isString ? slice(m_text.constData(), n.start + 1, n.stringEnd, n.stringEscaped) : QByteArray();
}

int PartialJson::member(int object, std::string_view key) const
{
    if (object < 0 || m_nodes.at(object).kind != Node::Kind::Object)
        return -1;
    int found = -1;
    for (int child = m_nodes.at(object).firstChild; child >= 0; child = m_nodes.at(child).next) {
        const Node &n = m_nodes.at(child);
        if (n.keyStart < 0)
            continue;
        const bool equal =
            n.keyEscaped ? this->key(child) == QByteArrayView(key.data(), qsizetype(key.size()))
                         : std::string_view(m_text.constData() + n.keyBegin, size_t(n.keyEnd - n.keyBegin)) == key;
        if (equal)
            found = child; // the last occurrence wins, as in JSON readers
    }
    return found;
}

QJsonArray PartialJson::path(int node) const
{
    QJsonArray path;
    for (; node >= 0 && m_nodes.at(node).parent >= 0; node = m_nodes.at(node).parent) {
        const Node &n = m_nodes.at(node);
        if (n.index >= 0)
            path.prepend(n.index);
        else
            path.prepend(QString::fromUtf8(key(node)));
    }
    return path;
}

} // namespace Flowdeck::Core::Lang
