// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/vocabulary.h"

#include <QCoreApplication>
#include <QHash>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang::Vocabulary {

namespace {

const char *const Context = "Flowdeck::Core::Lang::Vocabulary";
#define HELP(text) QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::Vocabulary", text)

QStringList split(const char *words)
{
    return QString::fromLatin1(words).split(u' ', Qt::SkipEmptyParts);
}

// Field order is the order completion offers them in: the usual ones first.
const QHash<QString, QStringList> &fieldsByType()
{
    static const QHash<QString, QStringList> fields = {
        {u"Action"_s, split("Type ActionUrl Parameters ResultPath Next End Comment Catch WaitTime "
                            "ExceptionOnActionFailure RunAs ActionScope InputPath Handler")},
        {u"ExpressionEval"_s, split("Type Parameters ResultPath Next End Comment")},
        {u"Pass"_s, split("Type Parameters ResultPath Next End Comment Result InputPath")},
        {u"Choice"_s, split("Type Choices Default Comment")},
        {u"Wait"_s, split("Type Seconds SecondsPath Timestamp TimestampPath Next End Comment")},
        {u"Fail"_s, split("Type Error Cause ErrorPath CausePath Comment")},
        {u"CreateWebInput"_s, split("Type Parameters ResultPath Next End Comment Catch InputPath")},
        {u"AwaitWebInput"_s, split("Type Parameters ResultPath Next End Comment Catch InputPath")},
    };
    return fields;
}

struct Help
{
    const char *context; // "" for a field of any state
    const char *field;
    const char *text;
};

// clang-format off
const Help Helps[] = {
    {"", "Type", HELP("The kind of state: Action, ExpressionEval, Pass, Choice, Wait, Fail, CreateWebInput or AwaitWebInput.")},
    {"", "Comment", HELP("A note for people reading the definition; the service ignores it.")},
    {"", "Next", HELP("The name of the state to run after this one. A state has either Next or \"End\": true.")},
    {"", "End", HELP("\"End\": true ends the run successfully after this state. A state has either Next or End.")},
    {"", "Parameters", HELP("The object this state works with: constants, paths (keys ending in \".$\") and expressions (keys ending in \".=\").")},
    {"Action", "Parameters", HELP("The input sent to the action provider: constants, paths (keys ending in \".$\") and expressions (keys ending in \".=\"). Use either Parameters or InputPath.")},
    {"ExpressionEval", "Parameters", HELP("The values to compute (required): constants, paths (keys ending in \".$\") and expressions (keys ending in \".=\") over the run state.")},
    {"Pass", "Parameters", HELP("An object built from constants, paths (keys ending in \".$\") and expressions (keys ending in \".=\"), stored at ResultPath.")},
    {"CreateWebInput", "Parameters", HELP("What the web input shows: its title, its text and the options a respondent chooses from.")},
    {"AwaitWebInput", "Parameters", HELP("Which web input to wait for: \"WebInputId.$\" with the path where CreateWebInput stored its id.")},
    {"", "InputPath", HELP("A path selecting the part of the run state this state reads, e.g. \"$.input\".")},
    {"Action", "InputPath", HELP("A path to the value sent as the action's input, instead of Parameters.")},
    {"", "ResultPath", HELP("Where in the run state to store this state's result, e.g. \"$.result\". Without it the result replaces the whole run state.")},
    {"Action", "ResultPath", HELP("Where to store the action's status (action_id, status, details...), e.g. \"$.TransferResult\". Without it the result replaces the whole run state.")},
    {"ExpressionEval", "ResultPath", HELP("Where to store the computed values (required), e.g. \"$.computed\".")},
    {"Pass", "Result", HELP("A fixed object this state outputs, stored at ResultPath.")},
    {"Action", "ActionUrl", HELP("The base URL of the action provider to run; the service calls its /run, /status, /cancel and /release.")},
    {"Action", "ActionScope", HELP("The Globus Auth scope of the action provider. Usually left out: the service asks the provider.")},
    {"Action", "Handler", HELP("What to run instead of an ActionUrl: {\"Type\": \"ActionProvider\", \"Url\": ...}, {\"Type\": \"RegisteredAPI\", \"Id\": ...} or a handle URN.")},
    {"Action", "WaitTime", HELP("How many seconds to wait for the action to finish (default 300); after that the state fails with ActionTimeout.")},
    {"Action", "ExceptionOnActionFailure", HELP("When true (the default) a FAILED action raises ActionFailedException; when false the failure is stored as the result and the flow goes on.")},
    {"", "Catch", HELP("Error handlers: a list of {ErrorEquals, Next, ResultPath}. The first whose ErrorEquals matches decides where the run goes.")},
    {"Action", "RunAs", HELP("Whose identity runs the action: \"User\" (the default: who started the run), \"Flow\" (the flow's own identity) or a role name.")},
    {"Choice", "Choices", HELP("The rules, tried in order: the first that matches names the next state.")},
    {"Choice", "Default", HELP("The state to go to when no rule matches; without it the run fails when nothing matches.")},
    {"Wait", "Seconds", HELP("How many seconds to wait.")},
    {"Wait", "SecondsPath", HELP("A path to the number of seconds to wait, read from the run state.")},
    {"Wait", "Timestamp", HELP("An RFC 3339 time to wait until, e.g. \"2026-01-31T12:00:00Z\".")},
    {"Wait", "TimestampPath", HELP("A path to the time to wait until, read from the run state.")},
    {"Fail", "Error", HELP("A short name for the failure, e.g. \"TransferFailed\".")},
    {"Fail", "ErrorPath", HELP("A path to the failure's name, read from the run state.")},
    {"Fail", "Cause", HELP("A sentence explaining the failure.")},
    {"Fail", "CausePath", HELP("A path to the explanation, read from the run state.")},
    {"Catcher", "ErrorEquals", HELP("The errors this handler catches: \"ActionFailedException\", \"ActionUnableToRun\", \"ActionTimeout\", or \"States.ALL\" for any.")},
    {"Catcher", "Next", HELP("The state that handles the error.")},
    {"Catcher", "ResultPath", HELP("Where to store the error details, e.g. \"$.error\"; without it they replace the whole run state.")},
    {"ChoiceRule", "Variable", HELP("The path of the value this rule tests, e.g. \"$.size\".")},
    {"ChoiceRule", "Next", HELP("The state to go to when this rule matches.")},
    {"ChoiceRule", "And", HELP("A list of rules that must all match.")},
    {"ChoiceRule", "Or", HELP("A list of rules of which at least one must match.")},
    {"ChoiceRule", "Not", HELP("One rule; this rule matches when that one does not.")},
    {"ChoiceRule", "StringMatches", HELP("Matches when the value matches the pattern, where * stands for any text.")},
    {"Root", "StartAt", HELP("The name of the state the run starts with.")},
    {"Root", "States", HELP("The flow's states, by name. Each has a Type and says where the run goes next.")},
    {"Root", "Comment", HELP("A note for people reading the definition; the service ignores it.")},
    {"Handler", "Type", HELP("\"ActionProvider\" (with Url and optionally Scope) or \"RegisteredAPI\" (with Id).")},
    {"Handler", "Url", HELP("The HTTPS URL of the action provider.")},
    {"Handler", "Scope", HELP("The Globus Auth scope of the action provider; usually left out.")},
    {"Handler", "Id", HELP("The UUID of the registered API.")},
};

const Help TypeHelps[] = {
    {"", "Action", HELP("Runs an action provider (Transfer, Compute, Search...) and waits for its result.")},
    {"", "ExpressionEval", HELP("Computes values from expressions and stores them at ResultPath.")},
    {"", "Pass", HELP("Copies or reshapes data in the run state without calling anything.")},
    {"", "Choice", HELP("Branches: the first matching rule names the next state, else Default.")},
    {"", "Wait", HELP("Pauses the run for some seconds or until a time.")},
    {"", "Fail", HELP("Ends the run as FAILED with an error and a cause.")},
    {"", "CreateWebInput", HELP("Creates a web input asking a person to choose; follow it with AwaitWebInput.")},
    {"", "AwaitWebInput", HELP("Waits (the run is INACTIVE) until the web input is answered.")},
};
// clang-format on

QString tr(const char *text)
{
    return QCoreApplication::translate(Context, text);
}

// "NumericGreaterThanEqualsPath" -> "Matches when the value is greater than or equal to the number at the path."
QString operatorHelp(QString op)
{
    static const std::pair<const char *, const char *> tests[] = {
        {"IsPresent", HELP("exists in the run state")},
        {"IsNull", HELP("is null")},
        {"IsString", HELP("is a string")},
        {"IsNumeric", HELP("is a number")},
        {"IsBoolean", HELP("is true or false")},
        {"IsTimestamp", HELP("is an RFC 3339 time")},
    };
    for (const auto &[test, words] : tests)
        if (op == QLatin1StringView(test))
            return tr("true: matches when the value %1; false: when it does not.").arg(tr(words));
    const bool path = op.endsWith("Path"_L1);
    op.chop(path ? 4 : 0);
    static const std::pair<const char *, const char *> relations[] = {
        {"GreaterThanEquals", HELP("is greater than or equal to")},
        {"LessThanEquals", HELP("is less than or equal to")},
        {"GreaterThan", HELP("is greater than")},
        {"LessThan", HELP("is less than")},
        {"Equals", HELP("equals")},
    };
    for (const auto &[suffix, words] : relations) {
        if (!op.endsWith(QLatin1StringView(suffix)))
            continue;
        const QString family = op.chopped(qstrlen(suffix));
        const QString what = family == "Numeric"_L1     ? tr("the number")
                             : family == "Boolean"_L1   ? tr("true or false")
                             : family == "Timestamp"_L1 ? tr("the RFC 3339 time")
                                                        : tr("the string");
        return tr("Matches when the value %1 %2.").arg(tr(words), path ? what + tr(" at the given path") : what);
    }
    return {};
}

} // namespace

const QStringList &stateTypes()
{
    static const QStringList types = split("Action ExpressionEval Pass Choice Wait Fail CreateWebInput AwaitWebInput");
    return types;
}

const QStringList &stateFields(const QString &type)
{
    static const QStringList none;
    const auto it = fieldsByType().constFind(type);
    return it == fieldsByType().cend() ? none : *it;
}

const QStringList &allStateFields()
{
    static const QStringList all = [] {
        QStringList fields;
        for (const QString &type : stateTypes())
            for (const QString &field : stateFields(type))
                if (!fields.contains(field))
                    fields << field;
        return fields;
    }();
    return all;
}

const QStringList &choiceOperators()
{
    static const QStringList operators = [] {
        QStringList ops;
        for (const char *family : {"String", "Numeric", "Boolean", "Timestamp"})
            for (const char *relation : {"Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"})
                if (qstrcmp(family, "Boolean") != 0 || qstrcmp(relation, "Equals") == 0)
                    ops << QLatin1StringView(family) + QLatin1StringView(relation);
        ops << u"StringMatches"_s;
        for (qsizetype i = 0, n = ops.size() - 1; i < n; ++i) // StringMatches has no Path form
            ops << ops.at(i) + u"Path"_s;
        return ops + split("IsPresent IsNull IsString IsNumeric IsBoolean IsTimestamp");
    }();
    return operators;
}

QStringList choiceRuleFields(bool topLevel)
{
    QStringList fields = QStringList{u"Variable"_s} + choiceOperators() + split("And Or Not");
    if (topLevel)
        fields.append(u"Next"_s);
    return fields;
}

const QStringList &catcherFields()
{
    static const QStringList fields = split("ErrorEquals Next ResultPath");
    return fields;
}

const QStringList &rootFields()
{
    static const QStringList fields = split("StartAt States Comment");
    return fields;
}

const QStringList &handlerFields(const QString &handlerType)
{
    static const QStringList provider = split("Type Url Scope");
    static const QStringList registered = split("Type Id");
    static const QStringList all = split("Type Url Scope Id");
    return handlerType == "ActionProvider"_L1 ? provider : handlerType == "RegisteredAPI"_L1 ? registered : all;
}

const QStringList &errorNames()
{
    static const QStringList names = split("States.ALL ActionFailedException ActionUnableToRun ActionTimeout");
    return names;
}

QByteArray insertText(const QString &field)
{
    static const QStringList objects = split("States Parameters Result Handler Not");
    static const QStringList arrays = split("Catch Choices And Or ErrorEquals");
    const QByteArray key = '"' + field.toUtf8() + "\": ";
    if (field == "End"_L1 || (field.startsWith("Is"_L1) && choiceOperators().contains(field)))
        return key + "true";
    if (objects.contains(field))
        return key + "{}";
    if (arrays.contains(field))
        return key + "[]";
    return key;
}

QString fieldHelp(const QString &context, const QString &field)
{
    const bool inState = context.isEmpty() || stateTypes().contains(context); // "": a state of unknown type
    const char *generic = nullptr;
    for (const Help &h : Helps) {
        if (field != QLatin1StringView(h.field))
            continue;
        if (context == QLatin1StringView(h.context))
            return tr(h.text);
        if (inState && !*h.context)
            generic = h.text;
    }
    if (generic)
        return tr(generic);
    return context == ChoiceRule && choiceOperators().contains(field) ? operatorHelp(field) : QString();
}

QString stateTypeHelp(const QString &type)
{
    for (const Help &h : TypeHelps)
        if (type == QLatin1StringView(h.field))
            return tr(h.text);
    return {};
}

} // namespace Flowdeck::Core::Lang::Vocabulary
