// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/diagnostic.h"
#include "core/lang/jsontext.h"

#include <QList>

namespace Flowdeck::Core::Lang {

// Everything the studio shows about one version of a flow being edited: both texts parsed with
// positions and the validator's findings, each placed in the text it belongs to (ranges are byte
// offsets into that text, paths start with "definition" or "input_schema"). Pure; any thread.
struct FlowAnalysis
{
    JsonText definition;
    JsonText inputSchema;
    QList<Diagnostic> definitionDiagnostics;
    QList<Diagnostic> schemaDiagnostics;
};

// The definition is checked together with the input schema (an empty schema text means none), so
// that lints which compare the two (FD302) and the meta-schema check (FD400) run as on deploy.
FlowAnalysis analyzeFlow(const QByteArray &definition, const QByteArray &inputSchema);

} // namespace Flowdeck::Core::Lang
