// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Flowdeck::Core::Lang {

class JsonText;

// One proposal of the definition editor's completion.
struct CompletionItem
{
    enum class Kind { StateName, Field, ActionUrl, Value };
    Kind kind = Kind::Field;
    QString label;         // what the list shows: "Next", "TransferFiles", "https://actions.globus.org/hello_world"
    QByteArray insertText; // the exact UTF-8 bytes that replace [replaceStart, replaceEnd)
    QString detail;        // one line shown beside the label or as its tooltip
};

// What to offer at a cursor position: the proposals and the byte range they replace (the token
// being typed, its quotes included when the user already typed them).
struct Completion
{
    qsizetype replaceStart = 0;
    qsizetype replaceEnd = 0;
    QList<CompletionItem> items;
    bool isEmpty() const { return items.isEmpty(); }
};

namespace DefinitionAssist {
// Completion at byte offset of a flow definition being typed (the text need not be valid JSON).
// lastValid is the most recent valid parse of the same document (it supplies the state names when
// the current text is broken); pass a default JsonText when there is none. Pure and thread-safe.
Completion completeAt(const QByteArray &text, qsizetype offset, const JsonText &lastValid);
// Help for the field name or well-known value under offset (plain text, a few sentences), or "".
QString hoverHelp(const QByteArray &text, qsizetype offset);
} // namespace DefinitionAssist

} // namespace Flowdeck::Core::Lang
