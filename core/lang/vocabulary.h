// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QLatin1StringView>
#include <QString>
#include <QStringList>

namespace Flowdeck::Core::Lang {

// The words of the flow language for completion and hover help: the fields each state type allows
// (as the service's schema lists them; tst_completion checks that), Choice rule and catcher
// fields, and a sentence or two about each. Pure; any thread.
namespace Vocabulary {

// Where a field stands: in a state of a given type, or in one of these objects.
inline constexpr QLatin1StringView Root{"Root"};
inline constexpr QLatin1StringView Catcher{"Catcher"};
inline constexpr QLatin1StringView ChoiceRule{"ChoiceRule"};
inline constexpr QLatin1StringView Handler{"Handler"};

const QStringList &stateTypes();
// The fields of a state of type (Type included), in the order completion offers them; empty for an
// unknown type.
const QStringList &stateFields(const QString &type);
// Every field any state type allows, Type first.
const QStringList &allStateFields();
// Comparison operators (with their Path forms) and the Is... type tests.
const QStringList &choiceOperators();
// Variable, the operators, And, Or, Not; and Next for a rule directly in Choices.
QStringList choiceRuleFields(bool topLevel);
const QStringList &catcherFields();
const QStringList &rootFields();
const QStringList &handlerFields(const QString &handlerType); // all of them for an unknown type
const QStringList &errorNames();                              // for Catch's ErrorEquals

// What completion inserts for a field: "\"Next\": ", "\"End\": true", "\"Parameters\": {}", ...
QByteArray insertText(const QString &field);
// Help for a field in context (a state type, "" for a state of unknown type, or one of the names
// above), or "".
QString fieldHelp(const QString &context, const QString &field);
QString stateTypeHelp(const QString &type);

} // namespace Vocabulary
} // namespace Flowdeck::Core::Lang
