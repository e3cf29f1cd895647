// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace Flowdeck::Core::Lang {

// The expression language of ".=" parameters (simpleeval-like Python): literals, names of run-state
// keys, attribute and index access, arithmetic, string and list "+", comparisons, and/or/not,
// "x if c else y", list literals, backtick JSONPaths, pathsplit(), is_present(), getattr(), and the
// common methods of str, list and dict ("path.split('/')[-1]", "label.upper()").
// Parsed once, evaluated many times; immutable, any thread.
class Expression
{
public:
    struct Error
    {
        QString message;
        qsizetype position = 0; // character offset in the expression text
    };
    struct Node;

    static std::optional<Expression> parse(const QString &text, Error *error = nullptr);
    // Evaluates with names resolving to the keys of state (which holds _context during a run).
    std::optional<QJsonValue> evaluate(const QJsonValue &state, Error *error = nullptr) const;
    // The run-state keys the expression reads by bare name (for the validator's data-flow lints).
    QStringList names() const;

private:
    std::shared_ptr<const Node> m_root;
};

// Python truthiness of a JSON value: null, false, 0, "", [] and {} are false.
bool isTruthy(const QJsonValue &value);

} // namespace Flowdeck::Core::Lang
