// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/flowgraph.h"
#include "core/lang/jsontext.h"
#include "core/lang/textedit.h"

#include <QJsonObject>

namespace Flowdeck::Core::Lang::FlowEdit {

// Edits of a flow definition as the studio's graph makes them, on a bare definition or a flow
// document ({"definition": ...}). Each returns the text edits that make it (only the affected JSON
// text changes), or an empty change with *error set when it cannot be made.

// Where the definition sits in the text: [] or ["definition"].
QJsonArray definitionPath(const JsonText &text);
QStringList stateNames(const JsonText &text);
// base, or base2, base3, ... : the first name no state has.
QString uniqueStateName(const JsonText &text, const QString &base);

// Renames a state; StartAt and every Next, Default, Choice rule and Catch that names it follow.
TextChange renameState(const JsonText &text, const QString &from, const QString &to, QString *error = nullptr);
// Deletes a state. States that went on to it end instead ("Next" becomes "End": true), a Choice's
// Default and Catch entries that named it go; Choice rules and StartAt that named it stay and are
// reported by the validator, because silently dropping a rule changes what the flow decides.
TextChange deleteState(const JsonText &text, const QString &name, QString *error = nullptr);
// Adds a state (state without Next/End) after connectFrom, or ending the flow when connectFrom is
// empty. With connectFrom, the new state takes over where connectFrom went (its Next, or its End),
// and connectFrom goes to it; a Choice gets it as Default when it has none.
TextChange addState(const JsonText &text, const QString &name, const QJsonObject &state,
                    const QString &connectFrom = {}, QString *error = nullptr);
// Points a transition of from at to: kind Next (replacing "End": true), Default, ChoiceRule index i,
// Catch index i, or Catch index -1 (a new catcher of States.ALL).
TextChange connect(const JsonText &text, const QString &from, EdgeKind kind, int index, const QString &to,
                   QString *error = nullptr);

} // namespace Flowdeck::Core::Lang::FlowEdit
