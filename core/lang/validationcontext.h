// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/diagnostic.h"
#include "core/lang/jsontext.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>

namespace Flowdeck::Core::Lang {

// A path into the definition, linked through its parents on the stack: building one costs nothing,
// and it becomes a "loc" array only when a diagnostic is reported. Never outlives its parents.
class Loc
{
public:
    Loc() = default;
    Loc(const Loc &parent, const QString &key)
        : m_parent(&parent)
        , m_key(key)
    {}
    Loc(const Loc &parent, qsizetype index)
        : m_parent(&parent)
        , m_index(index)
    {}
    QJsonArray toArray() const;
    QString lastKey() const { return m_key; }

private:
    const Loc *m_parent = nullptr;
    QString m_key;
    qsizetype m_index = -1;
};

// Shared state of one validation run (internal to core/lang): the text, where the definition sits
// in it, and the diagnostics found so far with their ranges resolved.
class ValidationContext
{
public:
    ValidationContext(const JsonText &text, const QJsonArray &definitionPath);

    const QJsonObject &definition() const { return m_definition; }
    QJsonObject states() const;
    QJsonValue inputSchema() const { return m_inputSchema; }
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
    QJsonObject m_definition;
    QJsonValue m_inputSchema;
    QList<Diagnostic> m_diagnostics;
};

void checkStructure(ValidationContext &context); // FD1xx
void checkGraph(ValidationContext &context);     // FD20x-FD21x
void checkPaths(ValidationContext &context);     // FD22x and the FD3xx lints

} // namespace Flowdeck::Core::Lang
