// SPDX-License-Identifier: GPL-3.0-or-later
// Graph edits and quick fixes rewrite only the affected JSON text: every case compares bytes.
#include "core/lang/definitionvalidator.h"
#include "core/lang/flowedit.h"
#include "core/lang/jsonedit.h"
#include "core/lang/quickfix.h"
#include "textcases.h"

#include <QJsonDocument>
#include <QTest>

#include <algorithm>

using namespace Flowdeck::Core::Lang;
using namespace Flowdeck::Tests;
using namespace Qt::StringLiterals;

namespace {

const QByteArray Flow = lines({
    "{",
    "  \"Comment\": \"Grüße, 1.50\",",
    "  \"StartAt\": \"A\",",
    "  \"States\": {",
    "    \"A\": {",
    "      \"Type\": \"Pass\",",
    "      \"Result\": {\"n\": 1.50},",
    "      \"Next\": \"B\"",
    "    },",
    "    \"B\": {",
    "      \"Type\": \"Choice\",",
    "      \"Choices\": [",
    "        {\"Variable\": \"$.n\", \"NumericEquals\": 1, \"Next\": \"C\"}",
    "      ],",
    "      \"Default\": \"C\"",
    "    },",
    "    \"C\": {",
    "      \"Type\": \"Action\",",
    "      \"ActionUrl\": \"https://actions.globus.org/hello_world\",",
    "      \"Parameters\": {\"echo_string\": \"hi\"},",
    "      \"ResultPath\": \"$.greeting\",",
    "      \"Catch\": [",
    "        {\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"D\"}",
    "      ],",
    "      \"End\": true",
    "    },",
    "    \"D\": {",
    "      \"Type\": \"Fail\"",
    "    }",
    "  }",
    "}",
});

QByteArray apply(const QByteArray &text, const TextChange &change)
{
    return applyEdits(text, change.edits);
}

QList<Diagnostic> diagnostics(const QByteArray &text, const QString &code)
{
    QList<Diagnostic> found = DefinitionValidator::validate(text);
    found.removeIf([&](const Diagnostic &d) { return d.code != code; });
    return found;
}

} // namespace

class TestFlowEdit : public QObject
{
    Q_OBJECT

private slots:
    void style_detected()
    {
        const JsonEdit::Style two = JsonEdit::detectStyle(JsonText::parse(Flow));
        QCOMPARE(two.indentUnit, "  "_ba);
        QCOMPARE(two.newline, "\n"_ba);
        QCOMPARE(two.colon, ": "_ba);
        const JsonEdit::Style other = JsonEdit::detectStyle(JsonText::parse("{\r\n\t\"a\" : 1\r\n}"));
        QCOMPARE(other.indentUnit, "\t"_ba);
        QCOMPARE(other.newline, "\r\n"_ba);
        QCOMPARE(other.colon, " : "_ba);
    }

    void serialize_ordersStateKeys()
    {
        const QJsonObject state{{u"Next"_s, u"X"_s},
                                {u"Parameters"_s, QJsonObject{{u"a.$"_s, u"$.a"_s}}},
                                {u"Type"_s, u"Action"_s},
                                {u"Catch"_s, QJsonArray{}}};
        QCOMPARE(JsonEdit::serialize(state, JsonEdit::Style{}, "  "),
                 "{\n    \"Type\": \"Action\",\n    \"Parameters\": {\n      \"a.$\": \"$.a\"\n    },\n"
                 "    \"Catch\": [],\n    \"Next\": \"X\"\n  }"_ba);
    }

    void remove_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QJsonArray>("path");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("first") << "{\n  \"a\": 1,\n  \"b\": 2\n}"_ba << QJsonArray{u"a"_s} << "{\n  \"b\": 2\n}"_ba;
        QTest::newRow("last") << "{\n  \"a\": 1,\n  \"b\": 2\n}"_ba << QJsonArray{u"b"_s} << "{\n  \"a\": 1\n}"_ba;
        QTest::newRow("middle") << "{\"a\": 1, \"b\": [2], \"c\": 3}"_ba << QJsonArray{u"b"_s}
                                << "{\"a\": 1, \"c\": 3}"_ba;
        QTest::newRow("only") << "{ \"a\": {\"x\": 1} }"_ba << QJsonArray{u"a"_s, u"x"_s} << "{ \"a\": {} }"_ba;
        QTest::newRow("element") << "[1, 2.50, 3]"_ba << QJsonArray{1} << "[1, 3]"_ba;
    }
    void remove()
    {
        QFETCH(QByteArray, text);
        QFETCH(QJsonArray, path);
        QFETCH(QByteArray, expected);
        const auto edit = JsonEdit::remove(JsonText::parse(text), path);
        QVERIFY(edit);
        QCOMPARE(applyEdits(text, {*edit}), expected);
    }

    void insertMember_keepsTheLayout_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QJsonArray>("object");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("lines") << "{\n    \"a\": 1\n}"_ba << QJsonArray{}
                               << "{\n    \"a\": 1,\n    \"k\": [\"v\"]\n}"_ba;
        QTest::newRow("inline") << "{\n  \"o\": {\"a\": 1}\n}"_ba << QJsonArray{u"o"_s}
                                << "{\n  \"o\": {\"a\": 1, \"k\": [\"v\"]}\n}"_ba;
        QTest::newRow("empty") << "{\n  \"o\": {}\n}"_ba << QJsonArray{u"o"_s}
                               << "{\n  \"o\": {\n    \"k\": [\"v\"]\n  }\n}"_ba;
        QTest::newRow("one line") << "{}"_ba << QJsonArray{} << "{\"k\": [\"v\"]}"_ba;
        QTest::newRow("crlf tabs") << "{\r\n\t\"a\": 1\r\n}"_ba << QJsonArray{}
                                   << "{\r\n\t\"a\": 1,\r\n\t\"k\": [\"v\"]\r\n}"_ba;
    }
    void insertMember_keepsTheLayout()
    {
        QFETCH(QByteArray, text);
        QFETCH(QJsonArray, object);
        QFETCH(QByteArray, expected);
        const auto edit = JsonEdit::insertMember(JsonText::parse(text), object, u"k"_s, QJsonArray{u"v"_s});
        QVERIFY(edit);
        QCOMPARE(applyEdits(text, {*edit}), expected);
        QVERIFY(!JsonEdit::insertMember(JsonText::parse(expected), object, u"k"_s, 1)); // no duplicate keys
    }

    void renameState_followsEveryReference()
    {
        QString error;
        const TextChange change = FlowEdit::renameState(JsonText::parse(Flow), u"C"_s, u"Say hello"_s, &error);
        QVERIFY2(!change.isEmpty(), qPrintable(error));
        QCOMPARE(apply(Flow, change), patched(Flow, {{"\"Next\": \"C\"}", "\"Next\": \"Say hello\"}"},
                                                     {"\"Default\": \"C\"", "\"Default\": \"Say hello\""},
                                                     {"\"C\": {", "\"Say hello\": {"}}));
        const QByteArray startRenamed = apply(Flow, FlowEdit::renameState(JsonText::parse(Flow), u"A"_s, u"First"_s));
        QCOMPARE(startRenamed,
                 patched(Flow, {{"\"StartAt\": \"A\"", "\"StartAt\": \"First\""}, {"\"A\": {", "\"First\": {"}}));
        QVERIFY(FlowEdit::renameState(JsonText::parse(Flow), u"C"_s, u"D"_s, &error).isEmpty());
        QVERIFY(error.contains(u"already"_s));
    }

    void renameState_inAFlowDocument()
    {
        const QByteArray document = "{\"definition\": {\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", "
                                    "\"Next\": \"A\"}}}, \"input_schema\": {}}";
        QCOMPARE(apply(document, FlowEdit::renameState(JsonText::parse(document), u"A"_s, u"B"_s)),
                 "{\"definition\": {\"StartAt\": \"B\", \"States\": {\"B\": {\"Type\": \"Pass\", \"Next\": \"B\"}}}, "
                 "\"input_schema\": {}}"_ba);
    }

    void deleteState_endsPredecessorsAndDropsCatchers()
    {
        const QByteArray afterD = apply(Flow, FlowEdit::deleteState(JsonText::parse(Flow), u"D"_s));
        QCOMPARE(afterD, patched(Flow, {{",\n      \"Catch\": [\n        {\"ErrorEquals\": [\"States.ALL\"], \"Next\": "
                                         "\"D\"}\n      ]",
                                         ""},
                                        {",\n    \"D\": {\n      \"Type\": \"Fail\"\n    }", ""}}));
        const QByteArray afterB = apply(Flow, FlowEdit::deleteState(JsonText::parse(Flow), u"B"_s));
        QCOMPARE(afterB, patched(Flow, {{"\"Next\": \"B\"", "\"End\": true"},
                                        {"\"B\": {\n      \"Type\": \"Choice\",\n      \"Choices\": [\n        "
                                         "{\"Variable\": \"$.n\", \"NumericEquals\": 1, \"Next\": \"C\"}\n      ],\n"
                                         "      \"Default\": \"C\"\n    },\n    ",
                                         ""}}));
        QVERIFY(JsonText::parse(afterB).isValid());
        // C is named by B's rule and Default: the Default goes, the rule stays for the author to decide.
        const QByteArray afterC = apply(Flow, FlowEdit::deleteState(JsonText::parse(Flow), u"C"_s));
        QVERIFY(JsonText::parse(afterC).isValid());
        QVERIFY(!afterC.contains("\"Default\""));
        QCOMPARE(diagnostics(afterC, u"FD201"_s).size(), 1);
    }

    void deleteState_neverMakesOverlappingEdits()
    {
        // One state names the deleted one three ways: as Next, Default-like and in every catcher.
        const QByteArray text = lines({
            "{\"StartAt\": \"A\", \"States\": {",
            "  \"A\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.x\", \"IsPresent\": true, "
            "\"Next\": \"B\"}], \"Default\": \"Gone\", \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": "
            "\"Gone\"}]},",
            "  \"B\": {\"Type\": \"Pass\", \"Next\": \"Gone\", \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], "
            "\"Next\": \"Gone\"}, {\"ErrorEquals\": [\"X\"], \"Next\": \"Gone\"}]},",
            "  \"Gone\": {\"Type\": \"Pass\", \"End\": true}",
            "}}",
        });
        const TextChange change = FlowEdit::deleteState(JsonText::parse(text), u"Gone"_s);
        QList<TextEdit> edits = change.edits;
        std::sort(edits.begin(), edits.end(), [](const TextEdit &a, const TextEdit &b) { return a.offset < b.offset; });
        for (qsizetype i = 1; i < edits.size(); ++i)
            QVERIFY(edits.at(i - 1).offset + edits.at(i - 1).length <= edits.at(i).offset);
        const JsonText after = JsonText::parse(applyEdits(text, change.edits));
        QVERIFY(after.isValid());
        const QJsonObject states = after.value().toObject().value("States"_L1).toObject();
        QVERIFY(!states.contains("Gone"_L1));
        QVERIFY(!states.value("A"_L1).toObject().contains("Default"_L1));
        QVERIFY(!states.value("A"_L1).toObject().contains("Catch"_L1));
        QCOMPARE(states.value("B"_L1).toObject(), (QJsonObject{{u"Type"_s, u"Pass"_s}, {u"End"_s, true}}));
    }

    void addState_betweenTwoStates()
    {
        const QJsonObject wait{{u"Type"_s, u"Wait"_s}, {u"Seconds"_s, 5}};
        const QByteArray after = apply(Flow, FlowEdit::addState(JsonText::parse(Flow), u"Pause"_s, wait, u"A"_s));
        QCOMPARE(after,
                 patched(Flow, {{"      \"Next\": \"B\"\n    },",
                                 "      \"Next\": \"Pause\"\n    },\n    \"Pause\": {\n      \"Type\": \"Wait\",\n"
                                 "      \"Seconds\": 5,\n      \"Next\": \"B\"\n    },"}}));
        QVERIFY(DefinitionValidator::validate(after).isEmpty());
        // After a state that ends: the new one ends instead.
        const QByteArray afterC = apply(
            Flow, FlowEdit::addState(JsonText::parse(Flow), u"Tidy"_s, QJsonObject{{u"Type"_s, u"Pass"_s}}, u"C"_s));
        QVERIFY(afterC.contains("\"Catch\": [\n        {\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"D\"}\n      ],\n"
                                "      \"Next\": \"Tidy\"\n    },\n    \"Tidy\": {\n      \"Type\": \"Pass\",\n"
                                "      \"End\": true\n    },"));
        QVERIFY(DefinitionValidator::validate(afterC).isEmpty());
        QString error;
        QVERIFY(FlowEdit::addState(JsonText::parse(Flow), u"X"_s, {}, u"D"_s, &error).isEmpty()); // after a Fail
        QVERIFY(!error.isEmpty());
        QCOMPARE(FlowEdit::uniqueStateName(JsonText::parse(Flow), u"A"_s), u"A2"_s);
    }

    void connect_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("index");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("next replaces End")
            << u"C"_s << int(EdgeKind::Next) << -1 << patched(Flow, {{"\"End\": true", "\"Next\": \"A\""}});
        QTest::newRow("next retargets") << u"A"_s << int(EdgeKind::Next) << -1
                                        << patched(Flow, {{"\"Next\": \"B\"", "\"Next\": \"A\""}});
        QTest::newRow("choice default") << u"B"_s << int(EdgeKind::Next) << -1
                                        << patched(Flow, {{"\"Default\": \"C\"", "\"Default\": \"A\""}});
        QTest::newRow("choice rule") << u"B"_s << int(EdgeKind::ChoiceRule) << 0
                                     << patched(Flow, {{"1, \"Next\": \"C\"", "1, \"Next\": \"A\""}});
        QTest::newRow("catch retarget") << u"C"_s << int(EdgeKind::Catch) << 0
                                        << patched(Flow, {{"\"Next\": \"D\"", "\"Next\": \"A\""}});
        QTest::newRow("catch added") << u"C"_s << int(EdgeKind::Catch) << -1
                                     << patched(Flow,
                                                {{"\"Next\": \"D\"}",
                                                  "\"Next\": \"D\"},\n        {\"ErrorEquals\": [\"States.ALL\"], "
                                                  "\"Next\": \"A\"}"}});
        QTest::newRow("first catch") << u"A"_s << int(EdgeKind::Catch) << -1
                                     << patched(Flow,
                                                {{"\"Next\": \"B\"\n",
                                                  "\"Next\": \"B\",\n      \"Catch\": [\n        {\n          "
                                                  "\"ErrorEquals\": [\"States.ALL\"],\n          \"Next\": \"A\"\n"
                                                  "        }\n      ]\n"}});
    }
    void connect()
    {
        QFETCH(QString, from);
        QFETCH(int, kind);
        QFETCH(int, index);
        QFETCH(QByteArray, expected);
        QString error;
        const TextChange change = FlowEdit::connect(JsonText::parse(Flow), from, EdgeKind(kind), index, u"A"_s, &error);
        QVERIFY2(!change.isEmpty(), qPrintable(error));
        QCOMPARE(apply(Flow, change), expected);
    }

    void quickFix_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("fix");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray pathAsText = patched(Flow, {{"\"echo_string\": \"hi\"", "\"echo_string\": \"$.name\""}});
        QTest::newRow("FD300 .$") << pathAsText << u"FD300"_s << 0
                                  << patched(pathAsText, {{"\"echo_string\"", "\"echo_string.$\""}});
        const QByteArray noEnd = patched(Flow, {{",\n      \"End\": true", ""}});
        QTest::newRow("FD120 End") << noEnd << u"FD120"_s << 0 << Flow;
        const QByteArray both = patched(Flow, {{"\"Next\": \"B\"", "\"Next\": \"B\",\n      \"End\": true"}});
        QTest::newRow("FD120 both") << both << u"FD120"_s << 0 << Flow;
        const QByteArray retired =
            patched(Flow, {{"https://actions.globus.org/hello_world", "https://actions.globus.org/transfer/transfer"},
                           {"{\"echo_string\": \"hi\"}",
                            "{\"source_endpoint_id.$\": \"$.src\", \"destination_endpoint_id.$\": \"$.dst\", "
                            "\"transfer_items.$\": \"$.items\", \"label\": \"x\"}"}});
        QTest::newRow("FD301 transfer") << retired << u"FD301"_s << 0
                                        << patched(retired, {{"https://actions.globus.org/transfer/transfer",
                                                              "https://transfer.actions.globus.org/transfer"},
                                                             {"source_endpoint_id.$", "source_endpoint.$"},
                                                             {"destination_endpoint_id.$", "destination_endpoint.$"},
                                                             {"transfer_items.$", "DATA.$"}});
        const QByteArray typo = patched(Flow, {{"\"Next\": \"B\"", "\"Next\": \"b\""}});
        QTest::newRow("FD201 suggestion") << typo << u"FD201"_s << 0 << Flow;
        const QByteArray missing = patched(Flow, {{"\"Next\": \"B\"", "\"Next\": \"Tidy up\""}});
        QTest::newRow("FD201 create")
            << missing << u"FD201"_s << 0
            << patched(missing, {{"\"Type\": \"Fail\"\n    }",
                                  "\"Type\": \"Fail\"\n    },\n    \"Tidy up\": {\n      \"Type\": \"Pass\",\n"
                                  "      \"End\": true\n    }"}});
    }
    void quickFix()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, code);
        QFETCH(int, fix);
        QFETCH(QByteArray, expected);
        const QList<Diagnostic> found = diagnostics(text, code);
        QVERIFY2(!found.isEmpty(), qPrintable(code));
        const QList<TextChange> fixes = quickFixes(JsonText::parse(text), found.first());
        QVERIFY(fixes.size() > fix);
        QVERIFY(!fixes.at(fix).title.isEmpty());
        const QByteArray fixed = apply(text, fixes.at(fix));
        QCOMPARE(fixed, expected);
        QVERIFY(diagnostics(fixed, code).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFlowEdit)
#include "tst_flowedit.moc"
