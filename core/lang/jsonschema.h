// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/jsontext.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace Flowdeck::Core::Lang {

// One way a document fails a schema: where in the document (a "loc" path) and why; range is set
// when the document was given as text (validateText).
struct SchemaProblem
{
    QJsonArray path;
    QString message;
    TextRange range;
    bool atKey = false; // the problem is the member's name (an unexpected property), not its value
    bool operator==(const SchemaProblem &) const = default;
};

// A compiled JSON Schema (draft-07, through valijson). Immutable; validate() may run on any thread.
class JsonSchema
{
public:
    // nullopt with *error when schema cannot be compiled (e.g. a $ref to nowhere).
    static std::optional<JsonSchema> compile(const QJsonValue &schema, QString *error = nullptr);
    // Every problem of instance (valijson's summaries of enclosing levels left out).
    QList<SchemaProblem> validate(const QJsonValue &instance) const;
    // The same for a document as the user typed it: each problem also gets its text range (a missing
    // member is shown on the object that lacks it). A syntax error comes back as the only problem.
    QList<SchemaProblem> validateText(const JsonText &document) const;
    // A flow's input_schema checked against the service's meta-schema (draft-07 with unknown
    // keywords refused), plus whether it compiles.
    static QList<SchemaProblem> checkInputSchema(const QJsonValue &inputSchema);

    struct Compiled;

private:
    std::shared_ptr<const Compiled> m_compiled;
};

} // namespace Flowdeck::Core::Lang
