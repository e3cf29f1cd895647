// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/flowanalysis.h"

#include "core/lang/definitionvalidator.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

namespace {

// Moves a diagnostic found in the combined document into the text of one part: its offsets lose
// the part's start, and line and column are counted in the part itself.
Diagnostic placed(Diagnostic diagnostic, const JsonText &part, qsizetype partStart)
{
    const qsizetype size = part.text().size();
    const auto move = [&](TextPosition &position) {
        position = part.positionAt(std::clamp<qsizetype>(position.offset - partStart, 0, size));
    };
    move(diagnostic.range.start);
    move(diagnostic.range.end);
    return diagnostic;
}

} // namespace

FlowAnalysis analyzeFlow(const QByteArray &definition, const QByteArray &inputSchema)
{
    FlowAnalysis analysis;
    analysis.definition = JsonText::parse(definition);
    const bool hasSchema = !inputSchema.trimmed().isEmpty();
    analysis.inputSchema = JsonText::parse(inputSchema); // kept even when blank: its text is what was analysed
    // A broken schema is reported here; a valid one's duplicate keys come with the combined check.
    if (hasSchema && !analysis.inputSchema.isValid())
        analysis.schemaDiagnostics = DefinitionValidator::textDiagnostics(analysis.inputSchema, {u"input_schema"_s});
    if (!analysis.definition.isValid()) { // its own words for its own syntax error
        analysis.definitionDiagnostics = DefinitionValidator::validate(analysis.definition);
        return analysis;
    }
    // One document, as the service receives it, so that every check sees both parts. The parts keep
    // their bytes; only their offsets move, and placed() moves them back.
    static const QByteArray head = "{\"definition\": ";
    static const QByteArray middle = ",\n\"input_schema\": ";
    QByteArray combined = head + definition;
    const qsizetype schemaStart = combined.size() + middle.size();
    const bool withSchema = hasSchema && analysis.inputSchema.isValid();
    if (withSchema)
        combined += middle + inputSchema;
    combined += "\n}";
    for (const Diagnostic &diagnostic : DefinitionValidator::validate(JsonText::parse(combined))) {
        if (withSchema && diagnostic.range.start.offset >= schemaStart)
            analysis.schemaDiagnostics.append(placed(diagnostic, analysis.inputSchema, schemaStart));
        else
            analysis.definitionDiagnostics.append(placed(diagnostic, analysis.definition, head.size()));
    }
    return analysis;
}

} // namespace Flowdeck::Core::Lang
