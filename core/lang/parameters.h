// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace Flowdeck::Core::Lang {

// How a state turns the run state into its input and stores its result (reference §5.2), as the
// local engine executes it. Pure functions; any thread.
namespace DataFlow {

struct Error
{
    QString message;
    QJsonArray path; // inside Parameters (or the field name), where it went wrong
};

// Parameters evaluated against input: "key.$" takes the value at a path, "key.=" evaluates an
// expression, anything else is a constant; objects and arrays are processed recursively, and
// "__Private_Parameters" is dropped from the result (the names it lists are hidden from logs).
std::optional<QJsonValue> applyParameters(const QJsonValue &parameters, const QJsonValue &input, Error *error);
// The names listed in __Private_Parameters, anywhere in Parameters.
QStringList privateParameterNames(const QJsonValue &parameters);
// InputPath (default "$"): the part of the run state a state works on.
std::optional<QJsonValue> applyInputPath(const QJsonValue &state, const QString &inputPath, Error *error);
// ResultPath (default "$", which replaces the state): where the result goes; "$._context" is refused.
std::optional<QJsonValue> applyResultPath(const QJsonValue &state, const QString &resultPath, const QJsonValue &result,
                                          Error *error);

} // namespace DataFlow
} // namespace Flowdeck::Core::Lang
