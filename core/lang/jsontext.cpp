// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/jsontext.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

// One JSON value in the text. Objects keep their keys in text order, duplicates included.
struct JsonText::Node
{
    qsizetype keyStart = -1;
    qsizetype keyEnd = -1;
    qsizetype start = 0;
    qsizetype end = 0;
    bool isObject = false;
    QStringList keys;                   // objects: keys[i] names children[i]
    QList<int> children;                // indexes into Data::nodes
    QHash<QString, int> lastIndexOfKey; // only for large objects: lookups stay O(1) with 100,000 states

    qsizetype indexOf(const QString &key) const
    {
        if (!lastIndexOfKey.isEmpty())
            return lastIndexOfKey.value(key, -1);
        return keys.lastIndexOf(key);
    }
};

struct JsonText::Data
{
    QByteArray text;
    QJsonValue value{QJsonValue::Undefined};
    QList<JsonTextProblem> problems;
    std::vector<Node> nodes;
    std::vector<qsizetype> lineStarts{0};
    std::vector<bool> lineHasNonAscii{false}; // columns on ASCII lines need no counting
    bool valid = false;

    TextPosition position(qsizetype offset) const;
    TextRange range(qsizetype start, qsizetype end) const { return {position(start), position(end)}; }
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

    int newNode(qsizetype start)
    {
        m_d.nodes.push_back({});
        m_d.nodes.back().start = start;
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
        int node = -1;
        bool ok = false;
        if (c == '{') {
            node = newNode(start);
            ok = object(node, depth);
        } else if (c == '[') {
            node = newNode(start);
            ok = array(node, depth);
        } else if (c == '"') {
            node = newNode(start);
            ok = string(nullptr);
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            node = newNode(start);
            ok = number();
        } else if (literal("true") || literal("false") || literal("null")) {
            node = newNode(start);
            ok = true;
        } else {
            fail(m_pos, m_pos + 1,
                 tr("Unexpected character; a value (object, array, string, number, true, false "
                    "or null) was expected"));
        }
        if (!ok)
            return -1;
        m_d.nodes[size_t(node)].end = m_pos;
        return node;
    }

    bool literal(const char *word)
    {
        const auto length = qsizetype(std::strlen(word));
        if (m_size - m_pos < length || std::memcmp(m_text + m_pos, word, size_t(length)) != 0)
            return false;
        m_pos += length;
        return true;
    }

    bool object(int node, int depth)
    {
        m_d.nodes[size_t(node)].isObject = true;
        QHash<QString, qsizetype> seen; // key -> index, for duplicate detection in linear time
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
            QString key;
            if (!string(&key))
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
            m_d.nodes[size_t(child)].keyStart = keyStart;
            m_d.nodes[size_t(child)].keyEnd = keyEnd;
            // Small objects (almost all) scan their few keys; large ones switch to a hash.
            QStringList &keys = m_d.nodes[size_t(node)].keys;
            if (keys.size() == SmallObject)
                for (qsizetype i = 0; i < keys.size(); ++i)
                    seen.insert(keys.at(i), i);
            const qsizetype earlier = keys.size() < SmallObject ? keys.lastIndexOf(key) : seen.value(key, -1);
            if (earlier >= 0)
                noteDuplicate(node, earlier, key, keyStart, keyEnd);
            if (keys.size() >= SmallObject)
                seen.insert(key, keys.size());
            keys.append(key);
            m_d.nodes[size_t(node)].children.append(child);
            skipSpace();
            if (m_pos < m_size && m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_size && m_text[m_pos] == '}') {
                ++m_pos;
                if (seen.size() > 32) // big objects (States) keep their index for path lookups
                    for (auto it = seen.cbegin(); it != seen.cend(); ++it)
                        m_d.nodes[size_t(node)].lastIndexOfKey.insert(it.key(), int(it.value()));
                return true;
            }
            if (m_pos >= m_size)
                return fail(open, open + 1, tr("This object is never closed with '}'"));
            return fail(m_pos, m_pos + 1, tr("A ',' or '}' was expected after the member value"));
        }
    }

    void noteDuplicate(int node, qsizetype earlier, const QString &key, qsizetype keyStart, qsizetype keyEnd)
    {
        const JsonText::Node &parent = m_d.nodes[size_t(node)];
        const JsonText::Node &first = m_d.nodes[size_t(parent.children.at(earlier))];
        const TextPosition at = m_d.position(first.keyStart);
        m_d.problems.append({JsonTextProblem::Kind::DuplicateKey, m_d.range(keyStart, keyEnd),
                             tr("Duplicate key \"%1\": this value replaces the one at line %2, column %3, "
                                "which is silently lost")
                                 .arg(key)
                                 .arg(at.line)
                                 .arg(at.column)});
    }

    bool array(int node, int depth)
    {
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
            m_d.nodes[size_t(node)].children.append(child);
            skipSpace();
            if (m_pos < m_size && m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_size && m_text[m_pos] == ']') {
                ++m_pos;
                return true;
            }
            if (m_pos >= m_size)
                return fail(open, open + 1, tr("This array is never closed with ']'"));
            return fail(m_pos, m_pos + 1, tr("A ',' or ']' was expected after the array element"));
        }
    }

    // A string at m_pos; decoded into *out when asked (keys), validated either way.
    bool string(QString *out)
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
        if (out) {
            const QByteArray raw(m_text + contentStart, contentEnd - contentStart);
            *out = escaped ? QJsonDocument::fromJson("[\"" + raw + "\"]").array().at(0).toString()
                           : QString::fromUtf8(raw);
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
        if (m_pos < m_size && m_text[m_pos] == '.') {
            ++m_pos;
            if (digits() == 0)
                return fail(start, m_pos + 1, tr("Digits were expected after the decimal point"));
        }
        if (m_pos < m_size && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            ++m_pos;
            if (m_pos < m_size && (m_text[m_pos] == '+' || m_text[m_pos] == '-'))
                ++m_pos;
            if (digits() == 0)
                return fail(start, m_pos + 1, tr("Digits were expected in the exponent"));
        }
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

int JsonText::Data::find(const QJsonArray &path, int *depthReached) const
{
    if (nodes.empty())
        return -1;
    int node = 0;
    int depth = 0;
    for (const QJsonValue &step : path) {
        const Node &n = nodes[size_t(node)];
        int next = -1;
        if (n.isObject && step.isString()) {
            const qsizetype i = n.indexOf(step.toString());
            next = i < 0 ? -1 : n.children.at(i);
        } else if (!n.isObject && step.isDouble()) {
            const qint64 i = step.toInteger(-1);
            next = (i >= 0 && i < n.children.size()) ? n.children.at(i) : -1;
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
    data->nodes.reserve(size_t(utf8.size() / 16 + 1));
    Parser parser(*data);
    data->valid = parser.run();
    if (data->valid) {
        // Positions are ours; building the value is Qt's (it keeps the last of duplicate keys, as
        // the service does). Scalars are wrapped because QJsonDocument only takes containers.
        const char first = utf8.at(data->nodes.front().start);
        if (first == '{' || first == '[') {
            const QJsonDocument document = QJsonDocument::fromJson(utf8);
            data->value = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
        } else {
            data->value = QJsonDocument::fromJson("[" + utf8 + "]").array().at(0);
        }
    }
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
    return d ? d->value : undefined;
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
