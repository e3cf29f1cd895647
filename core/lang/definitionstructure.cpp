// SPDX-License-Identifier: GPL-3.0-or-later
// FD1xx: the shape of a definition, per the service's schema (reference §5.1).
#include "core/lang/choicerule.h"
#include "core/lang/jsontext.h"
#include "core/lang/validationcontext.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

namespace {

enum class Kind { String, Integer, Boolean, Object, Array, Handler };

struct StateSpec
{
    QString type;
    QHash<QString, Kind> fields; // every allowed field but Type
    QStringList required;
    bool transitional = true; // needs exactly one of Next / End:true
};

const QList<StateSpec> &stateSpecs()
{
    static const QList<StateSpec> specs = [] {
        const QHash<QString, Kind> flow{
            {u"Comment"_s, Kind::String}, {u"Next"_s, Kind::String}, {u"End"_s, Kind::Boolean}};
        auto with = [&flow](std::initializer_list<std::pair<QString, Kind>> extra) {
            QHash<QString, Kind> fields = flow;
            for (const auto &[name, kind] : extra)
                fields.insert(name, kind);
            return fields;
        };
        QHash<QString, Kind> webInput =
            with({{u"Parameters"_s, Kind::Object}, {u"InputPath"_s, Kind::String}, {u"ResultPath"_s, Kind::String}});
        webInput.insert(u"Catch"_s, Kind::Array);
        return QList<StateSpec>{
            {u"Action"_s,
             with({{u"ActionUrl"_s, Kind::String},
                   {u"ActionScope"_s, Kind::String},
                   {u"Handler"_s, Kind::Handler},
                   {u"Parameters"_s, Kind::Object},
                   {u"InputPath"_s, Kind::String},
                   {u"ResultPath"_s, Kind::String},
                   {u"WaitTime"_s, Kind::Integer},
                   {u"ExceptionOnActionFailure"_s, Kind::Boolean},
                   {u"Catch"_s, Kind::Array},
                   {u"RunAs"_s, Kind::String}}),
             {},
             true},
            {u"ExpressionEval"_s,
             with({{u"Parameters"_s, Kind::Object}, {u"ResultPath"_s, Kind::String}}),
             {u"Parameters"_s, u"ResultPath"_s},
             true},
            {u"Pass"_s,
             with({{u"Parameters"_s, Kind::Object},
                   {u"InputPath"_s, Kind::String},
                   {u"ResultPath"_s, Kind::String},
                   {u"Result"_s, Kind::Object}}),
             {},
             true},
            {u"Choice"_s,
             {{u"Comment"_s, Kind::String}, {u"Choices"_s, Kind::Array}, {u"Default"_s, Kind::String}},
             {u"Choices"_s},
             false},
            {u"Wait"_s,
             with({{u"Seconds"_s, Kind::Integer},
                   {u"SecondsPath"_s, Kind::String},
                   {u"Timestamp"_s, Kind::String},
                   {u"TimestampPath"_s, Kind::String}}),
             {},
             true},
            {u"Fail"_s,
             {{u"Comment"_s, Kind::String},
              {u"Cause"_s, Kind::String},
              {u"CausePath"_s, Kind::String},
              {u"Error"_s, Kind::String},
              {u"ErrorPath"_s, Kind::String}},
             {},
             false},
            {u"CreateWebInput"_s, webInput, {}, true},
            {u"AwaitWebInput"_s, webInput, {}, true},
        };
    }();
    return specs;
}

// Amazon States Language features the Globus dialect does not have, and what to do instead.
QString awsOnlyAdvice(const QString &name)
{
    static const QHash<QString, const char *> advice{
        {u"Task"_s, "Globus Flows has no Task state: use an \"Action\" state with an ActionUrl"},
        {u"Map"_s,
         "Globus Flows has no Map state: loop with a Choice state and an index, or pass a list to one Action"},
        {u"Parallel"_s, "Globus Flows has no Parallel state: start actions one after another, or run separate flows"},
        {u"Succeed"_s, "Globus Flows has no Succeed state: end the flow with \"End\": true on the last state"},
        {u"OutputPath"_s,
         "OutputPath is not supported by Globus Flows: shape the data with ResultPath or a Pass state"},
        {u"Retry"_s, "Retry is not supported by Globus Flows: Catch the error and loop back through a Wait state"},
        {u"ResultSelector"_s, "ResultSelector is not supported by Globus Flows: use an ExpressionEval or Pass "
                              "state to pick the parts you need"},
    };
    const auto it = advice.constFind(name);
    return it == advice.cend() ? QString() : ValidationContext::tr(*it);
}

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::String:
        return ValidationContext::tr("a string");
    case Kind::Integer:
        return ValidationContext::tr("a whole number");
    case Kind::Boolean:
        return ValidationContext::tr("true or false");
    case Kind::Object:
        return ValidationContext::tr("an object");
    case Kind::Array:
        return ValidationContext::tr("a list");
    case Kind::Handler:
        return ValidationContext::tr("an object or a handle URN string");
    }
    return {};
}

bool hasKind(const QJsonValue &value, Kind kind)
{
    switch (kind) {
    case Kind::String:
        return value.isString();
    case Kind::Integer:
        return value.isDouble() && value.toDouble() == std::floor(value.toDouble());
    case Kind::Boolean:
        return value.isBool();
    case Kind::Object:
        return value.isObject();
    case Kind::Array:
        return value.isArray();
    case Kind::Handler:
        return value.isObject() || value.isString();
    }
    return false;
}

// RFC 3339 as the service reads times: a date, a time and an offset ("T"/"Z" in either case).
bool isRfc3339(const QString &text)
{
    static const QRegularExpression rfc3339(
        u"^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])[Tt]([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d|60)(\\.\\d+)?([Zz]|[+-]\\d\\d:\\d\\d)\\z"_s);
    return rfc3339.match(text).hasMatch();
}

class StructureChecker
{
public:
    explicit StructureChecker(ValidationContext &context)
        : c(context)
    {}

    void run()
    {
        const QJsonObject definition = c.definition();
        for (auto it = definition.begin(); it != definition.end(); ++it)
            if (it.key() != "StartAt"_L1 && it.key() != "States"_L1 && it.key() != "Comment"_L1)
                c.error("FD103", Loc(m_root, it.key()),
                        c.tr("\"%1\" is not allowed at the top of a definition (only StartAt, States and Comment)")
                            .arg(it.key()),
                        true);
        if (!definition.value("StartAt"_L1).isString())
            c.error("FD101", Loc(m_root, u"StartAt"_s),
                    c.tr("A definition needs \"StartAt\": the name of the first state"));
        if (!definition.value("States"_L1).isObject()) {
            c.error("FD102", Loc(m_root, u"States"_s),
                    c.tr("A definition needs \"States\": an object of named states"));
            return;
        }
        const QJsonObject states = c.states();
        if (states.isEmpty())
            c.error("FD104", Loc(m_root, u"States"_s), c.tr("\"States\" is empty: add at least one state"));
        for (auto it = states.begin(); it != states.end(); ++it)
            checkState(it.key(), it.value());
    }

private:
    void checkState(const QString &name, const QJsonValue &value)
    {
        const Loc states(m_root, u"States"_s);
        const Loc at(states, name);
        if (!value.isObject()) {
            c.error("FD110", at, c.tr("The state \"%1\" must be an object").arg(name));
            return;
        }
        const QJsonObject state = value.toObject();
        const QJsonValue type = state.value("Type"_L1);
        if (!type.isString()) {
            c.error("FD111", type.isUndefined() ? at : Loc(at, u"Type"_s),
                    c.tr("The state \"%1\" needs a \"Type\": Action, ExpressionEval, Pass, Choice, Wait, Fail, "
                         "CreateWebInput or AwaitWebInput")
                        .arg(name),
                    type.isUndefined());
            return;
        }
        const auto spec = std::find_if(stateSpecs().begin(), stateSpecs().end(),
                                       [&](const StateSpec &s) { return s.type == type.toString(); });
        if (spec == stateSpecs().end()) {
            const QString advice = awsOnlyAdvice(type.toString());
            c.error(advice.isEmpty() ? "FD112" : "FD113", Loc(at, u"Type"_s),
                    advice.isEmpty() ? c.tr("Unknown state type \"%1\"; use Action, ExpressionEval, Pass, Choice, "
                                            "Wait, Fail, CreateWebInput or AwaitWebInput")
                                           .arg(type.toString())
                                     : advice);
            return;
        }
        checkFields(at, state, *spec);
        if (spec->transitional)
            checkTransition(at, state);
        if (spec->type == "Choice"_L1)
            checkChoices(at, state);
        else if (spec->type == "Wait"_L1)
            checkWait(at, state);
        else if (spec->type == "Action"_L1)
            checkAction(at, state);
        if (state.value("Catch"_L1).isArray())
            checkCatch(Loc(at, u"Catch"_s), state.value("Catch"_L1).toArray());
    }

    void checkFields(const Loc &at, const QJsonObject &state, const StateSpec &spec)
    {
        for (auto it = state.begin(); it != state.end(); ++it) {
            if (it.key() == "Type"_L1)
                continue;
            const auto kind = spec.fields.constFind(it.key());
            if (kind == spec.fields.cend()) {
                const QString advice = awsOnlyAdvice(it.key());
                c.error("FD114", Loc(at, it.key()),
                        advice.isEmpty() ? c.tr("\"%1\" is not a field of a %2 state").arg(it.key(), spec.type)
                                         : advice,
                        true);
            } else if (!hasKind(it.value(), *kind)) {
                c.error("FD116", Loc(at, it.key()), c.tr("\"%1\" must be %2").arg(it.key(), kindName(*kind)));
            }
        }
        for (const QString &field : spec.required)
            if (!state.contains(field))
                c.error(
                    "FD115", at,
                    c.tr("A %1 state needs \"%2\"").arg(spec.type, field) +
                        (field == "ResultPath"_L1 ? c.tr(": where to store the result, e.g. \"$.result\"") : QString()),
                    true);
    }

    void checkTransition(const Loc &at, const QJsonObject &state)
    {
        const bool hasNext = state.contains("Next"_L1);
        const QJsonValue end = state.value("End"_L1);
        if (end.isBool() && !end.toBool() && !hasNext) // "End": false beside a Next is harmless
            c.error("FD121", Loc(at, u"End"_s),
                    c.tr("\"End\" can only be true; remove it and give the state a \"Next\" instead"));
        if (hasNext && end.isBool() && end.toBool())
            c.error("FD120", Loc(at, u"End"_s), c.tr("A state has either \"Next\" or \"End\": true, not both"), true);
        else if (!hasNext && !(end.isBool() && end.toBool()))
            c.error("FD120", at,
                    c.tr("This state must either go on (\"Next\": \"<state name>\") or end the flow (\"End\": true)"),
                    true);
    }

    void checkChoices(const Loc &at, const QJsonObject &state)
    {
        const QJsonArray choices = state.value("Choices"_L1).toArray();
        if (state.value("Choices"_L1).isArray() && choices.isEmpty())
            c.error("FD130", Loc(at, u"Choices"_s), c.tr("\"Choices\" needs at least one rule"));
        for (qsizetype i = 0; i < choices.size(); ++i)
            checkRule(Loc(Loc(at, u"Choices"_s), i), choices.at(i), true);
    }

    void checkRule(const Loc &at, const QJsonValue &value, bool topLevel)
    {
        if (!value.isObject()) {
            c.error("FD131", at, c.tr("A Choice rule must be an object"));
            return;
        }
        const QJsonObject rule = value.toObject();
        if (topLevel && !rule.value("Next"_L1).isString())
            c.error("FD131", at, c.tr("This Choice rule needs \"Next\": the state to go to when it matches"));
        if (!topLevel && rule.contains("Next"_L1))
            c.error("FD132", Loc(at, u"Next"_s), c.tr("Only the outermost rule of a Choice has \"Next\""), true);
        for (const char *combinator : {"And", "Or", "Not"}) {
            const QString key = QString::fromLatin1(combinator);
            if (!rule.contains(key))
                continue;
            // A combinator rule holds only its combinator (and Next at the top): anything else would be ignored.
            for (auto it = rule.begin(); it != rule.end(); ++it)
                if (it.key() != key && !(topLevel && it.key() == "Next"_L1))
                    c.error("FD131", Loc(at, it.key()),
                            c.tr("\"%1\" cannot stand beside \"%2\" in a Choice rule; nest the rules instead")
                                .arg(it.key(), key),
                            true);
            if (key == "Not"_L1) {
                checkRule(Loc(at, u"Not"_s), rule.value("Not"_L1), false);
                return;
            }
            const QJsonArray children = rule.value(key).toArray();
            if (children.isEmpty())
                c.error("FD131", Loc(at, key), c.tr("\"%1\" needs a non-empty list of rules").arg(key));
            for (qsizetype i = 0; i < children.size(); ++i)
                checkRule(Loc(Loc(at, key), i), children.at(i), false);
            return;
        }
        checkComparison(at, rule);
    }

    void checkComparison(const Loc &at, const QJsonObject &rule)
    {
        if (!rule.value("Variable"_L1).isString())
            c.error("FD131", at, c.tr("A Choice rule needs \"Variable\" (a path such as \"$.size\"), or And, Or, Not"));
        static const QStringList typeTests = {u"IsNull"_s,   u"IsPresent"_s, u"IsNumeric"_s,
                                              u"IsString"_s, u"IsBoolean"_s, u"IsTimestamp"_s};
        int operators = 0;
        for (auto it = rule.begin(); it != rule.end(); ++it) {
            const QString &key = it.key();
            if (key == "Variable"_L1 || key == "Next"_L1)
                continue;
            if (!ChoiceRules::comparisonOperators().contains(key) && !typeTests.contains(key)) {
                c.error("FD131", Loc(at, key), c.tr("\"%1\" is not a Choice operator").arg(key), true);
                continue;
            }
            ++operators;
            const bool wantsBool = typeTests.contains(key) || key == "BooleanEquals"_L1;
            const bool wantsNumber = key.startsWith("Numeric"_L1) && !key.endsWith("Path"_L1);
            if (key.startsWith("Timestamp"_L1) && !key.endsWith("Path"_L1) && it.value().isString() &&
                !isRfc3339(it.value().toString()))
                c.error("FD141", Loc(at, key),
                        c.tr("\"%1\" takes an RFC 3339 time such as \"2026-01-31T12:00:00Z\"").arg(key));
            const bool ok = key.endsWith("Path"_L1) ? it.value().isString()
                            : wantsBool             ? it.value().isBool()
                            : wantsNumber           ? it.value().isDouble()
                                                    : it.value().isString();
            if (!ok)
                c.error("FD116", Loc(at, key),
                        c.tr("\"%1\" takes %2")
                            .arg(key, key.endsWith("Path"_L1) ? c.tr("a path")
                                      : wantsBool             ? c.tr("true or false")
                                      : wantsNumber           ? c.tr("a number")
                                                              : c.tr("a string")));
        }
        if (operators != 1 && rule.value("Variable"_L1).isString())
            c.error("FD131", at, c.tr("A Choice rule needs exactly one operator (it has %1)").arg(operators));
    }

    void checkWait(const Loc &at, const QJsonObject &state)
    {
        int given = 0;
        for (const char *field : {"Seconds", "SecondsPath", "Timestamp", "TimestampPath"})
            given += state.contains(QLatin1StringView(field)) ? 1 : 0;
        if (given != 1)
            c.error("FD140", at,
                    c.tr("A Wait state needs exactly one of Seconds, SecondsPath, Timestamp or TimestampPath"), true);
        if (state.value("Seconds"_L1).toDouble() < 0)
            c.warning("FD140", Loc(at, u"Seconds"_s), c.tr("\"Seconds\" cannot be negative"));
        const QJsonValue timestamp = state.value("Timestamp"_L1);
        if (timestamp.isString() && !isRfc3339(timestamp.toString()))
            c.error("FD141", Loc(at, u"Timestamp"_s),
                    c.tr("\"Timestamp\" must be an RFC 3339 time such as \"2026-01-31T12:00:00Z\""));
    }

    void checkAction(const Loc &at, const QJsonObject &state)
    {
        const bool url = state.contains("ActionUrl"_L1);
        const bool handler = state.contains("Handler"_L1);
        if (url && handler)
            c.warning("FD160", at, c.tr("An Action has either \"ActionUrl\" or \"Handler\", not both"), true);
        else if (!url && !handler)
            c.error("FD160", at,
                    c.tr("An Action needs \"ActionUrl\" (the action provider's https:// URL) or \"Handler\""), true);
        const QString actionUrl = state.value("ActionUrl"_L1).toString();
        if (url && state.value("ActionUrl"_L1).isString() && !actionUrl.startsWith("https://"_L1))
            c.error("FD161", Loc(at, u"ActionUrl"_s), c.tr("\"ActionUrl\" must be an https:// URL"));
        if (state.contains("Parameters"_L1) && state.contains("InputPath"_L1))
            c.error("FD162", Loc(at, u"InputPath"_s),
                    c.tr("An Action takes its input from either \"Parameters\" or \"InputPath\", not both"), true);
        if (state.contains("WaitTime"_L1) && state.value("WaitTime"_L1).toDouble() <= 0)
            c.warning("FD163", Loc(at, u"WaitTime"_s), c.tr("\"WaitTime\" must be a positive number of seconds"));
        checkHandler(Loc(at, u"Handler"_s), state.value("Handler"_L1));
    }

    void checkHandler(const Loc &at, const QJsonValue &handler)
    {
        if (handler.isString() && !handler.toString().startsWith("urn:globus:flows:handle:"_L1))
            c.warning("FD164", at, c.tr("A handler string must be a handle URN (urn:globus:flows:handle:...)"));
        if (!handler.isObject())
            return;
        const QJsonObject h = handler.toObject();
        const QString type = h.value("Type"_L1).toString();
        const QStringList allowed = type == "ActionProvider"_L1  ? QStringList{u"Type"_s, u"Url"_s, u"Scope"_s}
                                    : type == "RegisteredAPI"_L1 ? QStringList{u"Type"_s, u"Id"_s}
                                                                 : QStringList();
        if (allowed.isEmpty()) {
            c.error("FD164", Loc(at, u"Type"_s), c.tr("A Handler's Type is \"ActionProvider\" or \"RegisteredAPI\""));
            return;
        }
        const QString needed = type == "ActionProvider"_L1 ? u"Url"_s : u"Id"_s;
        if (!h.value(needed).isString())
            c.error("FD164", at, c.tr("A %1 handler needs \"%2\"").arg(type, needed));
        for (auto it = h.begin(); it != h.end(); ++it)
            if (!allowed.contains(it.key()))
                c.error("FD164", Loc(at, it.key()), c.tr("\"%1\" is not a field of a %2 handler").arg(it.key(), type),
                        true);
    }

    void checkCatch(const Loc &at, const QJsonArray &catchers)
    {
        for (qsizetype i = 0; i < catchers.size(); ++i) {
            const Loc here(at, i);
            const QJsonObject catcher = catchers.at(i).toObject();
            const QJsonArray errors = catcher.value("ErrorEquals"_L1).toArray();
            if (!catcher.value("ErrorEquals"_L1).isArray() ||
                !std::all_of(errors.begin(), errors.end(), [](const QJsonValue &e) { return e.isString(); }))
                c.error("FD150", here,
                        c.tr("A catcher needs \"ErrorEquals\": a list of error names such as \"ActionFailedException\" "
                             "or \"States.ALL\""));
            else if (errors.isEmpty())
                c.warning("FD150", Loc(here, u"ErrorEquals"_s),
                          c.tr("An empty \"ErrorEquals\" catches nothing; name the errors, or \"States.ALL\""));
            if (!catcher.value("Next"_L1).isString())
                c.error("FD150", here, c.tr("A catcher needs \"Next\": the state that handles the error"));
            if (catcher.contains("ResultPath"_L1) && !catcher.value("ResultPath"_L1).isString())
                c.error("FD116", Loc(here, u"ResultPath"_s), c.tr("\"ResultPath\" must be a string"));
            for (auto it = catcher.begin(); it != catcher.end(); ++it)
                if (it.key() != "ErrorEquals"_L1 && it.key() != "Next"_L1 && it.key() != "ResultPath"_L1)
                    c.error("FD150", Loc(here, it.key()),
                            c.tr("\"%1\" is not a field of a catcher (ErrorEquals, Next, ResultPath)").arg(it.key()),
                            true);
        }
    }

    ValidationContext &c;
    const Loc m_root;
};

} // namespace

void checkStructure(ValidationContext &context)
{
    StructureChecker(context).run();
}

} // namespace Flowdeck::Core::Lang
