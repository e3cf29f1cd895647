// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/jsontext.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Flowdeck::Core::Lang {

// A place where a flow definition reads a top-level key of the run's input.
struct SchemaRead
{
    QString key;     // "source" for "$.source.path"; the bare name for an expression
    QString path;    // the path as written ("$.source.path"); for an expression, the expression
    TextRange range; // the string that holds it, quotes included, in the definition text
    bool operator==(const SchemaRead &) const = default;
};

// Where a flow definition and its input schema disagree, for the schema studio.
struct SchemaCrossCheck
{
    // Reads of keys that the schema does not declare in "properties" and that no state stores
    // (ResultPath, Catch ResultPath) on a way to the reading state (a loop's later state counts).
    QList<SchemaRead> undeclared;
    // Reads of declared keys that are neither required nor have a default: a run started without
    // them fails there. Choice rules that test IsPresent do not count.
    QList<SchemaRead> notRequired;
    // Schema properties that nothing in the definition reads, in schema order.
    QStringList unused;
    bool isEmpty() const { return undeclared.isEmpty() && notRequired.isEmpty() && unused.isEmpty(); }
};

// Reads are the values of Parameters keys ending in ".$" (at any depth), InputPath, Wait
// SecondsPath/TimestampPath, Fail ErrorPath/CausePath, Choice "Variable" and "...Path" operands
// (also inside And/Or/Not), and the bare names in ".=" expressions (which name top-level keys of
// the run state). Names guarded by is_present()/getattr(), the keys those calls take as text and
// backtick paths only count as used; like the validator's FD302 lint, they are never reported.
// Only paths into the run state count ("$.x", not "$._context"). A read of "$" or "$.*" uses every
// property. After a state that replaces the whole run state (ResultPath "$", or an Action without
// ResultPath), what a read finds cannot be known, so reads such a state can precede are not
// reported. The definition is a bare definition or a flow document ({"definition": ...}); schema
// is the input schema's text. Invalid text on either side gives an empty result.
SchemaCrossCheck crossCheck(const JsonText &definition, const JsonText &schema);

} // namespace Flowdeck::Core::Lang
