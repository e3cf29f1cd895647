// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/diagnostic.h"
#include "core/lang/jsontext.h"
#include "core/lang/textedit.h"

namespace Flowdeck::Core::Lang {

// The repairs the studio offers for a diagnostic, best first; empty when there is none. Each is
// a set of text edits on text (the text the diagnostic was found in), made to be applied as one
// undoable step:
//   FD300  a path sent as text       → add the ".$" suffix to the key
//   FD120  neither Next nor End      → add "End": true; both                 → remove "End"
//   FD301  retired Transfer URL      → the current URL, with its inputs renamed (FD303 alone: rename)
//   FD201/FD200  no such state       → use the suggested name; create the state (a Pass that ends)
QList<TextChange> quickFixes(const JsonText &text, const Diagnostic &diagnostic);

} // namespace Flowdeck::Core::Lang
