// SPDX-License-Identifier: GPL-3.0-or-later
// FD1xx: the shape of a definition, per the service's schema (reference §5.1).
#include "core/lang/choicerule.h"
#include "core/lang/jsontext.h"
#include "core/lang/validationcontext.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::string_view_literals;

namespace Flowdeck::Core::Lang {

namespace {

enum class Kind { String, Integer, Boolean, Object, Array, Handler };

using Fields = std::vector<std::pair<std::string_view, Kind>>;

struct StateSpec
{
    std::string_view type;
    Fields fields; // every allowed field but Type
    std::vector<std::string_view> required;
    bool transitional = true; // needs exactly one of Next / End:true

    const Kind *kindOf(std::string_view field) const
    {
        for (const auto &[name, kind] : fields)
            if (name == field)
                return &kind;
        return nullptr;
    }
};

const std::vector<StateSpec> &stateSpecs()
{
    static const std::vector<StateSpec> specs = [] {
        const Fields flow{{"Comment", Kind::String}, {"Next", Kind::String}, {"End", Kind::Boolean}};
        auto with = [&flow](std::initializer_list<std::pair<std::string_view, Kind>> extra) {
            Fields fields = flow;
            fields.insert(fields.end(), extra);
            return fields;
        };
        const Fields webInput = with({{"Parameters", Kind::Object},
                                      {"InputPath", Kind::String},
                                      {"ResultPath", Kind::String},
                                      {"Catch", Kind::Array}});
        return std::vector<StateSpec>{
            {"Action",
             with({{"ActionUrl", Kind::String},
                   {"ActionScope", Kind::String},
                   {"Handler", Kind::Handler},
                   {"Parameters", Kind::Object},
                   {"InputPath", Kind::String},
                   {"ResultPath", Kind::String},
                   {"WaitTime", Kind::Integer},
                   {"ExceptionOnActionFailure", Kind::Boolean},
                   {"Catch", Kind::Array},
                   {"RunAs", Kind::String}}),
             {},
             true},
            {"ExpressionEval",
             with({{"Parameters", Kind::Object}, {"ResultPath", Kind::String}}),
             {"Parameters", "ResultPath"},
             true},
            {"Pass",
             with({{"Parameters", Kind::Object},
                   {"InputPath", Kind::String},
                   {"ResultPath", Kind::String},
                   {"Result", Kind::Object}}),
             {},
             true},
            {"Choice",
             {{"Comment", Kind::String}, {"Choices", Kind::Array}, {"Default", Kind::String}},
             {"Choices"},
             false},
            {"Wait",
             with({{"Seconds", Kind::Integer},
                   {"SecondsPath", Kind::String},
                   {"Timestamp", Kind::String},
                   {"TimestampPath", Kind::String}}),
             {},
             true},
            {"Fail",
             {{"Comment", Kind::String},
              {"Cause", Kind::String},
              {"CausePath", Kind::String},
              {"Error", Kind::String},
              {"ErrorPath", Kind::String}},
             {},
             false},
            {"CreateWebInput", webInput, {}, true},
            {"AwaitWebInput", webInput, {}, true},
        };
    }();
    return specs;
}

// Amazon States Language features the Globus dialect does not have, and what to do instead.
QString awsOnlyAdvice(std::string_view name)
{
    static const std::pair<std::string_view, const char *> advice[] = {
        {"Task", "Globus Flows has no Task state: use an \"Action\" state with an ActionUrl"},
        {"Map", "Globus Flows has no Map state: loop with a Choice state and an index, or pass a list to one Action"},
        {"Parallel", "Globus Flows has no Parallel state: start actions one after another, or run separate flows"},
        {"Succeed", "Globus Flows has no Succeed state: end the flow with \"End\": true on the last state"},
        {"OutputPath", "OutputPath is not supported by Globus Flows: shape the data with ResultPath or a Pass state"},
        {"Retry", "Retry is not supported by Globus Flows: Catch the error and loop back through a Wait state"},
        {"ResultSelector", "ResultSelector is not supported by Globus Flows: use an ExpressionEval or Pass "
                           "state to pick the parts you need"},
    };
    for (const auto &[feature, text] : advice)
        if (feature == name)
            return ValidationContext::tr(text);
    return {};
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

bool hasKind(const JsonNode &value, Kind kind)
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
        const JsonNode definition = c.definition();
        for (const JsonNode member : definition) {
            const std::string_view key = member.keyView();
            if (key != "StartAt" && key != "States" && key != "Comment")
                c.error("FD103", Loc(m_root, key),
                        c.tr("\"%1\" is not allowed at the top of a definition (only StartAt, States and Comment)")
                            .arg(member.key()),
                        true);
        }
        if (!definition.value("StartAt"_L1).isString())
            c.error("FD101", Loc(m_root, "StartAt"),
                    c.tr("A definition needs \"StartAt\": the name of the first state"));
        if (!definition.value("States"_L1).isObject()) {
            c.error("FD102", Loc(m_root, "States"), c.tr("A definition needs \"States\": an object of named states"));
            return;
        }
        const JsonNode states = c.states();
        if (states.isEmpty())
            c.error("FD104", Loc(m_root, "States"), c.tr("\"States\" is empty: add at least one state"));
        for (const JsonNode state : states)
            checkState(state);
    }

private:
    void checkState(const JsonNode &state)
    {
        const Loc states(m_root, "States");
        const Loc at(states, state.keyView());
        if (!state.isObject()) {
            c.error("FD110", at, c.tr("The state \"%1\" must be an object").arg(state.key()));
            return;
        }
        const JsonNode type = state.value("Type"_L1);
        if (!type.isString()) {
            c.error("FD111", type.isUndefined() ? at : Loc(at, "Type"),
                    c.tr("The state \"%1\" needs a \"Type\": Action, ExpressionEval, Pass, Choice, Wait, Fail, "
                         "CreateWebInput or AwaitWebInput")
                        .arg(state.key()),
                    type.isUndefined());
            return;
        }
        const auto spec = std::find_if(stateSpecs().begin(), stateSpecs().end(),
                                       [&](const StateSpec &s) { return s.type == type.stringView(); });
        if (spec == stateSpecs().end()) {
            const QString advice = awsOnlyAdvice(type.stringView());
            c.error(advice.isEmpty() ? "FD112" : "FD113", Loc(at, "Type"),
                    advice.isEmpty() ? c.tr("Unknown state type \"%1\"; use Action, ExpressionEval, Pass, Choice, "
                                            "Wait, Fail, CreateWebInput or AwaitWebInput")
                                           .arg(type.toString())
                                     : advice);
            return;
        }
        checkFields(at, state, *spec);
        if (spec->transitional)
            checkTransition(at, state);
        if (spec->type == "Choice")
            checkChoices(at, state);
        else if (spec->type == "Wait")
            checkWait(at, state);
        else if (spec->type == "Action")
            checkAction(at, state);
        if (state.value("Catch"_L1).isArray())
            checkCatch(Loc(at, "Catch"), state.value("Catch"_L1));
    }

    void checkFields(const Loc &at, const JsonNode &state, const StateSpec &spec)
    {
        for (const JsonNode field : state) {
            const std::string_view key = field.keyView();
            if (key == "Type")
                continue;
            const Kind *kind = spec.kindOf(key);
            if (!kind) {
                const QString advice = awsOnlyAdvice(key);
                c.error("FD114", Loc(at, key),
                        advice.isEmpty()
                            ? c.tr("\"%1\" is not a field of a %2 state").arg(field.key(), toQString(spec.type))
                            : advice,
                        true);
            } else if (!hasKind(field, *kind)) {
                c.error("FD116", Loc(at, key), c.tr("\"%1\" must be %2").arg(field.key(), kindName(*kind)));
            }
        }
        for (const std::string_view field : spec.required)
            if (!state.contains(field))
                c.error(
                    "FD115", at,
                    c.tr("A %1 state needs \"%2\"").arg(toQString(spec.type), toQString(field)) +
                        (field == "ResultPath" ? c.tr(": where to store the result, e.g. \"$.result\"") : QString()),
                    true);
    }

    void checkTransition(const Loc &at, const JsonNode &state)
    {
        const bool hasNext = state.contains("Next"_L1);
        const JsonNode end = state.value("End"_L1);
        if (end.isBool() && !end.toBool() && !hasNext) // "End": false beside a Next is harmless
            c.error("FD121", Loc(at, "End"),
                    c.tr("\"End\" can only be true; remove it and give the state a \"Next\" instead"));
        if (hasNext && end.isBool() && end.toBool())
            c.error("FD120", Loc(at, "End"), c.tr("A state has either \"Next\" or \"End\": true, not both"), true);
        else if (!hasNext && !(end.isBool() && end.toBool()))
            c.error("FD120", at,
                    c.tr("This state must either go on (\"Next\": \"<state name>\") or end the flow (\"End\": true)"),
                    true);
    }

    void checkChoices(const Loc &at, const JsonNode &state)
    {
        const JsonNode choices = state.value("Choices"_L1);
        if (choices.isArray() && choices.isEmpty())
            c.error("FD130", Loc(at, "Choices"), c.tr("\"Choices\" needs at least one rule"));
        const Loc list(at, "Choices");
        for (qsizetype i = 0; i < choices.size(); ++i)
            checkRule(Loc(list, i), choices.at(i), true);
    }

    void checkRule(const Loc &at, const JsonNode &rule, bool topLevel)
    {
        if (!rule.isObject()) {
            c.error("FD131", at, c.tr("A Choice rule must be an object"));
            return;
        }
        if (topLevel && !rule.value("Next"_L1).isString())
            c.error("FD131", at, c.tr("This Choice rule needs \"Next\": the state to go to when it matches"));
        if (!topLevel && rule.contains("Next"_L1))
            c.error("FD132", Loc(at, "Next"), c.tr("Only the outermost rule of a Choice has \"Next\""), true);
        for (const std::string_view combinator : {"And"sv, "Or"sv, "Not"sv}) {
            if (!rule.contains(combinator))
                continue;
            // A combinator rule holds only its combinator (and Next at the top): anything else would be ignored.
            for (const JsonNode member : rule)
                if (member.keyView() != combinator && !(topLevel && member.keyView() == "Next"))
                    c.error("FD131", Loc(at, member.keyView()),
                            c.tr("\"%1\" cannot stand beside \"%2\" in a Choice rule; nest the rules instead")
                                .arg(member.key(), toQString(combinator)),
                            true);
            if (combinator == "Not") {
                checkRule(Loc(at, combinator), rule.value(combinator), false);
                return;
            }
            const JsonNode children = rule.value(combinator);
            if (!children.isArray() || children.isEmpty())
                c.error("FD131", Loc(at, combinator),
                        c.tr("\"%1\" needs a non-empty list of rules").arg(toQString(combinator)));
            const Loc list(at, combinator);
            for (qsizetype i = 0; i < children.size(); ++i)
                checkRule(Loc(list, i), children.at(i), false);
            return;
        }
        checkComparison(at, rule);
    }

    static bool isTypeTest(std::string_view key)
    {
        for (const std::string_view test :
             {"IsNull"sv, "IsPresent"sv, "IsNumeric"sv, "IsString"sv, "IsBoolean"sv, "IsTimestamp"sv})
            if (key == test)
                return true;
        return false;
    }

    void checkComparison(const Loc &at, const JsonNode &rule)
    {
        if (!rule.value("Variable"_L1).isString())
            c.error("FD131", at, c.tr("A Choice rule needs \"Variable\" (a path such as \"$.size\"), or And, Or, Not"));
        int operators = 0;
        for (const JsonNode value : rule) {
            const std::string_view key = value.keyView();
            if (key == "Variable" || key == "Next")
                continue;
            const QString name = value.key();
            const bool typeTest = isTypeTest(key);
            if (!typeTest && !ChoiceRules::comparisonOperators().contains(name)) {
                c.error("FD131", Loc(at, key), c.tr("\"%1\" is not a Choice operator").arg(name), true);
                continue;
            }
            ++operators;
            const bool isPath = key.ends_with("Path");
            const bool wantsBool = typeTest || key == "BooleanEquals";
            const bool wantsNumber = key.starts_with("Numeric") && !isPath;
            if (key.starts_with("Timestamp") && !isPath && value.isString() && !isRfc3339(value.toString()))
                c.error("FD141", Loc(at, key),
                        c.tr("\"%1\" takes an RFC 3339 time such as \"2026-01-31T12:00:00Z\"").arg(name));
            const bool ok = isPath        ? value.isString()
                            : wantsBool   ? value.isBool()
                            : wantsNumber ? value.isDouble()
                                          : value.isString();
            if (!ok)
                c.error("FD116", Loc(at, key),
                        c.tr("\"%1\" takes %2")
                            .arg(name, isPath        ? c.tr("a path")
                                       : wantsBool   ? c.tr("true or false")
                                       : wantsNumber ? c.tr("a number")
                                                     : c.tr("a string")));
        }
        if (operators != 1 && rule.value("Variable"_L1).isString())
            c.error("FD131", at, c.tr("A Choice rule needs exactly one operator (it has %1)").arg(operators));
    }

    void checkWait(const Loc &at, const JsonNode &state)
    {
        int given = 0;
        for (const std::string_view field : {"Seconds"sv, "SecondsPath"sv, "Timestamp"sv, "TimestampPath"sv})
            given += state.contains(field) ? 1 : 0;
        if (given != 1)
            c.error("FD140", at,
                    c.tr("A Wait state needs exactly one of Seconds, SecondsPath, Timestamp or TimestampPath"), true);
        if (state.value("Seconds"_L1).toDouble() < 0)
            c.warning("FD140", Loc(at, "Seconds"), c.tr("\"Seconds\" cannot be negative"));
        const JsonNode timestamp = state.value("Timestamp"_L1);
        if (timestamp.isString() && !isRfc3339(timestamp.toString()))
            c.error("FD141", Loc(at, "Timestamp"),
                    c.tr("\"Timestamp\" must be an RFC 3339 time such as \"2026-01-31T12:00:00Z\""));
    }

    void checkAction(const Loc &at, const JsonNode &state)
    {
        const bool url = state.contains("ActionUrl"_L1);
        const bool handler = state.contains("Handler"_L1);
        if (url && handler)
            c.warning("FD160", at, c.tr("An Action has either \"ActionUrl\" or \"Handler\", not both"), true);
        else if (!url && !handler)
            c.error("FD160", at,
                    c.tr("An Action needs \"ActionUrl\" (the action provider's https:// URL) or \"Handler\""), true);
        const JsonNode actionUrl = state.value("ActionUrl"_L1);
        if (actionUrl.isString() && !actionUrl.stringView().starts_with("https://"))
            c.error("FD161", Loc(at, "ActionUrl"), c.tr("\"ActionUrl\" must be an https:// URL"));
        if (state.contains("Parameters"_L1) && state.contains("InputPath"_L1))
            c.error("FD162", Loc(at, "InputPath"),
                    c.tr("An Action takes its input from either \"Parameters\" or \"InputPath\", not both"), true);
        if (state.contains("WaitTime"_L1) && state.value("WaitTime"_L1).toDouble() <= 0)
            c.warning("FD163", Loc(at, "WaitTime"), c.tr("\"WaitTime\" must be a positive number of seconds"));
        checkHandler(Loc(at, "Handler"), state.value("Handler"_L1));
    }

    void checkHandler(const Loc &at, const JsonNode &handler)
    {
        if (handler.isString() && !handler.stringView().starts_with("urn:globus:flows:handle:"))
            c.warning("FD164", at, c.tr("A handler string must be a handle URN (urn:globus:flows:handle:...)"));
        if (!handler.isObject())
            return;
        const std::string_view type = handler.value("Type"_L1).stringView();
        const std::vector<std::string_view> allowed = type == "ActionProvider"
                                                          ? std::vector{"Type"sv, "Url"sv, "Scope"sv}
                                                      : type == "RegisteredAPI" ? std::vector{"Type"sv, "Id"sv}
                                                                                : std::vector<std::string_view>();
        if (allowed.empty()) {
            c.error("FD164", Loc(at, "Type"), c.tr("A Handler's Type is \"ActionProvider\" or \"RegisteredAPI\""));
            return;
        }
        const std::string_view needed = type == "ActionProvider" ? "Url"sv : "Id"sv;
        if (!handler.value(needed).isString())
            c.error("FD164", at, c.tr("A %1 handler needs \"%2\"").arg(toQString(type), toQString(needed)));
        for (const JsonNode member : handler)
            if (std::find(allowed.begin(), allowed.end(), member.keyView()) == allowed.end())
                c.error("FD164", Loc(at, member.keyView()),
                        c.tr("\"%1\" is not a field of a %2 handler").arg(member.key(), toQString(type)), true);
    }

    void checkCatch(const Loc &at, const JsonNode &catchers)
    {
        for (qsizetype i = 0; i < catchers.size(); ++i) {
            const Loc here(at, i);
            const JsonNode catcher = catchers.at(i);
            const JsonNode errors = catcher.value("ErrorEquals"_L1);
            if (!errors.isArray() ||
                !std::all_of(errors.begin(), errors.end(), [](const JsonNode &e) { return e.isString(); }))
                c.error("FD150", here,
                        c.tr("A catcher needs \"ErrorEquals\": a list of error names such as \"ActionFailedException\" "
                             "or \"States.ALL\""));
            else if (errors.isEmpty())
                c.warning("FD150", Loc(here, "ErrorEquals"),
                          c.tr("An empty \"ErrorEquals\" catches nothing; name the errors, or \"States.ALL\""));
            if (!catcher.value("Next"_L1).isString())
                c.error("FD150", here, c.tr("A catcher needs \"Next\": the state that handles the error"));
            if (catcher.contains("ResultPath"_L1) && !catcher.value("ResultPath"_L1).isString())
                c.error("FD116", Loc(here, "ResultPath"), c.tr("\"ResultPath\" must be a string"));
            for (const JsonNode member : catcher) {
                const std::string_view key = member.keyView();
                if (key != "ErrorEquals" && key != "Next" && key != "ResultPath")
                    c.error(
                        "FD150", Loc(here, key),
                        c.tr("\"%1\" is not a field of a catcher (ErrorEquals, Next, ResultPath)").arg(member.key()),
                        true);
            }
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
