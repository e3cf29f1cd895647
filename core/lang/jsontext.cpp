// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/jsontext.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

// One JSON value in the text. A container's children sit together in Data::children, in text order
// (duplicates included), so walking and indexing need no per-node allocation.
struct JsonText::Node
{
    qsizetype start = 0;
    qsizetype end = 0;
    qsizetype keyStart = -1; // the member name, quotes included
    qsizetype keyEnd = -1;
    int childBegin = 0;     // into Data::children
    int childCount = 0;     // duplicates included
    int memberCount = 0;    // objects: duplicates counted once
    int keyIndex = -1;      // large objects: into Data::keyIndexes
    int decodedKey = -1;    // escaped member names: into Data::decoded
    int decodedString = -1; // escaped strings: into Data::decoded
    JsonNode::Type type = JsonNode::Type::Undefined;
    bool superseded = false; // a later member has the same name
};

struct JsonText::Data
{
    QByteArray text;
    QList<JsonTextProblem> problems;
    std::vector<Node> nodes;
    std::vector<int> children;
    std::deque<std::string> decoded; // a deque: views into it stay valid as it grows
    std::vector<std::unordered_map<std::string_view, int>> keyIndexes;
    std::vector<qsizetype> lineStarts{0};
    std::vector<bool> lineHasNonAscii{false}; // columns on ASCII lines need no counting
    bool valid = false;
    mutable std::once_flag valueBuilt;
    mutable QJsonValue value{QJsonValue::Undefined};

    TextPosition position(qsizetype offset) const;
    TextRange range(qsizetype start, qsizetype end) const { return {position(start), position(end)}; }
    std::string_view keyOf(const Node &n) const
    {
        if (n.decodedKey >= 0)
            return decoded[size_t(n.decodedKey)];
        return {text.constData() + n.keyStart + 1, size_t(n.keyEnd - n.keyStart - 2)};
    }
    int member(const Node &object, std::string_view key) const;
    int find(const QJsonArray &path, int *depthReached = nullptr) const;
};

namespace {

// Deeper documents are refused (Qt's own parser stops at 1024; flows never come close).
constexpr int MaxDepth = 512;
constexpr qsizetype SmallObject = 16; // up to this many members, duplicates are found by scanning

QString tr(const char *text)
{
    return QCoreApplication::translate("JsonText", text);
}

// Length of the UTF-8 sequence at p, or 0 if it is not valid UTF-8 (overlongs and surrogates included).
int utf8SequenceLength(const unsigned char *p, const unsigned char *end)
{
    const unsigned char c = p[0];
    if (c < 0x80)
        return 1;
    int length = 0;
    unsigned int minimum = 0;
    unsigned int code = 0;
    if ((c & 0xE0) == 0xC0) {
        length = 2, minimum = 0x80, code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        length = 3, minimum = 0x800, code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        length = 4, minimum = 0x10000, code = c & 0x07;
    } else {
        return 0;
    }
    if (end - p < length)
        return 0;
    for (int i = 1; i < length; ++i) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        code = (code << 6) | (p[i] & 0x3F);
    }
    if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        return 0;
    return length;
}

// Appends code point c to out as UTF-8.
void appendUtf8(std::string &out, char32_t c)
{
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

// The text of a string whose escapes the parser has already checked; lone surrogates become U+FFFD.
std::string unescape(const char *p, const char *end)
{
    std::string out;
    out.reserve(size_t(end - p));
    auto hex4 = [](const char *at) {
        unsigned int v = 0;
        std::from_chars(at, at + 4, v, 16);
        return char32_t(v);
    };
    while (p < end) {
        if (*p != '\\') {
            out += *p++;
            continue;
        }
        const char e = p[1];
        p += 2;
        switch (e) {
        case 'b':
            out += '\b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case 'u': {
            char32_t c = hex4(p);
            p += 4;
            if (c >= 0xD800 && c < 0xDC00 && end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
                const char32_t low = hex4(p + 2);
                if (low >= 0xDC00 && low < 0xE000) {
                    c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                    p += 6;
                }
            }
            appendUtf8(out, c >= 0xD800 && c < 0xE000 ? char32_t(0xFFFD) : c);
            break;
        }
        default:
            out += e; // \" \\ \/
        }
    }
    return out;
}

class Parser
{
public:
    Parser(JsonText::Data &data)
        : m_d(data)
        , m_text(data.text.constData())
        , m_size(data.text.size())
    {}

    bool run()
    {
        if (!checkUtf8())
            return false;
        skipSpace();
        if (m_pos >= m_size)
            return fail(m_pos, m_pos, tr("The text is empty; a JSON value was expected"));
        if (value(0) < 0)
            return false;
        skipSpace();
        if (m_pos < m_size)
            return fail(m_pos, m_size, tr("Unexpected text after the end of the JSON value"));
        return true;
    }

private:
    using Type = JsonNode::Type;

    bool fail(qsizetype start, qsizetype end, const QString &message)
    {
        m_d.problems.append({JsonTextProblem::Kind::Syntax, m_d.range(start, std::max(end, start)), message});
        return false;
    }

    bool checkUtf8()
    {
        const auto *p = reinterpret_cast<const unsigned char *>(m_text);
        const auto *end = p + m_size;
        for (const unsigned char *at = p; at < end;) {
            if (*at == '\n') {
                m_d.lineStarts.push_back(at - p + 1);
                m_d.lineHasNonAscii.push_back(false);
            }
            if (*at < 0x80) {
                ++at;
                continue;
            }
            const int length = utf8SequenceLength(at, end);
            if (length == 0)
                return fail(at - p, at - p + 1, tr("The text is not valid UTF-8 here"));
            m_d.lineHasNonAscii.back() = true;
            at += length;
        }
        return true;
    }

    void skipSpace()
    {
        while (m_pos < m_size &&
               (m_text[m_pos] == ' ' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r' || m_text[m_pos] == '\t'))
            ++m_pos;
    }

    JsonText::Node &node(int index) { return m_d.nodes[size_t(index)]; }

    int newNode(qsizetype start, Type type)
    {
        m_d.nodes.emplace_back();
        m_d.nodes.back().start = start;
        m_d.nodes.back().type = type;
        return int(m_d.nodes.size() - 1);
    }

    // Parses the value at m_pos; returns its node index or -1 after recording the error.
    int value(int depth)
    {
        if (depth > MaxDepth) {
            fail(m_pos, m_pos + 1, tr("The document nests deeper than %1 levels").arg(MaxDepth));
            return -1;
        }
        const qsizetype start = m_pos;
        if (m_pos >= m_size) {
            fail(m_pos, m_pos, tr("Unexpected end of text; a value was expected"));
            return -1;
        }
        const char c = m_text[m_pos];
        int index = -1;
        bool ok = false;
        if (c == '{') {
            index = newNode(start, Type::Object);
            ok = object(index, depth);
        } else if (c == '[') {
            index = newNode(start, Type::Array);
            ok = array(index, depth);
        } else if (c == '"') {
            index = newNode(start, Type::String);
            int decoded = -1;
            ok = string(&decoded);
            node(index).decodedString = decoded;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            index = newNode(start, Type::Number);
            ok = number();
        } else if (literal("true") || literal("false")) {
            index = newNode(start, Type::Bool);
            ok = true;
        } else if (literal("null")) {
            index = newNode(start, Type::Null);
            ok = true;
        } else {
            fail(m_pos, m_pos + 1,
                 tr("Unexpected character; a value (object, array, string, number, true, false "
                    "or null) was expected"));
        }
        if (!ok)
            return -1;
        node(index).end = m_pos;
        return index;
    }

    bool literal(const char *word)
    {
        const auto length = qsizetype(std::strlen(word));
        if (m_size - m_pos < length || std::memcmp(m_text + m_pos, word, size_t(length)) != 0)
            return false;
        m_pos += length;
        return true;
    }

    // Moves the children collected on the scratch stack since mark into the node's slice.
    void adoptChildren(int index, size_t mark)
    {
        JsonText::Node &n = node(index);
        n.childBegin = int(m_d.children.size());
        n.childCount = int(m_scratch.size() - mark);
        m_d.children.insert(m_d.children.end(), m_scratch.begin() + qsizetype(mark), m_scratch.end());
        m_scratch.resize(mark);
    }

    bool object(int index, int depth)
    {
        const size_t mark = m_scratch.size();
        std::unordered_map<std::string_view, int> keys; // only past SmallObject members: name -> node
        int members = 0;
        const qsizetype open = m_pos++;
        skipSpace();
        if (m_pos < m_size && m_text[m_pos] == '}') {
            ++m_pos;
            return true;
        }
        for (;;) {
            skipSpace();
            if (m_pos >= m_size)
                return fail(open, open + 1, tr("This object is never closed with '}'"));
            if (m_text[m_pos] != '"')
                return fail(m_pos, m_pos + 1, tr("A member name in double quotes was expected"));
            const qsizetype keyStart = m_pos;
            int decodedKey = -1;
            if (!string(&decodedKey))
                return false;
            const qsizetype keyEnd = m_pos;
            skipSpace();
            if (m_pos >= m_size || m_text[m_pos] != ':')
                return fail(m_pos, m_pos + 1, tr("A ':' was expected after the member name"));
            ++m_pos;
            skipSpace();
            const int child = value(depth + 1);
            if (child < 0)
                return false;
            JsonText::Node &c = node(child);
            c.keyStart = keyStart;
            c.keyEnd = keyEnd;
            c.decodedKey = decodedKey;
            const std::string_view key = m_d.keyOf(c);
            // Small objects (almost all) scan their few names; large ones switch to a hash.
            const size_t count = m_scratch.size() - mark;
            if (count == SmallObject)
                for (size_t i = mark; i < m_scratch.size(); ++i)
                    keys[m_d.keyOf(node(m_scratch[i]))] = m_scratch[i];
            int earlier = -1;
            if (count < SmallObject) {
                for (size_t i = m_scratch.size(); i-- > mark;)
                    if (m_d.keyOf(node(m_scratch[i])) == key) {
                        earlier = m_scratch[i];
                        break;
                    }
            } else {
                const auto [it, inserted] = keys.try_emplace(key, child);
                if (!inserted) {
                    earlier = it->second;
                    it->second = child;
                }
            }
            if (earlier >= 0) {
                noteDuplicate(earlier, key, keyStart, keyEnd);
                node(earlier).superseded = true;
            } else {
                ++members;
            }
            m_scratch.push_back(child);
            skipSpace();
            if (m_pos < m_size && m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_size && m_text[m_pos] == '}') {
                ++m_pos;
                adoptChildren(index, mark);
                node(index).memberCount = members;
                if (!keys.empty()) { // large objects (States) keep their index for lookups
                    node(index).keyIndex = int(m_d.keyIndexes.size());
                    m_d.keyIndexes.push_back(std::move(keys));
                }
                return true;
            }
            if (m_pos >= m_size)
                return fail(open, open + 1, tr("This object is never closed with '}'"));
            return fail(m_pos, m_pos + 1, tr("A ',' or '}' was expected after the member value"));
        }
    }

    void noteDuplicate(int earlier, std::string_view key, qsizetype keyStart, qsizetype keyEnd)
    {
        const TextPosition at = m_d.position(node(earlier).keyStart);
        m_d.problems.append({JsonTextProblem::Kind::DuplicateKey, m_d.range(keyStart, keyEnd),
                             tr("Duplicate key \"%1\": this value replaces the one at line %2, column %3, "
                                "which is silently lost")
                                 .arg(QString::fromUtf8(key.data(), qsizetype(key.size())))
                                 .arg(at.line)
                                 .arg(at.column)});
    }

    bool array(int index, int depth)
    {
        const size_t mark = m_scratch.size();
        const qsizetype open = m_pos++;
        skipSpace();
        if (m_pos < m_size && m_text[m_pos] == ']') {
            ++m_pos;
            return true;
        }
        for (;;) {
            skipSpace();
            const int child = value(depth + 1);
            if (child < 0)
                return false;
            m_scratch.push_back(child);
            skipSpace();
            if (m_pos < m_size && m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_size && m_text[m_pos] == ']') {
                ++m_pos;
                adoptChildren(index, mark);
                return true;
            }
            if (m_pos >= m_size)
                return fail(open, open + 1, tr("This array is never closed with ']'"));
            return fail(m_pos, m_pos + 1, tr("A ',' or ']' was expected after the array element"));
        }
    }

    // A string at m_pos, validated; one with escapes is decoded into Data::decoded (*decoded is its index).
    bool string(int *decoded)
    {
        const qsizetype open = m_pos++;
        const qsizetype contentStart = m_pos;
        bool escaped = false;
        while (m_pos < m_size) {
            const auto c = static_cast<unsigned char>(m_text[m_pos]);
            if (c == '"')
                break;
            if (c < 0x20)
                return fail(m_pos, m_pos + 1,
                            c == '\n' ? tr("This string is not closed before the end of the line")
                                      : tr("Control characters must be escaped inside strings"));
            if (c == '\\') {
                escaped = true;
                if (!escape())
                    return false;
                continue;
            }
            ++m_pos;
        }
        if (m_pos >= m_size)
            return fail(open, open + 1, tr("This string is never closed with '\"'"));
        const qsizetype contentEnd = m_pos++;
        if (escaped) {
            *decoded = int(m_d.decoded.size());
            m_d.decoded.push_back(unescape(m_text + contentStart, m_text + contentEnd));
        }
        return true;
    }

    bool escape()
    {
        const qsizetype at = m_pos;
        if (m_pos + 1 >= m_size)
            return fail(at, m_size, tr("Unfinished escape sequence"));
        const char e = m_text[m_pos + 1];
        if (std::strchr("\"\\/bfnrt", e) && e != 0) {
            m_pos += 2;
            return true;
        }
        if (e != 'u')
            return fail(at, at + 2,
                        tr("Unknown escape sequence; use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX"));
        for (int i = 2; i < 6; ++i)
            if (m_pos + i >= m_size || !std::isxdigit(static_cast<unsigned char>(m_text[m_pos + i])))
                return fail(at, std::min(m_size, at + 6), tr("\\u must be followed by four hexadecimal digits"));
        m_pos += 6;
        return true;
    }

    bool number()
    {
        const qsizetype start = m_pos;
        auto digits = [this] {
            const qsizetype from = m_pos;
            while (m_pos < m_size && m_text[m_pos] >= '0' && m_text[m_pos] <= '9')
                ++m_pos;
            return m_pos - from;
        };
        if (m_text[m_pos] == '-')
            ++m_pos;
        if (m_pos < m_size && m_text[m_pos] == '0') {
            ++m_pos;
            if (m_pos < m_size && m_text[m_pos] >= '0' && m_text[m_pos] <= '9')
                return fail(start, m_pos + 1, tr("Numbers must not have leading zeros"));
        } else if (digits() == 0) {
            return fail(start, m_pos + 1, tr("A digit was expected in this number"));
        }
        bool plain = true; // an integer: at most 15 digits always fits a double
        if (m_pos < m_size && m_text[m_pos] == '.') {
            plain = false;
            ++m_pos;
            if (digits() == 0)
                return fail(start, m_pos + 1, tr("Digits were expected after the decimal point"));
        }
        if (m_pos < m_size && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            plain = false;
            ++m_pos;
            if (m_pos < m_size && (m_text[m_pos] == '+' || m_text[m_pos] == '-'))
                ++m_pos;
            if (digits() == 0)
                return fail(start, m_pos + 1, tr("Digits were expected in the exponent"));
        }
        if (plain && m_pos - start <= 15)
            return true;
        bool ok = false;
        const double v = QByteArray(m_text + start, m_pos - start).toDouble(&ok);
        if (!ok || std::isinf(v))
            return fail(start, m_pos, tr("This number is too large to be represented"));
        return true;
    }

    JsonText::Data &m_d;
    const char *m_text;
    qsizetype m_size;
    qsizetype m_pos = 0;
    std::vector<int> m_scratch; // children of the containers being read, innermost last
};

} // namespace

TextPosition JsonText::Data::position(qsizetype offset) const
{
    offset = std::clamp<qsizetype>(offset, 0, text.size());
    const auto line = std::upper_bound(lineStarts.begin(), lineStarts.end(), offset) - 1;
    const auto lineIndex = size_t(line - lineStarts.begin());
    const qsizetype lineStart = *line;
    int column = 1;
    if (lineIndex < lineHasNonAscii.size() && !lineHasNonAscii[lineIndex]) {
        column = int(offset - lineStart) + 1;
    } else {
        for (qsizetype i = lineStart; i < offset; ++i) // count code points: skip continuation bytes
            if ((static_cast<unsigned char>(text.at(i)) & 0xC0) != 0x80)
                ++column;
    }
    return {offset, int(lineIndex) + 1, column};
}

int JsonText::Data::member(const Node &object, std::string_view key) const
{
    if (object.keyIndex >= 0) {
        const auto &index = keyIndexes[size_t(object.keyIndex)];
        const auto it = index.find(key);
        return it == index.end() ? -1 : it->second;
    }
    for (int i = object.childBegin + object.childCount; i-- > object.childBegin;) // the last of duplicates
        if (keyOf(nodes[size_t(children[size_t(i)])]) == key)
            return children[size_t(i)];
    return -1;
}

int JsonText::Data::find(const QJsonArray &path, int *depthReached) const
{
    if (nodes.empty())
        return -1;
    int node = 0;
    int depth = 0;
    for (const QJsonValue &step : path) {
        const Node &n = nodes[size_t(node)];
        int next = -1;
        if (n.type == JsonNode::Type::Object && step.isString()) {
            const QByteArray key = step.toString().toUtf8();
            next = member(n, std::string_view(key.constData(), size_t(key.size())));
        } else if (n.type == JsonNode::Type::Array && step.isDouble()) {
            const qint64 i = step.toInteger(-1);
            next = (i >= 0 && i < n.childCount) ? children[size_t(n.childBegin + i)] : -1;
        }
        if (next < 0)
            break;
        node = next;
        ++depth;
    }
    if (depthReached)
        *depthReached = depth;
    return depth == path.size() ? node : -1;
}

JsonText JsonText::parse(const QByteArray &utf8)
{
    auto data = std::make_shared<Data>();
    data->text = utf8;
    data->nodes.reserve(size_t(utf8.size() / 12 + 1));
    data->children.reserve(size_t(utf8.size() / 12 + 1));
    Parser parser(*data);
    data->valid = parser.run();
    JsonText result;
    result.d = std::move(data);
    return result;
}

bool JsonText::isValid() const
{
    return d && d->valid;
}

const QJsonValue &JsonText::value() const
{
    static const QJsonValue undefined(QJsonValue::Undefined);
    if (!d)
        return undefined;
    std::call_once(d->valueBuilt, [this] { d->value = root().toJsonValue(); });
    return d->value;
}

JsonNode JsonText::root() const
{
    return d && d->valid ? JsonNode(d.get(), 0) : JsonNode();
}

const QList<JsonTextProblem> &JsonText::problems() const
{
    static const QList<JsonTextProblem> none;
    return d ? d->problems : none;
}

const QByteArray &JsonText::text() const
{
    static const QByteArray empty;
    return d ? d->text : empty;
}

std::optional<TextRange> JsonText::valueRange(const QJsonArray &path) const
{
    const int node = d ? d->find(path) : -1;
    if (node < 0)
        return std::nullopt;
    const Node &n = d->nodes[size_t(node)];
    return d->range(n.start, n.end);
}

std::optional<TextRange> JsonText::keyRange(const QJsonArray &path) const
{
    const int node = d ? d->find(path) : -1;
    if (node < 0)
        return std::nullopt;
    const Node &n = d->nodes[size_t(node)];
    return n.keyStart < 0 ? d->range(n.start, n.end) : d->range(n.keyStart, n.keyEnd);
}

JsonNode JsonText::node(const QJsonArray &path) const
{
    const int found = d && d->valid ? d->find(path) : -1;
    return found < 0 ? JsonNode() : JsonNode(d.get(), found);
}

std::pair<QJsonArray, TextRange> JsonText::nearest(const QJsonArray &path) const
{
    if (!d || d->nodes.empty())
        return {QJsonArray(), TextRange{}};
    int depth = 0;
    d->find(path, &depth);
    QJsonArray prefix;
    for (int i = 0; i < depth; ++i)
        prefix.append(path.at(i));
    const Node &n = d->nodes[size_t(d->find(prefix))];
    return {prefix, d->range(n.start, n.end)};
}

TextPosition JsonText::positionAt(qsizetype offset) const
{
    return d ? d->position(offset) : TextPosition{};
}

const JsonText::Node *JsonNode::node() const
{
    return m_d && m_node >= 0 ? &m_d->nodes[size_t(m_node)] : nullptr;
}

JsonNode::Type JsonNode::type() const
{
    const JsonText::Node *n = node();
    return n ? n->type : Type::Undefined;
}

bool JsonNode::toBool(bool defaultValue) const
{
    return isBool() ? m_d->text.at(node()->start) == 't' : defaultValue;
}

double JsonNode::toDouble(double defaultValue) const
{
    if (!isDouble())
        return defaultValue;
    const char *begin = m_d->text.constData() + node()->start;
    const char *end = m_d->text.constData() + node()->end;
    double v = 0;
    if (std::from_chars(begin, end, v).ec == std::errc())
        return v;
    return QByteArray(begin, end - begin).toDouble(); // underflow: what Qt makes of it
}

std::string_view JsonNode::stringView() const
{
    if (!isString())
        return {};
    const JsonText::Node *n = node();
    if (n->decodedString >= 0)
        return m_d->decoded[size_t(n->decodedString)];
    return {m_d->text.constData() + n->start + 1, size_t(n->end - n->start - 2)};
}

QString JsonNode::toString() const
{
    const std::string_view text = stringView();
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QJsonValue JsonNode::toJsonValue() const
{
    const JsonText::Node *n = node();
    if (!n)
        return QJsonValue(QJsonValue::Undefined);
    const QByteArray text = m_d->text.mid(n->start, n->end - n->start);
    // QJsonDocument only takes containers; it keeps the last of duplicate keys, as the service does.
    if (n->type == Type::Object)
        return QJsonDocument::fromJson(text).object();
    if (n->type == Type::Array)
        return QJsonDocument::fromJson(text).array();
    return QJsonDocument::fromJson("[" + text + "]").array().at(0);
}

qsizetype JsonNode::size() const
{
    const JsonText::Node *n = node();
    if (!n)
        return 0;
    return n->type == Type::Object ? n->memberCount : n->type == Type::Array ? n->childCount : 0;
}

JsonNode JsonNode::value(std::string_view key) const
{
    if (!isObject())
        return {};
    const int found = m_d->member(*node(), key);
    return found < 0 ? JsonNode() : JsonNode(m_d, found);
}

JsonNode JsonNode::value(const QString &key) const
{
    const QByteArray utf8 = key.toUtf8();
    return value(std::string_view(utf8.constData(), size_t(utf8.size())));
}

JsonNode JsonNode::at(qsizetype index) const
{
    if (!isArray() || index < 0 || index >= node()->childCount)
        return {};
    return {m_d, m_d->children[size_t(node()->childBegin + index)]};
}

std::string_view JsonNode::keyView() const
{
    const JsonText::Node *n = node();
    return n && n->keyStart >= 0 ? m_d->keyOf(*n) : std::string_view();
}

QString JsonNode::key() const
{
    const std::string_view text = keyView();
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

TextRange JsonNode::range() const
{
    const JsonText::Node *n = node();
    return n ? m_d->range(n->start, n->end) : TextRange{};
}

JsonNode::const_iterator::const_iterator(const JsonText::Data *d, const int *at, const int *end)
    : m_d(d)
    , m_at(at)
    , m_end(end)
{
    while (m_at != m_end && m_d->nodes[size_t(*m_at)].superseded)
        ++m_at;
}

JsonNode::const_iterator &JsonNode::const_iterator::operator++()
{
    ++m_at;
    while (m_at != m_end && m_d->nodes[size_t(*m_at)].superseded)
        ++m_at;
    return *this;
}

JsonNode::const_iterator JsonNode::begin() const
{
    const JsonText::Node *n = node();
    if (!n || (n->type != Type::Object && n->type != Type::Array))
        return {nullptr, nullptr, nullptr};
    const int *first = m_d->children.data() + n->childBegin;
    return {m_d, first, first + n->childCount};
}

JsonNode::const_iterator JsonNode::end() const
{
    const JsonText::Node *n = node();
    if (!n || (n->type != Type::Object && n->type != Type::Array))
        return {nullptr, nullptr, nullptr};
    const int *last = m_d->children.data() + n->childBegin + n->childCount;
    return {m_d, last, last};
}

QString pathToString(const QJsonArray &path)
{
    static const QRegularExpression plain(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    QString out = u"$"_s;
    for (const QJsonValue &step : path) {
        if (step.isDouble()) {
            out += u'[' + QString::number(step.toInteger()) + u']';
        } else if (plain.match(step.toString()).hasMatch()) {
            out += u'.' + step.toString();
        } else {
            QString key = step.toString();
            key.replace(u"\\"_s, u"\\\\"_s).replace(u"'"_s, u"\\'"_s);
            out += u"['"_s + key + u"']"_s;
        }
    }
    return out;
}

} // namespace Flowdeck::Core::Lang
