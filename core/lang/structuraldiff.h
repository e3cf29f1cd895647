// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace Flowdeck::Core::Lang {

// What changes between two JSON documents (a deployed flow and the edited one), for the "review
// before deploy" dialog. Compares values, not text: reformatting or reordering keys is no change.
// Pure functions, any thread.

struct JsonChange
{
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    QJsonArray path;   // "loc" form: keys and array indexes
    QJsonValue before; // undefined for Added
    QJsonValue after;  // undefined for Removed
    bool operator==(const JsonChange &) const = default;
};

// Objects are compared by key (order ignored), arrays by index (a removed middle element shows as
// changes to the later ones and one removal at the end). A changed scalar, or a value whose type
// changes, is one Changed at its path. The list is in path order: keys sorted, indexes ascending,
// a parent's own change before its children's.
QList<JsonChange> structuralDiff(const QJsonValue &before, const QJsonValue &after);

// One line for a list: "$.States.Transfer.Next: \"A\" → \"B\"", "added $.States.A.End: true",
// "removed $.States.Notify" (an added or removed object or array is named without its contents).
// Values are compact JSON cut to about 60 characters.
QString describeChange(const JsonChange &change);

// The dialog's header: which states were added, removed or changed, and which other top-level
// keys changed ("StartAt", "Comment"; for flow documents also "input_schema", "title", ...).
// Accepts changes of a bare definition or of a flow document (paths under "definition").
struct FlowDiffSummary
{
    QStringList statesAdded, statesRemoved, statesChanged;
    QStringList otherChanges; // top-level keys changed other than States
    bool isEmpty() const;
};

FlowDiffSummary summarizeDefinitionDiff(const QList<JsonChange> &definitionChanges);

} // namespace Flowdeck::Core::Lang
