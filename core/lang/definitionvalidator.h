// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/diagnostic.h"
#include "core/lang/jsontext.h"

#include <QList>

namespace Flowdeck::Core::Lang {

// Offline validation of flow definitions in Globus' dialect of ASL. Accepts a bare definition or a
// flow document ({"definition": ..., "input_schema": ...}). Every diagnostic points at the text range
// that causes it. Pure and thread-safe: the editor runs it off the GUI thread, the engine before runs.
//
// Codes: FD0xx text, FD1xx structure (reference §5.1), FD2xx graph and paths, FD3xx lints.
namespace DefinitionValidator {

QList<Diagnostic> validate(const JsonText &text);
QList<Diagnostic> validate(const QByteArray &utf8);
// The text's own problems (FD001 syntax errors, FD002 duplicate keys), reported at path.
QList<Diagnostic> textDiagnostics(const JsonText &text, const QJsonArray &path = {});

} // namespace DefinitionValidator
} // namespace Flowdeck::Core::Lang
