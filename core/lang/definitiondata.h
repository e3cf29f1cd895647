// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/validationcontext.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace Flowdeck::Core::Lang {

class Expression;
class JsonPath;

// Where the states of a definition read and write the run state (internal to core/lang). The
// validator's path checks (FD22x, FD300, FD302) and the schema cross-check walk the same fields
// through these functions, so what counts as a read is decided in one place.

enum class DataField {
    Path,          // a path that reads: InputPath, SecondsPath, TimestampPath, ErrorPath, CausePath,
                   // and in Choice rules (also inside And/Or/Not) "Variable" and the "...Path" operands
    PresenceCheck, // the "Variable" of a Choice rule that tests IsPresent: reading it cannot fail
    Reference,     // the value of a Parameters key ending in ".$" (any JSON type; only strings are valid)
    Expression,    // the value of a Parameters key ending in ".=" (any JSON type)
    Constant,      // any other string member inside Parameters
    ResultPath,    // where the state, or one of its Catch entries, stores a result
};

using DataFieldVisitor = std::function<void(const Loc &at, const JsonNode &value, DataField field)>;

// Calls visit for every data field of one state (at is the state's location), in a fixed order:
// the path fields, ResultPath, Parameters (depth first), Catch ResultPaths, Choices.
void visitDataFields(const Loc &at, const JsonNode &state, const DataFieldVisitor &visit);

// A place where a state stores something in the run state when it ends.
struct StateWrite
{
    JsonNode resultPath;       // the ResultPath value
    qsizetype catchIndex = -1; // -1: the state's own ResultPath (on success); else the Catch entry's
};
QList<StateWrite> stateWrites(const JsonNode &state);

// Whether a state without "ResultPath" replaces the whole run state with its result (Action and
// web-input states, a Pass state with Result or Parameters).
bool replacesStateByDefault(const JsonNode &state);

// The run-state key a path starts with: "source" for "$.source.path"; empty for "$", "$[0]", "$.*".
QString firstKey(const JsonPath &path);

// The run-state keys an expression reads by bare name, minus those it checks before reading
// ("x if is_present('x') else ...", getattr(..., 'x')): reading those is not a mistake.
QStringList unguardedNames(const Expression &expression, const QString &text);

// actions.(automate.)globus.org/transfer/* shut down on 2025-01-22 (reference §5.6): for a retired
// URL, the current one ("https://transfer.actions.globus.org/transfer"); empty for any other URL.
// The validator reports it (FD301) and the quick fix applies it.
QString currentTransferUrl(std::string_view actionUrl);
// The current name of an input the retired provider took ("transfer_items.$" → "DATA.$"); empty
// when the key kept its name (FD303).
QString renamedTransferKey(const QString &key);

} // namespace Flowdeck::Core::Lang
