// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/jsonformat.h"

#include "core/lang/jsontext.h"

#include <QCoreApplication>

namespace Flowdeck::Core::Lang {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool isPunctuation(char c)
{
    return c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':';
}

// Splits valid JSON into tokens: punctuation, whole strings (escapes untouched) and scalar words.
class Tokens
{
public:
    explicit Tokens(const QByteArray &text)
        : m_text(text)
    {
        skipSpace();
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }

    QByteArrayView next()
    {
        const qsizetype start = m_pos;
        const char c = m_text[m_pos++];
        if (c == '"') {
            while (m_text[m_pos] != '"')
                m_pos += m_text[m_pos] == '\\' ? 2 : 1;
            ++m_pos;
        } else if (!isPunctuation(c)) {
            while (m_pos < m_text.size() && !isSpace(m_text[m_pos]) && !isPunctuation(m_text[m_pos]))
                ++m_pos;
        }
        const QByteArrayView token(m_text.constData() + start, m_pos - start);
        skipSpace();
        return token;
    }

private:
    void skipSpace()
    {
        while (m_pos < m_text.size() && isSpace(m_text[m_pos]))
            ++m_pos;
    }

    const QByteArray &m_text;
    qsizetype m_pos = 0;
};

bool check(const QByteArray &text, QString *error)
{
    const JsonText parsed = JsonText::parse(text);
    if (parsed.isValid())
        return true;
    if (error) {
        for (const JsonTextProblem &problem : parsed.problems()) {
            if (problem.kind != JsonTextProblem::Kind::Syntax)
                continue;
            *error = QCoreApplication::translate("JsonFormat", "line %1, column %2: %3")
                         .arg(problem.range.start.line)
                         .arg(problem.range.start.column)
                         .arg(problem.message);
            break;
        }
    }
    return false;
}

void newLine(QByteArray &out, int depth, int indent)
{
    out += '\n';
    out.append(qsizetype(depth) * indent, ' ');
}

} // namespace

std::optional<QByteArray> formatJson(const QByteArray &text, int indent, QString *error)
{
    if (!check(text, error))
        return std::nullopt;
    indent = std::max(indent, 0);
    QByteArray out;
    out.reserve(text.size() + text.size() / 2);
    Tokens tokens(text);
    int depth = 0;
    while (!tokens.atEnd()) {
        const QByteArrayView token = tokens.next();
        const char c = token.front();
        if (c == '{' || c == '[') {
            out += token;
            const char close = c == '{' ? '}' : ']';
            if (tokens.peek() == close) // empty: keep "{}" and "[]" together
                out += tokens.next();
            else
                newLine(out, ++depth, indent);
        } else if (c == '}' || c == ']') {
            newLine(out, --depth, indent);
            out += token;
        } else if (c == ',') {
            out += ',';
            newLine(out, depth, indent);
        } else if (c == ':') {
            out += ": ";
        } else {
            out += token;
        }
    }
    out += '\n';
    return out;
}

std::optional<QByteArray> minifyJson(const QByteArray &text, QString *error)
{
    if (!check(text, error))
        return std::nullopt;
    QByteArray out;
    out.reserve(text.size());
    Tokens tokens(text);
    while (!tokens.atEnd())
        out += tokens.next();
    return out;
}

} // namespace Flowdeck::Core::Lang
