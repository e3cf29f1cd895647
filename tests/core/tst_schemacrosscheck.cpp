// SPDX-License-Identifier: GPL-3.0-or-later
// The cross-check of a definition against its input schema: which reads are undeclared or not
// required, which properties are unused, and that every read points at its text.
#include "core/lang/schemacrosscheck.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace {

// Wraps states into a definition, one state per line.
QByteArray flow(const QByteArray &states, const QByteArray &startAt = "A")
{
    return "{\"StartAt\": \"" + startAt + "\", \"States\": {\n" + states + "\n}}";
}

const QByteArray Schema = R"({"type": "object", "required": ["source"], "properties": {
    "source": {"type": "object"}, "size": {"type": "integer"}, "mode": {"type": "string", "default": "fast"},
    "label": {"type": "string"}, "extra": {"type": "boolean"}}})";

QStringList keys(const QList<SchemaRead> &reads)
{
    QStringList out;
    for (const SchemaRead &read : reads)
        out << read.key;
    return out;
}

QByteArray textAt(const QByteArray &text, const TextRange &range)
{
    return text.mid(range.start.offset, range.end.offset - range.start.offset);
}

// Each read's range holds the JSON string of its path or expression, quotes included.
void checkRanges(const QByteArray &text, const QList<SchemaRead> &reads)
{
    for (const SchemaRead &read : reads) {
        const QByteArray quoted = QJsonDocument(QJsonArray{read.path}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
        QCOMPARE(textAt(text, read.range), quoted);
        QVERIFY(read.range.start.line > 1); // never the first line: the states start on the second
    }
}

} // namespace

class TestSchemaCrossCheck : public QObject
{
    Q_OBJECT

private slots:
    void reads_data();
    void reads();
    void ranges_pointAtTheRead();
    void flowDocument_sameAsBareDefinition();
    void schemaWithoutProperties_everyReadUndeclared();
    void invalidText_givesNothing();
};

void TestSchemaCrossCheck::reads_data()
{
    QTest::addColumn<QByteArray>("states");
    QTest::addColumn<QStringList>("undeclared");
    QTest::addColumn<QStringList>("notRequired");
    QTest::addColumn<QStringList>("unused");
    const QStringList allButSource{u"size"_s, u"mode"_s, u"label"_s, u"extra"_s};

    QTest::newRow("parameters")
        << R"("A": {"Type": "Pass", "Parameters": {"p.$": "$.source.path", "n.$": "$.size", "m.$": "$.mode"},
               "ResultPath": "$.out", "End": true})"_ba
        << QStringList() << QStringList{u"size"_s} << QStringList{u"label"_s, u"extra"_s};
    QTest::newRow("typo is undeclared")
        << R"("A": {"Type": "Pass", "Parameters": {"p.$": "$.sourc.path"}, "ResultPath": "$.out", "End": true})"_ba
        << QStringList{u"sourc"_s} << QStringList() << QStringList{u"source"_s} + allButSource;
    QTest::newRow("nested parameters")
        << R"("A": {"Type": "Action", "ActionUrl": "urn:x", "Parameters": {"DATA": [{"path.$": "$.source.path",
               "opts": {"l.$": "$.label", "deep": [[{"z.$": "$['zz top'].a"}]]}}]}, "ResultPath": "$.r", "End": true})"_ba
        << QStringList{u"zz top"_s} << QStringList{u"label"_s} << QStringList{u"size"_s, u"mode"_s, u"extra"_s};
    QTest::newRow("constants and context are not reads")
        << R"("A": {"Type": "Pass", "Parameters": {"p": "$.ghost", "id.$": "$._context.run_id",
               "q.$": "$.source"}, "ResultPath": "$.out", "End": true})"_ba
        << QStringList() << QStringList() << allButSource;
    QTest::newRow("written before")
        << R"("A": {"Type": "Action", "ActionUrl": "urn:x", "Parameters": {"s.$": "$.source"}, "ResultPath": "$.result", "Next": "B"},
"B": {"Type": "Pass", "Parameters": {"x.$": "$.result.details"}, "ResultPath": "$.out", "Next": "C"},
"C": {"Type": "Pass", "Parameters": {"y.$": "$.out.x"}, "ResultPath": "$.final", "End": true})"_ba
        << QStringList() << QStringList() << allButSource;
    QTest::newRow("read before the write")
        << R"("A": {"Type": "Pass", "Parameters": {"x.$": "$.result", "s.$": "$.source"}, "ResultPath": "$.first", "Next": "B"},
"B": {"Type": "Action", "ActionUrl": "urn:x", "Parameters": {}, "ResultPath": "$.result", "End": true})"_ba
        << QStringList{u"result"_s} << QStringList() << allButSource;
    QTest::newRow("catch result only on the catch path")
        << R"("A": {"Type": "Action", "ActionUrl": "urn:x", "Parameters": {"s.$": "$.source"}, "ResultPath": "$.r",
               "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "Handle"}], "Next": "Done"},
"Handle": {"Type": "Fail", "CausePath": "$.err.Cause", "ErrorPath": "$.err.Error"},
"Done": {"Type": "Pass", "Parameters": {"e.$": "$.err"}, "ResultPath": "$.out", "End": true})"_ba
        << QStringList{u"err"_s} << QStringList() << allButSource;
    QTest::newRow("loop writes before the next round")
        << R"("A": {"Type": "Choice", "Choices": [{"Variable": "$.count", "NumericGreaterThan": 3, "Next": "Done"}],
               "Default": "B"},
"B": {"Type": "Pass", "Parameters": {"s.$": "$.source"}, "ResultPath": "$.count", "Next": "A"},
"Done": {"Type": "Succeed"})"_ba
        << QStringList() << QStringList() << allButSource;
    QTest::newRow("whole state replaced")
        << R"("A": {"Type": "Pass", "Parameters": {"s.$": "$.source", "u.$": "$.unknown1"}, "ResultPath": "$.x", "Next": "B"},
"B": {"Type": "Action", "ActionUrl": "urn:x", "Parameters": {}, "Next": "C"},
"C": {"Type": "Pass", "Parameters": {"u.$": "$.unknown2", "z.$": "$.size"}, "ResultPath": "$.y", "End": true})"_ba
        << QStringList{u"unknown1"_s} << QStringList() << QStringList{u"mode"_s, u"label"_s, u"extra"_s};
    QTest::newRow("ResultPath $ replaces too")
        << R"("A": {"Type": "Pass", "Result": {}, "ResultPath": "$", "Next": "B"},
"B": {"Type": "Pass", "Parameters": {"u.$": "$.anything"}, "ResultPath": "$.y", "End": true})"_ba
        << QStringList() << QStringList() << QStringList{u"source"_s} + allButSource;
    QTest::newRow("choice rules") << R"("A": {"Type": "Choice", "Choices": [
    {"Variable": "$.mode", "StringEquals": "x", "Next": "B"},
    {"And": [{"Variable": "$.label", "IsPresent": true}, {"Not": {"Variable": "$.labl", "StringEquals": "y"}}], "Next": "B"},
    {"Or": [{"Variable": "$.size", "NumericEqualsPath": "$.limit"}, {"Variable": "$.source.n", "NumericEquals": 1}], "Next": "B"}],
  "Default": "B"},
"B": {"Type": "Succeed"})"_ba << QStringList{u"labl"_s, u"limit"_s}
                                  << QStringList{u"size"_s} << QStringList{u"extra"_s};
    QTest::newRow("wait and input path") << R"("A": {"Type": "Wait", "SecondsPath": "$.size", "Next": "B"},
"B": {"Type": "Wait", "TimestampPath": "$.when", "Next": "C"},
"C": {"Type": "Action", "ActionUrl": "urn:x", "InputPath": "$.source", "ResultPath": "$.r", "End": true})"_ba
                                         << QStringList{u"when"_s} << QStringList{u"size"_s}
                                         << QStringList{u"mode"_s, u"label"_s, u"extra"_s};
    QTest::newRow("expressions") << R"("A": {"Type": "ExpressionEval", "Parameters": {
    "a.=": "source.path + '/' + label.upper() if is_present('label') else source.path",
    "b.=": "missing_key + size", "c.=": "`$.notaname` + 'x'"}, "ResultPath": "$.out", "End": true})"_ba
                                 << QStringList{u"missing_key"_s} << QStringList{u"size"_s}
                                 << QStringList{u"mode"_s, u"extra"_s};
    QTest::newRow("keys named as text in expressions")
        << R"json("A": {"Type": "ExpressionEval", "Parameters": {"a.=": "is_present('mode.deep')",
    "b.=": "`$.extra` + 1", "c.=": "getattr('$.ghost', 1) + getattr('label', 2)", "s.=": "source"},
  "ResultPath": "$.out", "End": true})json"_ba
        << QStringList() << QStringList() << QStringList{u"size"_s};
    QTest::newRow("whole input passed on")
        << R"("A": {"Type": "Pass", "Parameters": {"all.$": "$", "n.$": "$.nope"}, "ResultPath": "$.out", "End": true})"_ba
        << QStringList{u"nope"_s} << QStringList() << QStringList();
    QTest::newRow("invalid paths are the validator's business")
        << R"("A": {"Type": "Pass", "Parameters": {"a.$": "source", "b.$": 3, "c.=": "1 +", "d.$": "$$.x"},
               "ResultPath": "$.out", "End": true})"_ba
        << QStringList() << QStringList() << QStringList{u"source"_s} + allButSource;
    QTest::newRow("every read listed")
        << R"("A": {"Type": "Pass", "Parameters": {"a.$": "$.size", "b.$": "$.size.x", "c.$": "$.ghost",
               "d.$": "$.ghost"}, "ResultPath": "$.out", "End": true})"_ba
        << QStringList{u"ghost"_s, u"ghost"_s} << QStringList{u"size"_s, u"size"_s}
        << QStringList{u"source"_s, u"mode"_s, u"label"_s, u"extra"_s};
}

void TestSchemaCrossCheck::reads()
{
    QFETCH(QByteArray, states);
    QFETCH(QStringList, undeclared);
    QFETCH(QStringList, notRequired);
    QFETCH(QStringList, unused);
    const QByteArray text = flow(states);
    const JsonText definition = JsonText::parse(text);
    QVERIFY(definition.isValid());
    const SchemaCrossCheck result = crossCheck(definition, JsonText::parse(Schema));
    QCOMPARE(keys(result.undeclared), undeclared);
    QCOMPARE(keys(result.notRequired), notRequired);
    QCOMPARE(result.unused, unused);
    checkRanges(text, result.undeclared);
    checkRanges(text, result.notRequired);
    QCOMPARE(result.isEmpty(), undeclared.isEmpty() && notRequired.isEmpty() && unused.isEmpty());
}

void TestSchemaCrossCheck::ranges_pointAtTheRead()
{
    const QByteArray text = "{\"StartAt\": \"A\", \"States\": {\n"
                            "  \"A\": {\"Type\": \"Pass\", \"Parameters\": {\n"
                            "    \"é.$\": \"$.size\",\n"
                            "    \"x.=\": \"ghost * 2\"},\n"
                            "    \"ResultPath\": \"$.out\", \"End\": true}}}";
    const SchemaCrossCheck result = crossCheck(JsonText::parse(text), JsonText::parse(Schema));
    QCOMPARE(result.notRequired.size(), 1);
    const SchemaRead size = result.notRequired.first();
    QCOMPARE(size.key, u"size"_s);
    QCOMPARE(size.path, u"$.size"_s);
    QCOMPARE(textAt(text, size.range), "\"$.size\""_ba);
    QCOMPARE(size.range.start.line, 3);
    QCOMPARE(size.range.start.column, 12); // counted in characters: "é" is one
    QCOMPARE(result.undeclared.size(), 1);
    const SchemaRead ghost = result.undeclared.first();
    QCOMPARE(ghost.key, u"ghost"_s);
    QCOMPARE(ghost.path, u"ghost * 2"_s);
    QCOMPARE(textAt(text, ghost.range), "\"ghost * 2\""_ba);
    QCOMPARE(ghost.range.start.line, 4);
}

void TestSchemaCrossCheck::flowDocument_sameAsBareDefinition()
{
    const QByteArray states =
        R"("A": {"Type": "Pass", "Parameters": {"a.$": "$.size", "b.$": "$.ghost"}, "ResultPath": "$.o", "End": true})";
    const QByteArray document =
        "{\"title\": \"t\", \"input_schema\": " + Schema + ",\n\"definition\": " + flow(states) + "}";
    const SchemaCrossCheck bare = crossCheck(JsonText::parse(flow(states)), JsonText::parse(Schema));
    const SchemaCrossCheck wrapped = crossCheck(JsonText::parse(document), JsonText::parse(Schema));
    QCOMPARE(keys(wrapped.undeclared), QStringList{u"ghost"_s});
    QCOMPARE(keys(wrapped.undeclared), keys(bare.undeclared));
    QCOMPARE(keys(wrapped.notRequired), keys(bare.notRequired));
    QCOMPARE(wrapped.unused, bare.unused);
    // The ranges are in the document's text, not the bare definition's.
    QCOMPARE(textAt(document, wrapped.undeclared.first().range), "\"$.ghost\""_ba);
    QVERIFY(wrapped.undeclared.first().range.start.offset > document.indexOf("\"definition\""));
}

void TestSchemaCrossCheck::schemaWithoutProperties_everyReadUndeclared()
{
    const QByteArray states = R"("A": {"Type": "Pass", "Parameters": {"a.$": "$.size", "b.=": "n + 1"},
        "ResultPath": "$.o", "Next": "B"}, "B": {"Type": "Pass", "Parameters": {"c.$": "$.o"}, "ResultPath": "$.p", "End": true})";
    const SchemaCrossCheck result = crossCheck(JsonText::parse(flow(states)), JsonText::parse(R"({"type": "object"})"));
    QCOMPARE(keys(result.undeclared), (QStringList{u"size"_s, u"n"_s}));
    QVERIFY(result.notRequired.isEmpty());
    QVERIFY(result.unused.isEmpty());
}

void TestSchemaCrossCheck::invalidText_givesNothing()
{
    const QByteArray states =
        R"("A": {"Type": "Pass", "Parameters": {"a.$": "$.ghost"}, "ResultPath": "$.o", "End": true})";
    QVERIFY(crossCheck(JsonText::parse(flow(states)), JsonText::parse("{\"properties\": ")).isEmpty());
    QVERIFY(crossCheck(JsonText::parse(flow(states) + ","), JsonText::parse(Schema)).isEmpty());
    QVERIFY(crossCheck(JsonText::parse("{\"States\": []}"), JsonText::parse(Schema)).isEmpty());
    QVERIFY(!crossCheck(JsonText::parse(flow(states)), JsonText::parse(Schema)).isEmpty());
}

QTEST_GUILESS_MAIN(TestSchemaCrossCheck)
#include "tst_schemacrosscheck.moc"
