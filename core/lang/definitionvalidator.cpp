// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/definitionvalidator.h"

#include "core/lang/jsonschema.h"
#include "core/lang/validationcontext.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

QString Diagnostic::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return u"error"_s;
    case Severity::Warning:
        return u"warning"_s;
    case Severity::Info:
        return u"info"_s;
    }
    return {};
}

ValidationContext::ValidationContext(const JsonText &text, const QJsonArray &definitionPath)
    : m_text(text)
    , m_definitionPath(definitionPath)
{
    const JsonNode root = text.root();
    m_definition = definitionPath.isEmpty() ? root : root.value(definitionPath.first().toString());
    if (!definitionPath.isEmpty())
        m_inputSchema = root.value("input_schema"_L1);
}

QJsonArray Loc::toArray() const
{
    QList<const Loc *> chain;
    for (const Loc *at = this; at && at->m_parent; at = at->m_parent)
        chain.prepend(at);
    QJsonArray array;
    for (const Loc *at : chain)
        array.append(at->m_index >= 0 ? QJsonValue(at->m_index) : QJsonValue(at->lastKey()));
    return array;
}

void ValidationContext::report(Diagnostic::Severity severity, const char *code, const QJsonArray &path,
                               const QString &message, bool atKey)
{
    QJsonArray full = m_definitionPath;
    for (const QJsonValue &step : path)
        full.append(step);
    // A missing member is reported on the deepest part that exists (usually the state's name).
    std::optional<TextRange> range = atKey ? m_text.keyRange(full) : m_text.valueRange(full);
    if (!range) {
        const auto [prefix, _] = m_text.nearest(full);
        range = m_text.keyRange(prefix);
    }
    m_diagnostics.append({severity, QString::fromLatin1(code), message, full, range.value_or(TextRange{})});
}

namespace {

// FD400: the flow's input_schema against the service's meta-schema, each problem at its place.
QList<Diagnostic> checkInputSchema(const JsonText &text, const QJsonValue &schema)
{
    QList<Diagnostic> diagnostics;
    for (const SchemaProblem &problem : JsonSchema::checkInputSchema(schema)) {
        QJsonArray path{u"input_schema"_s};
        for (const QJsonValue &step : problem.path)
            path.append(step);
        std::optional<TextRange> range = problem.atKey ? text.keyRange(path) : text.valueRange(path);
        if (!range)
            range = text.valueRange(text.nearest(path).first);
        diagnostics.append({Diagnostic::Severity::Error, u"FD400"_s,
                            ValidationContext::tr("The input schema is not valid: %1").arg(problem.message), path,
                            range.value_or(TextRange{})});
    }
    return diagnostics;
}

} // namespace

namespace DefinitionValidator {

QList<Diagnostic> textDiagnostics(const JsonText &text, const QJsonArray &path)
{
    QList<Diagnostic> diagnostics;
    for (const JsonTextProblem &problem : text.problems()) {
        const bool syntax = problem.kind == JsonTextProblem::Kind::Syntax;
        diagnostics.append({syntax ? Diagnostic::Severity::Error : Diagnostic::Severity::Warning,
                            syntax ? u"FD001"_s : u"FD002"_s, problem.message, path, problem.range});
    }
    return diagnostics;
}

QList<Diagnostic> validate(const JsonText &text)
{
    QList<Diagnostic> diagnostics = textDiagnostics(text);
    if (!text.isValid())
        return diagnostics;
    // A flow document holds the definition under "definition"; anything else is a bare definition.
    const JsonNode root = text.root();
    const bool flowDocument = root.value("definition"_L1).isObject() && !root.contains("States"_L1);
    ValidationContext context(text, flowDocument ? QJsonArray{u"definition"_s} : QJsonArray());
    checkStructure(context);
    checkGraph(context);
    checkPaths(context);
    diagnostics.append(context.take());
    if (flowDocument && root.contains("input_schema"_L1))
        diagnostics.append(checkInputSchema(text, root.value("input_schema"_L1).toJsonValue()));
    // In reading order, as editors and compilers list problems.
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic &a, const Diagnostic &b) {
        return a.range.start.offset < b.range.start.offset;
    });
    return diagnostics;
}

QList<Diagnostic> validate(const QByteArray &utf8)
{
    return validate(JsonText::parse(utf8));
}

} // namespace DefinitionValidator
} // namespace Flowdeck::Core::Lang
