// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/page.h"

#include <cstring>

namespace Flowdeck::Core {

namespace {

// A forward-only reader of just enough JSON to walk an object's top level.
class Scanner
{
public:
    explicit Scanner(QByteArrayView text)
        : m_p(text.data())
        , m_end(text.data() + text.size())
    {}

    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }
    bool take(char c)
    {
        skipSpace();
        if (m_p >= m_end || *m_p != c)
            return false;
        ++m_p;
        return true;
    }
    bool peek(char c)
    {
        skipSpace();
        return m_p < m_end && *m_p == c;
    }
    // A string's raw content (escapes not decoded); the reader stands after the closing quote.
    bool string(QByteArrayView *out)
    {
        if (!take('"'))
            return false;
        // Most of a page is string content: jump from quote to quote with memchr.
        const char *start = m_p;
        for (;;) {
            const auto *quote = static_cast<const char *>(std::memchr(m_p, '"', size_t(m_end - m_p)));
            if (!quote)
                return false;
            qsizetype backslashes = 0;
            while (quote - backslashes > start && quote[-1 - backslashes] == '\\')
                ++backslashes;
            m_p = quote + 1;
            if (backslashes % 2 == 0) {
                *out = QByteArrayView(start, quote - start);
                return true;
            }
        }
    }
    bool literal(QByteArrayView word)
    {
        skipSpace();
        if (QByteArrayView(m_p, std::min<qsizetype>(word.size(), m_end - m_p)) != word)
            return false;
        m_p += word.size();
        return true;
    }
    bool skipValue()
    {
        skipSpace();
        if (m_p >= m_end)
            return false;
        QByteArrayView ignored;
        if (*m_p == '"')
            return string(&ignored);
        if (*m_p != '{' && *m_p != '[') {
            while (m_p < m_end && *m_p != ',' && *m_p != '}' && *m_p != ']')
                ++m_p;
            return true;
        }
        int depth = 0;
        while (m_p < m_end) {
            if (*m_p == '"') {
                if (!string(&ignored))
                    return false;
                continue;
            }
            if (*m_p == '{' || *m_p == '[')
                ++depth;
            else if ((*m_p == '}' || *m_p == ']') && --depth == 0) {
                ++m_p;
                return true;
            }
            ++m_p;
        }
        return false;
    }

private:
    const char *m_p;
    const char *m_end;
};

} // namespace

std::optional<PageCursor> scanPageCursor(QByteArrayView json, MarkerStyle style)
{
    Scanner in(json);
    if (!in.take('{'))
        return std::nullopt;
    bool hasNext = false;
    bool markerIsString = false;
    QByteArrayView marker;
    while (!in.peek('}')) {
        QByteArrayView key;
        if (!in.string(&key) || !in.take(':'))
            return std::nullopt;
        if (key == "marker" && in.peek('"')) {
            if (!in.string(&marker) || marker.contains('\\'))
                return std::nullopt;
            markerIsString = true;
        } else if (key == "has_next_page" && in.literal("true")) {
            hasNext = true;
        } else if (!in.skipValue()) {
            return std::nullopt;
        }
        if (!in.take(',') && !in.peek('}'))
            return std::nullopt;
    }
    PageCursor cursor;
    cursor.marker = QString::fromUtf8(marker);
    cursor.hasNextPage = style == MarkerStyle::Nullable ? markerIsString : hasNext && !cursor.marker.isEmpty();
    return cursor;
}

} // namespace Flowdeck::Core
