// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Flowdeck::Core::Lang {

// One replacement in UTF-8 text: the bytes [offset, offset + length) become replacement. Editors
// apply a list of them as one undoable step; everything outside the ranges stays byte for byte.
struct TextEdit
{
    qsizetype offset = 0;
    qsizetype length = 0;
    QByteArray replacement;
    bool operator==(const TextEdit &) const = default;
};

// A named change made of edits: a quick fix, a graph edit. Empty edits mean "nothing to do".
struct TextChange
{
    QString title; // "Add \"End\": true", "Rename \"A\" to \"B\"", ...
    QList<TextEdit> edits;
    bool isEmpty() const { return edits.isEmpty(); }
};

// Applies non-overlapping edits (in any order) to text.
QByteArray applyEdits(const QByteArray &text, QList<TextEdit> edits);

} // namespace Flowdeck::Core::Lang
