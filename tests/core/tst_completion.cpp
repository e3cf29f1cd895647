// SPDX-License-Identifier: GPL-3.0-or-later
// Completion and hover help in definitions being typed. In each row '|' marks the cursor (it is
// removed before asking); "replaced" is the text the proposals replace.
#include "core/lang/completion.h"
#include "core/lang/jsontext.h"
#include "core/lang/statetemplates.h"
#include "core/lang/textedit.h"
#include "core/lang/vocabulary.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace {

struct Marked
{
    QByteArray text;
    qsizetype offset = 0;
};

Marked marked(const QByteArray &withCursor)
{
    const qsizetype at = withCursor.indexOf('|');
    Q_ASSERT(at >= 0 && withCursor.indexOf('|', at + 1) < 0);
    return {QByteArray(withCursor).remove(at, 1), at};
}

QStringList labels(const Completion &completion)
{
    QStringList list;
    for (const CompletionItem &item : completion.items)
        list << item.label;
    return list;
}

const CompletionItem *find(const Completion &completion, const QString &label)
{
    for (const CompletionItem &item : completion.items)
        if (item.label == label)
            return &item;
    return nullptr;
}

QSet<QString> toSet(const QStringList &list)
{
    return QSet<QString>(list.begin(), list.end());
}

QSet<QString> keysOf(const QJsonObject &object)
{
    return toSet(object.keys());
}

// Three states after the one being edited, so exclusions and order show.
const QByteArray Others =
    R"("Check": {"Type": "Pass", "End": true}, "Collect": {"Type": "Wait", "Seconds": 1, "End": true},
"Back": {"Type": "Fail"})";

QByteArray states(const QByteArray &first)
{
    return "{\"StartAt\": \"A\", \"States\": {\"A\": " + first + ",\n" + Others + "}}";
}

} // namespace

class TestCompletion : public QObject
{
    Q_OBJECT

private slots:
    void completeAt_data();
    void completeAt();
    void completeAt_insertsWhatTheEditorNeeds_data();
    void completeAt_insertsWhatTheEditorNeeds();
    void completeAt_brokenTextTakesNamesFromLastValid();
    void completeAt_fieldsFollowTheStateType();
    void vocabulary_matchesServiceSchema();
    void hoverHelp_data();
    void hoverHelp();
    void completeAt_isFastOnLongDefinitions();
    void completeAt_anyOffsetOfAnyPrefixIsSafe();
};

void TestCompletion::completeAt_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("replaced");
    QTest::addColumn<QStringList>("expected");
    const QStringList allButA{u"Check"_s, u"Collect"_s, u"Back"_s};
    const QStringList all = QStringList{u"A"_s} + allButA;

    QTest::newRow("StartAt, auto-closed quotes")
        << states(R"({"Type": "Pass", "End": true})").replace("\"StartAt\": \"A\"", "\"StartAt\": \"|\"")
        << QByteArray("\"\"") << all;
    QTest::newRow("Next, no quote yet: every other state")
        << states(R"({"Type": "Pass", "Next": |})") << QByteArray() << allButA;
    QTest::newRow("Next, open string: prefix, then substring")
        << states("{\"Type\": \"Pass\", \"Next\": \"c|\n}") << QByteArray("\"c")
        << QStringList{u"Check"_s, u"Collect"_s, u"Back"_s};
    QTest::newRow("Next, closing quote already there")
        << states(R"({"Type": "Pass", "Next": "Co|"})") << QByteArray("\"Co\"") << QStringList{u"Collect"_s};
    QTest::newRow("Next, cursor inside a name")
        << states(R"({"Type": "Pass", "Next": "Ba|ck"})") << QByteArray("\"Back\"") << QStringList{u"Back"_s};
    QTest::newRow("Next, case-insensitive")
        << states(R"({"Type": "Pass", "Next": "che|"})") << QByteArray("\"che\"") << QStringList{u"Check"_s};
    QTest::newRow("Next, nothing matches")
        << states(R"({"Type": "Pass", "Next": "zz|"})") << QByteArray("\"zz\"") << QStringList();
    QTest::newRow("Default of a Choice") << states(R"({"Type": "Choice", "Choices": [], "Default": "|"})")
                                         << QByteArray("\"\"") << allButA;
    QTest::newRow("Choice rule Next")
        << states(R"({"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "|"}]})")
        << QByteArray("\"\"") << allButA;
    QTest::newRow("Catch Next may retry its own state")
        << states(R"({"Type": "Action", "ActionUrl": "https://x", "End": true, "Catch": [{"Next": "|"}]})")
        << QByteArray("\"\"") << all;
    QTest::newRow("after a finished string: nothing")
        << states(R"({"Type": "Pass", "Next": "Back"|})") << QByteArray() << QStringList();
    QTest::newRow("after a value, no comma: nothing")
        << states(R"({"Type": "Pass" |})") << QByteArray() << QStringList();
    QTest::newRow("free text value: nothing")
        << states(R"({"Type": "Pass", "Comment": "he|"})") << QByteArray("\"he\"") << QStringList();

    QTest::newRow("Pass keys, auto-closed quotes")
        << states(R"({"Type": "Pass", "|"})") << QByteArray("\"\"")
        << QStringList{u"Parameters"_s, u"ResultPath"_s, u"Next"_s,     u"End"_s,
                       u"Comment"_s,    u"Result"_s,     u"InputPath"_s};
    QTest::newRow("keys typed in an open string")
        << QByteArray("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Ne|\n}}}") << QByteArray("\"Ne")
        << QStringList{u"Next"_s};
    QTest::newRow("keys present after the cursor count, Next excludes End")
        << states(R"({"Type": "Wait", "|", "Next": "Back", "Seconds": 3})") << QByteArray("\"\"")
        << QStringList{u"Comment"_s};
    QTest::newRow("Action type given after the cursor")
        << states(R"({"|", "Type": "Action", "ActionUrl": "https://x", "End": true, "Parameters": {}})")
        << QByteArray("\"\"")
        << QStringList{u"ResultPath"_s, u"Comment"_s,    u"Catch"_s, u"WaitTime"_s, u"ExceptionOnActionFailure"_s,
                       u"RunAs"_s,      u"ActionScope"_s};
    QTest::newRow("key under the cursor is not 'present'")
        << states(R"({"Type": "Fail", "Ca|": "x"})") << QByteArray("\"Ca\"") << QStringList{u"Cause"_s, u"CausePath"_s};
    QTest::newRow("bare word typed as a key")
        << states("{\"Type\": \"Choice\", Def|}") << QByteArray("Def") << QStringList{u"Default"_s};
    QTest::newRow("root keys") << QByteArray(R"({"|"})") << QByteArray("\"\"")
                               << QStringList{u"StartAt"_s, u"States"_s, u"Comment"_s};
    QTest::newRow("root keys, empty object")
        << QByteArray(R"({|})") << QByteArray() << QStringList{u"StartAt"_s, u"States"_s, u"Comment"_s};
    QTest::newRow("root keys minus present")
        << QByteArray(R"({"StartAt": "A", "|"})") << QByteArray("\"\"") << QStringList{u"States"_s, u"Comment"_s};
    QTest::newRow("state names are not proposed")
        << QByteArray(R"({"States": {"|"}})") << QByteArray("\"\"") << QStringList();
    QTest::newRow("catcher keys")
        << states(R"({"Type": "Action", "ActionUrl": "https://x", "End": true, "Catch": [{"|"}]})")
        << QByteArray("\"\"") << QStringList{u"ErrorEquals"_s, u"Next"_s, u"ResultPath"_s};
    QTest::newRow("error names") << states(R"({"Type": "Pass", "End": true, "Catch": [{"ErrorEquals": [|]}]})")
                                 << QByteArray()
                                 << QStringList{u"States.ALL"_s, u"ActionFailedException"_s, u"ActionUnableToRun"_s,
                                                u"ActionTimeout"_s};
    QTest::newRow("rule with Variable: operators, no combinators")
        << states(R"({"Type": "Choice", "Choices": [{"Variable": "$.x", "IsN|"}]})") << QByteArray("\"IsN\"")
        << QStringList{u"IsNull"_s, u"IsNumeric"_s};
    QTest::newRow("rule with an operator: only Next left")
        << states(R"({"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true, "|"}]})") << QByteArray("\"\"")
        << QStringList{u"Next"_s};
    QTest::newRow("nested rule has no Next")
        << states(R"({"Type": "Choice", "Choices": [{"Not": {"Variable": "$.x", "IsNull": true, "|"}, "Next": "B"}]})")
        << QByteArray("\"\"") << QStringList();
    QTest::newRow("combinator rule") << states(R"({"Type": "Choice", "Choices": [{"And": [], "|"}]})")
                                     << QByteArray("\"\"") << QStringList{u"Next"_s};
    QTest::newRow("Type values, prefix then substring")
        << states(R"({"Type": "P|"})") << QByteArray("\"P\"")
        << QStringList{u"Pass"_s, u"ExpressionEval"_s, u"CreateWebInput"_s, u"AwaitWebInput"_s};
    QTest::newRow("End takes true") << states(R"({"Type": "Pass", "End": t|})") << QByteArray("t")
                                    << QStringList{u"true"_s};
    QTest::newRow("ActionUrl by substring")
        << states(R"({"Type": "Action", "ActionUrl": "search|"})") << QByteArray("\"search\"")
        << QStringList{u"https://actions.globus.org/search/ingest"_s, u"https://actions.globus.org/search/delete"_s};
    QTest::newRow("Handler keys") << states(R"({"Type": "Action", "Handler": {"Type": "ActionProvider", "|"}})")
                                  << QByteArray("\"\"") << QStringList{u"Url"_s, u"Scope"_s};
    QTest::newRow("flow document: definition inside")
        << QByteArray(R"({"definition": {"StartAt": "|", "States": {"X": {"Type": "Fail"}}}, "input_schema": {}})")
        << QByteArray("\"\"") << QStringList{u"X"_s};
    QTest::newRow("flow document: not its own keys")
        << QByteArray(R"({"title": "t", "|", "definition": {"StartAt": "X"}})") << QByteArray("\"\"") << QStringList();
    QTest::newRow("braces and quotes inside strings are text")
        << QByteArray(R"({"Comment": "a \"{[\" b", "States": {"S": {"Type": "Fail"}}, "StartAt": "|"})")
        << QByteArray("\"\"") << QStringList{u"S"_s};
    QTest::newRow("unicode before the cursor, byte offsets")
        << QByteArray("{\"Comment\": \"d\xc3\xa9j\xc3\xa0 vu \xf0\x9f\x98\x80\", \"States\": {\"\xc3\x9c"
                      "ber\": "
                      "{\"Type\": \"Fail\"}}, \"StartAt\": \"\xc3\x9c|\"}")
        << QByteArray("\"\xc3\x9c\"") << QStringList{u"\u00dcber"_s};
    QTest::newRow("stray closing brackets are skipped")
        << QByteArray(R"({"States": {"S": {"Type": "Fail"}]}, ], "StartAt": "|"})") << QByteArray("\"\"")
        << QStringList{u"S"_s};
    QTest::newRow("empty text") << QByteArray("|") << QByteArray() << QStringList();
}

void TestCompletion::completeAt()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, replaced);
    QFETCH(QStringList, expected);
    const Marked m = marked(text);
    const Completion completion = DefinitionAssist::completeAt(m.text, m.offset, JsonText());
    QCOMPARE(labels(completion), expected);
    if (!expected.isEmpty()) {
        QVERIFY(completion.replaceStart <= m.offset && m.offset <= completion.replaceEnd);
        QCOMPARE(m.text.mid(completion.replaceStart, completion.replaceEnd - completion.replaceStart), replaced);
    }
}

void TestCompletion::completeAt_insertsWhatTheEditorNeeds_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QByteArray>("result");

    QTest::newRow("state name into auto-closed quotes")
        << QByteArray(R"({"States": {"B": {}}, "StartAt": "|"})") << u"B"_s
        << QByteArray(R"({"States": {"B": {}}, "StartAt": "B"})");
    QTest::newRow("state name after the colon") << QByteArray(R"({"States": {"B": {}}, "StartAt": |})") << u"B"_s
                                                << QByteArray(R"({"States": {"B": {}}, "StartAt": "B"})");
    QTest::newRow("state name needing escapes")
        << QByteArray(R"({"States": {"say \"hi\"": {}}, "StartAt": "sa|"})") << u"say \"hi\""_s
        << QByteArray(R"({"States": {"say \"hi\"": {}}, "StartAt": "say \"hi\""})");
    QTest::newRow("key with its colon") << QByteArray(R"({"StartAt": "A", "Sta|"})") << u"States"_s
                                        << QByteArray(R"({"StartAt": "A", "States": {}})");
    QTest::newRow("key whose colon is there")
        << QByteArray(R"({"Sta|": "A"})") << u"StartAt"_s << QByteArray(R"({"StartAt": "A"})");
    QTest::newRow("End comes with true") << QByteArray(R"({"States": {"A": {"Type": "Pass", "E|"}}})") << u"End"_s
                                         << QByteArray(R"({"States": {"A": {"Type": "Pass", "End": true}}})");
    QTest::newRow("Next waits for its value") << QByteArray(R"({"States": {"A": {"Type": "Pass", "N|"}}})") << u"Next"_s
                                              << QByteArray(R"({"States": {"A": {"Type": "Pass", "Next": }}})");
    QTest::newRow("open string replaced up to the cursor only")
        << QByteArray("{\"States\": {\"Bee\": {}}, \"StartAt\": \"B|, \"Comment\": \"x\"}") << u"Bee"_s
        << QByteArray("{\"States\": {\"Bee\": {}}, \"StartAt\": \"Bee\", \"Comment\": \"x\"}");
    QTest::newRow("unicode name, exact bytes")
        << QByteArray("{\"States\": {\"\xc3\x9c\": {}}, \"StartAt\": |}") << u"\u00dc"_s
        << QByteArray("{\"States\": {\"\xc3\x9c\": {}}, \"StartAt\": \"\xc3\x9c\"}");
}

void TestCompletion::completeAt_insertsWhatTheEditorNeeds()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, label);
    QFETCH(QByteArray, result);
    const Marked m = marked(text);
    const Completion completion = DefinitionAssist::completeAt(m.text, m.offset, JsonText());
    const CompletionItem *item = find(completion, label);
    QVERIFY2(item, qPrintable(labels(completion).join(u", ")));
    const TextEdit edit{completion.replaceStart, completion.replaceEnd - completion.replaceStart, item->insertText};
    QCOMPARE(applyEdits(m.text, {edit}), result);
}

void TestCompletion::completeAt_brokenTextTakesNamesFromLastValid()
{
    const QByteArray valid = R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Pass", "End": true}, "Gone": {"Type": "Fail"}}})";
    // A's closing brace is missing, so B reads as a member of A: the tolerant reader alone cannot tell
    // B is a state. "Gone" was deleted since the last valid text, so it must not come back.
    const Marked m = marked("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"|\"\n"
                            "\"B\": {\"Type\": \"Pass\", \"End\": true}}}");
    QCOMPARE(labels(DefinitionAssist::completeAt(m.text, m.offset, JsonText::parse(valid))), QStringList{u"B"_s});
    QCOMPARE(labels(DefinitionAssist::completeAt(m.text, m.offset, JsonText())), QStringList());
}

void TestCompletion::completeAt_fieldsFollowTheStateType()
{
    for (const QString &type : Vocabulary::stateTypes()) {
        const Marked m = marked("{\"States\": {\"S\": {\"Type\": \"" + type.toUtf8() + "\", |}}}");
        const Completion completion = DefinitionAssist::completeAt(m.text, m.offset, JsonText());
        QStringList expected = Vocabulary::stateFields(type);
        expected.removeAll(u"Type"_s);
        QCOMPARE(labels(completion), expected);
        for (const CompletionItem &item : completion.items) {
            QVERIFY2(!item.detail.isEmpty(), qPrintable(type + u'.' + item.label));
            QCOMPARE(item.kind, CompletionItem::Kind::Field);
        }
    }
    // Without a Type every field is offered, Type first.
    const Marked m = marked(R"({"States": {"S": {"|"}}})");
    const QStringList offered = labels(DefinitionAssist::completeAt(m.text, m.offset, JsonText()));
    QCOMPARE(offered.value(0), u"Type"_s);
    QVERIFY(offered.contains(u"ActionUrl"_s) && offered.contains(u"Choices"_s) && offered.contains(u"Seconds"_s));
}

void TestCompletion::vocabulary_matchesServiceSchema()
{
    QFile file(QStringLiteral(FLOWDECK_REFERENCE_DIR) + u"/flow_definition_schema.json"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject schema = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject definitions = schema.value("definitions"_L1).toObject();
    const auto props = [&](const char *name) {
        return keysOf(definitions.value(QLatin1StringView(name))[u"properties"_s].toObject());
    };

    const QJsonObject mapping =
        schema.value("properties"_L1)[u"States"_s][u"additionalProperties"_s][u"discriminator"_s][u"mapping"_s]
            .toObject();
    QCOMPARE(toSet(Vocabulary::stateTypes()), keysOf(mapping));
    for (const QString &type : Vocabulary::stateTypes()) {
        const QString ref = mapping.value(type).toString().section(u'/', -1);
        QCOMPARE(toSet(Vocabulary::stateFields(type)), props(ref.toLatin1().constData()));
        QCOMPARE(Vocabulary::stateFields(type).size(), toSet(Vocabulary::stateFields(type)).size()); // no repeats
    }
    QCOMPARE(toSet(Vocabulary::rootFields()), keysOf(schema.value("properties"_L1).toObject()));
    QCOMPARE(toSet(Vocabulary::catcherFields()), props("Catcher"));
    QCOMPARE(toSet(Vocabulary::choiceRuleFields(true)), props("VariableChoiceRuleRoot") + props("AndChoiceRuleRoot") +
                                                            props("OrChoiceRuleRoot") + props("NotChoiceRuleRoot"));
    QCOMPARE(toSet(Vocabulary::choiceRuleFields(false)),
             props("VariableChoiceRule") + props("AndChoiceRule") + props("OrChoiceRule") + props("NotChoiceRule"));
    QCOMPARE(toSet(Vocabulary::handlerFields(u"ActionProvider"_s)), props("ActionProviderHandler"));
    QCOMPARE(toSet(Vocabulary::handlerFields(u"RegisteredAPI"_s)), props("RegisteredAPIHandler"));
    // Every field outside states has help too (state fields: completeAt_fieldsFollowTheStateType).
    const QList<std::pair<QLatin1StringView, QStringList>> contexts{
        {Vocabulary::ChoiceRule, Vocabulary::choiceRuleFields(true)},
        {Vocabulary::Catcher, Vocabulary::catcherFields()},
        {Vocabulary::Root, Vocabulary::rootFields()},
        {Vocabulary::Handler, Vocabulary::handlerFields({})}};
    for (const auto &[context, fields] : contexts)
        for (const QString &field : fields)
            QVERIFY2(!Vocabulary::fieldHelp(context, field).isEmpty(), qPrintable(context + u'.' + field));
}

void TestCompletion::hoverHelp_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("contains"); // "" means no help at all

    QTest::newRow("Action ResultPath") << states(R"({"Type": "Action", "Result|Path": "$.r"})") << u"action's status"_s;
    QTest::newRow("Pass ResultPath") << states(R"({"Type": "Pass", "|ResultPath": "$.r"})") << u"this state's result"_s;
    QTest::newRow("ExpressionEval Parameters")
        << states(R"({"Type": "ExpressionEval", "Param|eters": {}})") << u"required"_s;
    QTest::newRow("field of an untyped state") << states(R"({"Ne|xt": "B"})") << u"run after this one"_s;
    QTest::newRow("catcher Next") << states(R"({"Type": "Pass", "Catch": [{"N|ext": "B"}]})") << u"handles the error"_s;
    QTest::newRow("operator") << states(R"({"Type": "Choice", "Choices": [{"NumericLessThanEq|ualsPath": "$.y"}]})")
                              << u"less than or equal to the number at the given path"_s;
    QTest::newRow("root StartAt") << QByteArray(R"({"Start|At": "A"})") << u"starts with"_s;
    QTest::newRow("Transfer URL")
        << states(R"({"Type": "Action", "ActionUrl": "https://transfer.actions.globus.org/tr|ansfer"})")
        << u"Transfer task"_s;
    QTest::newRow("URL with trailing slash")
        << states(R"({"Type": "Action", "ActionUrl": "https://actions.globus.org/hello_world/|"})") << u"Hello World"_s;
    QTest::newRow("handler URL")
        << states(R"({"Type": "Action", "Handler": {"Url": "https://compute.actions.globus.org/v|3"}})")
        << u"Compute"_s;
    QTest::newRow("state type value") << states(R"({"Type": "Cho|ice"})") << u"Branches"_s;
    QTest::newRow("unknown URL") << states(R"({"Type": "Action", "ActionUrl": "https://example.org/a|p"})")
                                 << QString();
    QTest::newRow("parameter names are the provider's")
        << states(R"({"Type": "Action", "Parameters": {"pa|th": 1}})") << QString();
    QTest::newRow("whitespace") << states(R"({"Type": "Pass",|  "End": true})") << QString();
    QTest::newRow("state name key") << states(R"({"Type": "Pass"})").replace("\"A\": {", "\"|A\": {") << QString();
}

void TestCompletion::hoverHelp()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, contains);
    const Marked m = marked(text);
    const QString help = DefinitionAssist::hoverHelp(m.text, m.offset);
    if (contains.isEmpty())
        QCOMPARE(help, QString());
    else
        QVERIFY2(help.contains(contains), qPrintable(help));
}

void TestCompletion::completeAt_isFastOnLongDefinitions()
{
    // 5,000 lines: 500 Action states of 10 lines each, then the cursor in the last state's Next.
    QByteArray text = "{\n\"StartAt\": \"S0\",\n\"States\": {\n";
    for (int i = 0; i < 500; ++i)
        text += "\"S" + QByteArray::number(i) +
                "\": {\n\"Type\": \"Action\",\n\"ActionUrl\": "
                "\"https://transfer.actions.globus.org/transfer\",\n\"Parameters\": {\n\"source_endpoint.$\": "
                "\"$.input.source\",\n\"DATA\": [{\"source_path\": \"/a \\\"b\\\"\"}]\n},\n\"ResultPath\": \"$.r\",\n"
                "\"Next\": \"S" +
                QByteArray::number(i + 1) + "\"\n},\n";
    text += "\"S500\": {\"Type\": \"Pass\", \"Next\": \"S49|\"}\n}\n}\n";
    QVERIFY(text.count('\n') >= 5000);
    const Marked m = marked(text);
    const JsonText lastValid = JsonText::parse(m.text);
    qint64 best = std::numeric_limits<qint64>::max();
    Completion completion;
    for (int round = 0; round < 5; ++round) {
        QElapsedTimer timer;
        timer.start();
        completion = DefinitionAssist::completeAt(m.text, m.offset, lastValid);
        DefinitionAssist::hoverHelp(m.text, m.offset - 40);
        best = std::min(best, timer.nsecsElapsed() / 1000);
    }
    // S49 and S490..S499 start with "S49"; S500 itself is left out.
    QCOMPARE(completion.items.size(), 11);
    qInfo() << "completion + hover on" << text.count('\n') << "lines:" << best << "us";
    QVERIFY2(best < 50'000, qPrintable(QString::number(best))); // catches anything quadratic
}

void TestCompletion::completeAt_anyOffsetOfAnyPrefixIsSafe()
{
    // Every prefix of a definition (as if typed from the start), asked at its end and in its middle,
    // and the whole text asked everywhere: proposals always replace a range around the cursor.
    const QByteArray full = R"({"Comment": "a \"q\" \u00e9 {[", "StartAt": "A", "States": {
  "A": {"Type": "Action", "ActionUrl": "https://actions.globus.org/hello_world", "Parameters": {"x.$": "$.y"},
        "ResultPath": "$.r", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F"}], "Next": "C"},
  "C": {"Type": "Choice", "Choices": [{"Or": [{"Variable": "$.n", "NumericGreaterThan": 1}], "Next": "A"}],
        "Default": "F"},
  "F": {"Type": "Fail", "Error": "E", "Cause": "été"}}})";
    const JsonText lastValid = JsonText::parse(full);
    QVERIFY(lastValid.isValid());
    int offered = 0;
    const auto check = [&](const QByteArray &text, qsizetype offset) {
        const Completion c = DefinitionAssist::completeAt(text, offset, lastValid);
        DefinitionAssist::hoverHelp(text, offset);
        if (c.isEmpty())
            return true;
        ++offered;
        return 0 <= c.replaceStart && c.replaceStart <= offset && offset <= c.replaceEnd && c.replaceEnd <= text.size();
    };
    for (qsizetype size = 0; size <= full.size(); ++size) {
        const QByteArray prefix = full.left(size);
        QVERIFY2(check(prefix, size) && check(prefix, size / 2), qPrintable(QString::number(size)));
    }
    for (qsizetype offset = -2; offset <= full.size() + 2; ++offset)
        QVERIFY2(check(full, std::clamp<qsizetype>(offset, 0, full.size())), qPrintable(QString::number(offset)));
    QVERIFY(offered > 100); // the walk does reach places with proposals
}

QTEST_GUILESS_MAIN(TestCompletion)
#include "tst_completion.moc"
