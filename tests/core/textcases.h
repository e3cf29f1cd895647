// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Helpers for tests that compare edited texts byte for byte.
#include <QByteArray>
#include <QtGlobal>

#include <initializer_list>
#include <utility>

namespace Flowdeck::Tests {

// A test text as a list of lines (plain literals: moc 6.4 misreads raw strings holding URLs).
inline QByteArray lines(std::initializer_list<const char *> list)
{
    QByteArray out;
    for (const char *line : list)
        out += QByteArray(line) + '\n';
    return out;
}

// text with each "from" replaced by "to" once; a "from" that is not there stops the test run, so
// that expectations written as small diffs cannot silently expect nothing.
inline QByteArray patched(QByteArray text, std::initializer_list<std::pair<const char *, const char *>> replacements)
{
    for (const auto &[from, to] : replacements) {
        const qsizetype at = text.indexOf(from);
        if (at < 0)
            qFatal("test expectation: \"%s\" is not in the text", from);
        text.replace(at, qsizetype(qstrlen(from)), to);
    }
    return text;
}

inline QByteArray patched(const QByteArray &text, const char *from, const char *to)
{
    return patched(text, {{from, to}});
}

} // namespace Flowdeck::Tests
