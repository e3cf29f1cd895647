// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/diagnostic.h"
#include "core/lang/jsontext.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QList>

#include <string_view>

namespace Flowdeck::Core::Lang {

using namespace Qt::StringLiterals;

// A path into the definition, linked through its parents on the stack: building one costs nothing,
// and it becomes a "loc" array only when a diagnostic is reported. Keys are views into the JSON text
// or literals. Never outlives its parents.
class Loc
{
public:
    Loc() = default;
    Loc(const Loc &parent, std::string_view key)
        : m_parent(&parent)
        , m_key(key)
    {}
    Loc(const Loc &parent, qsizetype index)
        : m_parent(&parent)
        , m_index(index)
    {}
    QJsonArray toArray() const;
    QString lastKey() const { return QString::fromUtf8(m_key.data(), qsizetype(m_key.size())); }

private:
    const Loc *m_parent = nullptr;
    std::string_view m_key;
    qsizetype m_index = -1;
};

inline QString toQString(std::string_view utf8)
{
    return QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
}

// Shared state of one validation run (internal to core/lang): the text, where the definition sits
// in it, and the diagnostics found so far with their ranges resolved. The checks read the
// definition through JsonNode views, so validating never builds Qt JSON values.
class ValidationContext
{
public:
    ValidationContext(const JsonText &text, const QJsonArray &definitionPath);

    JsonNode definition() const { return m_definition; }
    JsonNode states() const { return m_definition.value("States"_L1); }
    JsonNode inputSchema() const { return m_inputSchema; }
    // path is relative to the definition; atKey points at the member name instead of its value.
    void report(Diagnostic::Severity severity, const char *code, const QJsonArray &path, const QString &message,
                bool atKey = false);
    void error(const char *code, const Loc &path, const QString &message, bool atKey = false)
    {
        report(Diagnostic::Severity::Error, code, path.toArray(), message, atKey);
    }
    void warning(const char *code, const Loc &path, const QString &message, bool atKey = false)
    {
        report(Diagnostic::Severity::Warning, code, path.toArray(), message, atKey);
    }
    QList<Diagnostic> take() { return std::move(m_diagnostics); }

    static QString tr(const char *text) { return QCoreApplication::translate("DefinitionValidator", text); }

private:
    const JsonText &m_text;
    QJsonArray m_definitionPath;
    JsonNode m_definition;
    JsonNode m_inputSchema;
    QList<Diagnostic> m_diagnostics;
};

void checkStructure(ValidationContext &context); // FD1xx
void checkGraph(ValidationContext &context);     // FD20x-FD21x
void checkPaths(ValidationContext &context);     // FD22x and the FD3xx lints

} // namespace Flowdeck::Core::Lang
