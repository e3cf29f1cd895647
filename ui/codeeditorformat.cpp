// SPDX-License-Identifier: GPL-3.0-or-later
// CodeEditor: the Format and Minify actions.
#include "core/lang/jsonformat.h"
#include "ui/codeeditor.h"

#include <algorithm>

namespace Flowdeck::Ui {

using Core::Lang::TextEdit;

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// The edits that turn from into to when both hold the same tokens and only the whitespace between
// them differs (what the formatter guarantees); the caret follows them to its token.
QList<TextEdit> whitespaceEdits(const QByteArray &from, const QByteArray &to)
{
    QList<TextEdit> edits;
    qsizetype i = 0;
    qsizetype j = 0;
    for (;;) {
        qsizetype iEnd = i;
        while (iEnd < from.size() && isSpace(from[iEnd]))
            ++iEnd;
        qsizetype jEnd = j;
        while (jEnd < to.size() && isSpace(to[jEnd]))
            ++jEnd;
        if (QByteArrayView(from).sliced(i, iEnd - i) != QByteArrayView(to).sliced(j, jEnd - j))
            edits.append({i, iEnd - i, to.sliced(j, jEnd - j)});
        const bool fromDone = iEnd == from.size();
        if (fromDone || jEnd == to.size() || from[iEnd] != to[jEnd]) {
            if (fromDone && jEnd == to.size())
                break;
            return {{0, from.size(), to}}; // not a pure re-layout: replace it all
        }
        i = iEnd + 1;
        j = jEnd + 1;
    }
    return edits;
}

} // namespace

bool CodeEditor::formatDocument()
{
    return reformat(true);
}

bool CodeEditor::minifyDocument()
{
    return reformat(false);
}

bool CodeEditor::reformat(bool pretty)
{
    const QByteArray text = textBytes();
    QString error;
    const auto result =
        pretty ? Core::Lang::formatJson(text, m_indentWidth, &error) : Core::Lang::minifyJson(text, &error);
    if (!result) {
        emit message(tr("The text is not valid JSON, so it was left as it is (%1).").arg(error));
        return false;
    }
    if (*result == text)
        return true;
    QList<TextEdit> edits = whitespaceEdits(text, *result);
    std::reverse(edits.begin(), edits.end());
    applySorted(edits);
    return true;
}

} // namespace Flowdeck::Ui
