// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/choicerule.h"

#include "core/api/jsonfields.h"
#include "core/lang/jsonpath.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang::ChoiceRules {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ChoiceRules", text);
}

enum class Family { String, Numeric, Boolean, Timestamp };

struct Comparison
{
    Family family;
    QString relation; // Equals, LessThan, GreaterThan, LessThanEquals, GreaterThanEquals, Matches
};

std::optional<Comparison> comparisonOf(QString op)
{
    op.chop(op.endsWith("Path"_L1) ? 4 : 0);
    for (const auto &[prefix, family] :
         {std::pair{"String", Family::String}, std::pair{"Numeric", Family::Numeric},
          std::pair{"Boolean", Family::Boolean}, std::pair{"Timestamp", Family::Timestamp}}) {
        const QLatin1StringView p(prefix);
        if (!op.startsWith(p))
            continue;
        const QString relation = op.mid(p.size());
        static const QStringList relations = {u"Equals"_s,         u"LessThan"_s,          u"GreaterThan"_s,
                                              u"LessThanEquals"_s, u"GreaterThanEquals"_s, u"Matches"_s};
        if (!relations.contains(relation) || (relation == "Matches"_L1 && family != Family::String))
            return std::nullopt;
        if (family == Family::Boolean && relation != "Equals"_L1)
            return std::nullopt;
        return Comparison{family, relation};
    }
    return std::nullopt;
}

std::optional<QJsonValue> readPath(const QString &text, const QJsonValue &state, QString *error)
{
    JsonPath::Error pathError;
    const auto path = JsonPath::parse(text, &pathError);
    if (!path) {
        *error = tr("\"%1\" is not a valid path: %2").arg(text, pathError.message);
        return std::nullopt;
    }
    return path->read(state);
}

int order(double a, double b)
{
    return a < b ? -1 : (a > b ? 1 : 0);
}

// nullopt when the value is not of the family (the rule is then false).
std::optional<int> compareValues(Family family, const QJsonValue &actual, const QJsonValue &expected)
{
    switch (family) {
    case Family::String:
        if (!actual.isString() || !expected.isString())
            return std::nullopt;
        return actual.toString().compare(expected.toString());
    case Family::Numeric:
        if (!actual.isDouble() || !expected.isDouble())
            return std::nullopt;
        return order(actual.toDouble(), expected.toDouble());
    case Family::Boolean:
        if (!actual.isBool() || !expected.isBool())
            return std::nullopt;
        return actual.toBool() == expected.toBool() ? 0 : 1;
    case Family::Timestamp: {
        const QDateTime a = actual.isString() ? JsonFields::parseTime(QStringView(actual.toString())) : QDateTime();
        const QDateTime b = expected.isString() ? JsonFields::parseTime(QStringView(expected.toString())) : QDateTime();
        if (!a.isValid() || !b.isValid())
            return std::nullopt;
        return order(double(a.toMSecsSinceEpoch()), double(b.toMSecsSinceEpoch()));
    }
    }
    return std::nullopt;
}

bool holds(const QString &relation, int cmp)
{
    if (relation == "Equals"_L1)
        return cmp == 0;
    if (relation == "LessThan"_L1)
        return cmp < 0;
    if (relation == "GreaterThan"_L1)
        return cmp > 0;
    if (relation == "LessThanEquals"_L1)
        return cmp <= 0;
    return cmp >= 0;
}

std::optional<bool> typeTest(const QString &op, const std::optional<QJsonValue> &value, bool wanted)
{
    bool is = false;
    if (op == "IsPresent"_L1)
        is = value.has_value();
    else if (!value)
        return std::nullopt;
    else if (op == "IsNull"_L1)
        is = value->isNull();
    else if (op == "IsNumeric"_L1)
        is = value->isDouble();
    else if (op == "IsString"_L1)
        is = value->isString();
    else if (op == "IsBoolean"_L1)
        is = value->isBool();
    else if (op == "IsTimestamp"_L1)
        is = value->isString() && JsonFields::parseTime(QStringView(value->toString())).isValid();
    return is == wanted;
}

std::optional<bool> comparison(const QJsonObject &rule, const QJsonValue &state, QString *error)
{
    const QString variable = rule.value("Variable"_L1).toString();
    const std::optional<QJsonValue> actual = readPath(variable, state, error);
    if (!error->isEmpty())
        return std::nullopt;
    for (auto it = rule.begin(); it != rule.end(); ++it) {
        const QString op = it.key();
        if (op == "Variable"_L1 || op == "Next"_L1 || op == "Comment"_L1)
            continue;
        if (op.startsWith("Is"_L1)) {
            if (!it.value().isBool()) {
                *error = tr("%1 takes true or false").arg(op);
                return std::nullopt;
            }
            const auto result = typeTest(op, actual, it.value().toBool());
            if (!result)
                *error = tr("The Variable %1 does not exist in the run state").arg(variable);
            return result;
        }
        const auto kind = comparisonOf(op);
        if (!kind) {
            *error = tr("Unknown Choice operator \"%1\"").arg(op);
            return std::nullopt;
        }
        if (!actual) {
            *error = tr("The Variable %1 does not exist in the run state").arg(variable);
            return std::nullopt;
        }
        std::optional<QJsonValue> expected = it.value();
        if (op.endsWith("Path"_L1)) {
            expected = readPath(it.value().toString(), state, error);
            if (!expected) {
                if (error->isEmpty())
                    *error = tr("The path %1 of %2 does not exist in the run state").arg(it.value().toString(), op);
                return std::nullopt;
            }
        }
        if (kind->relation == "Matches"_L1)
            return actual->isString() && expected->isString() &&
                   stringMatches(actual->toString(), expected->toString());
        const auto cmp = compareValues(kind->family, *actual, *expected);
        return cmp && holds(kind->relation, *cmp);
    }
    *error = tr("The rule has a Variable but no operator");
    return std::nullopt;
}

} // namespace

const QStringList &comparisonOperators()
{
    // Built once: the validator asks for every key of every Choice rule.
    static const QStringList operators = [] {
        QStringList ops;
        for (const char *family : {"String", "Numeric", "Timestamp"})
            for (const char *relation : {"Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"})
                ops << QLatin1StringView(family) + QLatin1StringView(relation);
        ops << u"BooleanEquals"_s;
        QStringList withPaths = ops;
        for (const QString &op : std::as_const(ops))
            withPaths << op + u"Path"_s;
        return withPaths << u"StringMatches"_s;
    }();
    return operators;
}

std::optional<bool> matches(const QJsonObject &rule, const QJsonValue &state, QString *error)
{
    error->clear();
    if (rule.contains("And"_L1) || rule.contains("Or"_L1)) {
        const bool isAnd = rule.contains("And"_L1);
        for (const QJsonValue &child : rule.value(isAnd ? "And"_L1 : "Or"_L1).toArray()) {
            const auto result = matches(child.toObject(), state, error);
            if (!result)
                return std::nullopt;
            if (*result != isAnd) // And stops at the first false, Or at the first true
                return !isAnd;
        }
        return isAnd;
    }
    if (rule.contains("Not"_L1)) {
        const auto result = matches(rule.value("Not"_L1).toObject(), state, error);
        return result ? std::optional(!*result) : std::nullopt;
    }
    if (!rule.contains("Variable"_L1)) {
        *error = tr("A Choice rule needs a Variable, or And, Or or Not");
        return std::nullopt;
    }
    return comparison(rule, state, error);
}

std::optional<QString> next(const QJsonObject &choiceState, const QJsonValue &state, QString *error)
{
    const QJsonArray rules = choiceState.value("Choices"_L1).toArray();
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const auto result = matches(rules.at(i).toObject(), state, error);
        if (!result) {
            *error = tr("Choices[%1]: %2").arg(i).arg(*error);
            return std::nullopt;
        }
        if (*result)
            return rules.at(i).toObject().value("Next"_L1).toString();
    }
    if (choiceState.value("Default"_L1).isString())
        return choiceState.value("Default"_L1).toString();
    *error = tr("No Choice rule matched and the state has no Default (States.NoChoiceMatched)");
    return std::nullopt;
}

bool stringMatches(const QString &text, const QString &pattern)
{
    // Iterative wildcard matching with backtracking to the last '*': linear in practice.
    qsizetype t = 0, p = 0, starP = -1, starT = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == u'*') {
            starP = p++;
            starT = t;
            continue;
        }
        if (p < pattern.size()) {
            QChar literal = pattern[p];
            qsizetype width = 1;
            if (literal == u'\\' && p + 1 < pattern.size()) {
                literal = pattern[p + 1];
                width = 2;
            }
            if (literal == text[t]) {
                p += width;
                ++t;
                continue;
            }
        }
        if (starP < 0)
            return false;
        p = starP + 1;
        t = ++starT;
    }
    while (p < pattern.size() && pattern[p] == u'*')
        ++p;
    return p == pattern.size();
}

} // namespace Flowdeck::Core::Lang::ChoiceRules
