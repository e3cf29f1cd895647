// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace Flowdeck::Core::Lang {

// Choice-state logic (reference §5.3) as the local engine executes it. As in Step Functions, a
// type mismatch makes a comparison false, and a missing Variable is an error unless the rule tests
// IsPresent. Pure functions; any thread.
namespace ChoiceRules {

// Every comparison operator, without and with its "Path" suffix where one exists.
const QStringList &comparisonOperators();

// Whether rule (a comparison or an And/Or/Not combinator) matches state; nullopt with *error when
// it cannot be decided (missing Variable, bad path, unknown operator).
std::optional<bool> matches(const QJsonObject &rule, const QJsonValue &state, QString *error);

// The state a Choice moves to: the first matching rule's Next, else Default. nullopt with *error
// when a rule fails, or when nothing matches and there is no Default (States.NoChoiceMatched).
std::optional<QString> next(const QJsonObject &choiceState, const QJsonValue &state, QString *error);

// "*" matches any run of characters; "\*" and "\\" are literal.
bool stringMatches(const QString &text, const QString &pattern);

} // namespace ChoiceRules
} // namespace Flowdeck::Core::Lang
