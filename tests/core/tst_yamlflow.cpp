// SPDX-License-Identifier: GPL-3.0-or-later
// YAML <-> JSON for flow definitions: round trips over real definitions, the core schema's types,
// key order, errors at their place, aliases, block scalars and Unicode.
#include "core/lang/jsontext.h"
#include "core/lang/yamlflow.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace {

QJsonValue jsonValue(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson("[" + json + "]", &error);
    if (error.error != QJsonParseError::NoError)
        qWarning().noquote() << "not JSON:" << error.errorString() << json;
    return document.array().at(0);
}

// Every member name in text order, depth first, with its nesting: what "keeps the key order" means.
void collectKeys(const JsonNode &node, const QString &prefix, QStringList *keys)
{
    if (node.isObject()) {
        for (const JsonNode member : node) {
            keys->append(prefix + u'/' + member.key());
            collectKeys(member, prefix + u'/' + member.key(), keys);
        }
    } else if (node.isArray()) {
        for (qsizetype i = 0; i < node.size(); ++i)
            collectKeys(node.at(i), prefix + u'/' + QString::number(i), keys);
    }
}

QStringList keysInOrder(const QByteArray &json)
{
    QStringList keys;
    collectKeys(JsonText::parse(json).root(), QString(), &keys);
    return keys;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Strings that a careless writer would let read back as something else.
// clang-format off
const QStringList TrickyStrings = {
    u"true"_s, u"False"_s, u"1.5"_s, u"null"_s, u""_s, u"~"_s, u"yes"_s, u"off"_s, u"- a"_s, u"-x"_s, u"a: b"_s,
    u"a #b"_s, u"#c"_s, u"key:"_s, u" lead"_s, u"trail "_s, u"[x]"_s, u"{x}"_s, u"a, b"_s, u"a]"_s, u"a}"_s, u"*a"_s,
    u"&a"_s, u"!t"_s, u"|"_s, u">"_s, u"'"_s, u"\""_s, u"%"_s, u"@"_s, u"`"_s, u"?x"_s, u"<<"_s, u":x"_s, u"x:y"_s,
    u"0x1F"_s, u"0o17"_s, u".inf"_s, u"-.Inf"_s, u".nan"_s, u"1e3"_s, u"+1"_s, u"007"_s, u"-0"_s, u".5"_s, u"1."_s,
    u"---"_s, u"..."_s, u"a\nb"_s, u"a\n"_s, u"a\n\n"_s, u"\n"_s, u"\na"_s, u"a\r\nb"_s, u"a\tb"_s, u"\t"_s,
    u"a\n  b"_s, u"a\n \nb"_s, u"a\n\tb"_s, u"a\nb \n"_s, u"x\u2028y"_s, u"\u0001"_s, u"\u0085"_s, u"é"_s, u"日本語"_s,
    u"😀 ok"_s, u"a\\b"_s, u"http://a:b/c"_s, u"$.States['a b'][0]"_s, u"$.source.path"_s,
    u"x if is_present('x') else 'y'"_s};
// clang-format on

} // namespace

class TestYamlFlow : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_realDefinitions_data();
    void roundTrip_realDefinitions();
    void yamlToJson_exactText();
    void jsonToYaml_exactText();
    void scalars_data();
    void scalars();
    void trickyStrings_roundTrip_data();
    void trickyStrings_roundTrip();
    void numbers_keepJsonSpelling();
    void errors_data();
    void errors();
    void aliases_resolved();
    void blockScalars_data();
    void blockScalars();
    void multiLine_writtenAsLiteralBlock();
    void unicode_keptAsUtf8();
    void emptyContainers();
    void invalidJson_reported();
};

void TestYamlFlow::roundTrip_realDefinitions_data()
{
    QTest::addColumn<QString>("path");
    const QDir definitions(QStringLiteral(FLOWDECK_SOURCE_DIR "/tests/data/definitions/valid"));
    const QDir samples(QStringLiteral(FLOWDECK_SOURCE_DIR "/resources/samples"));
    for (const QDir &dir : {definitions, samples})
        for (const QString &name : dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(dir.dirName() + u'/' + name)) << dir.filePath(name);
    QVERIFY(definitions.entryList({u"*.json"_s}).size() > 10);
    QVERIFY(samples.entryList({u"*.json"_s}).size() >= 6);
}

void TestYamlFlow::roundTrip_realDefinitions()
{
    QFETCH(QString, path);
    const QByteArray json = readFile(path);
    QVERIFY(!json.isEmpty());
    QString writeError;
    const auto yaml = jsonToYaml(json, &writeError);
    QVERIFY2(yaml, qPrintable(writeError));
    QVERIFY(!yaml->trimmed().startsWith('{')); // block style, not JSON in disguise
    YamlError readError;
    const auto back = yamlToJson(*yaml, &readError);
    QVERIFY2(back, qPrintable(u"%1:%2: %3\n"_s.arg(readError.line).arg(readError.column).arg(readError.message) +
                              QString::fromUtf8(*yaml)));
    QCOMPARE(jsonValue(*back), jsonValue(json));
    QCOMPARE(keysInOrder(*back), keysInOrder(json));
    // A second trip changes nothing: the YAML text is stable.
    QCOMPARE(jsonToYaml(*back), yaml);
}

void TestYamlFlow::yamlToJson_exactText()
{
    const QByteArray yaml = "StartAt: Zeta\n"
                            "States:\n"
                            "  Zeta:\n"
                            "    Type: Pass\n"
                            "    Parameters:\n"
                            "      b.$: $.b\n"
                            "      a: [1, 'two', \"3\"]\n"
                            "    End: true\n"
                            "  Alpha: {Type: Succeed}\n"
                            "Comment: ~\n";
    const QByteArray expected = "{\n"
                                "  \"StartAt\": \"Zeta\",\n"
                                "  \"States\": {\n"
                                "    \"Zeta\": {\n"
                                "      \"Type\": \"Pass\",\n"
                                "      \"Parameters\": {\n"
                                "        \"b.$\": \"$.b\",\n"
                                "        \"a\": [\n"
                                "          1,\n"
                                "          \"two\",\n"
                                "          \"3\"\n"
                                "        ]\n"
                                "      },\n"
                                "      \"End\": true\n"
                                "    },\n"
                                "    \"Alpha\": {\n"
                                "      \"Type\": \"Succeed\"\n"
                                "    }\n"
                                "  },\n"
                                "  \"Comment\": null\n"
                                "}\n";
    QCOMPARE(yamlToJson(yaml).value_or("(failed)"), expected);
}

void TestYamlFlow::jsonToYaml_exactText()
{
    const QByteArray json = R"({"StartAt": "Zeta", "States": {"Zeta": {"Type": "Pass", "Parameters":
        {"b.$": "$.b", "list": [1, "true", {"k": null, "j": [[1, 2], []]}], "empty": {}}, "End": true},
        "Alpha": {"Type": "Fail", "Cause": "a: b\nsecond line"}}})";
    const QByteArray expected = "StartAt: Zeta\n"
                                "States:\n"
                                "  Zeta:\n"
                                "    Type: Pass\n"
                                "    Parameters:\n"
                                "      b.$: $.b\n"
                                "      list:\n"
                                "        - 1\n"
                                "        - \"true\"\n"
                                "        - k: null\n"
                                "          j:\n"
                                "            - - 1\n"
                                "              - 2\n"
                                "            - []\n"
                                "      empty: {}\n"
                                "    End: true\n"
                                "  Alpha:\n"
                                "    Type: Fail\n"
                                "    Cause: |-\n"
                                "      a: b\n"
                                "      second line\n";
    QCOMPARE(jsonToYaml(json).value_or("(failed)"), expected);
    QCOMPARE(jsonValue(yamlToJson(expected).value_or("(failed)")), jsonValue(json));
}

void TestYamlFlow::scalars_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("tilde") << "~"_ba
                           << "null"_ba;
    QTest::newRow("null") << "null"_ba
                          << "null"_ba;
    QTest::newRow("Null") << "Null"_ba
                          << "null"_ba;
    QTest::newRow("empty") << ""_ba
                           << "null"_ba;
    QTest::newRow("true") << "true"_ba
                          << "true"_ba;
    QTest::newRow("FALSE") << "FALSE"_ba
                           << "false"_ba;
    QTest::newRow("yes is text in 1.2") << "yes"_ba
                                        << "\"yes\""_ba;
    QTest::newRow("int") << "42"_ba
                         << "42"_ba;
    QTest::newRow("plus int") << "+5"_ba
                              << "5"_ba;
    QTest::newRow("leading zeros") << "007"_ba
                                   << "7"_ba;
    QTest::newRow("negative zeros") << "-007"_ba
                                    << "-7"_ba;
    QTest::newRow("octal") << "0o17"_ba
                           << "15"_ba;
    QTest::newRow("hex") << "0x1F"_ba
                         << "31"_ba;
    QTest::newRow("huge int keeps digits") << "123456789012345678901234"_ba
                                           << "123456789012345678901234"_ba;
    QTest::newRow("float") << "1.5"_ba
                           << "1.5"_ba;
    QTest::newRow("exponent") << "-2.5e-3"_ba
                              << "-2.5e-3"_ba;
    QTest::newRow("leading dot") << ".5"_ba
                                 << "0.5"_ba;
    QTest::newRow("trailing dot") << "1."_ba
                                  << "1"_ba;
    QTest::newRow("plus float") << "+1.25"_ba
                                << "1.25"_ba;
    QTest::newRow("quoted true") << "\"true\""_ba
                                 << "\"true\""_ba;
    QTest::newRow("single-quoted number") << "'1.5'"_ba
                                          << "\"1.5\""_ba;
    QTest::newRow("quoted empty") << "''"_ba
                                  << "\"\""_ba;
    QTest::newRow("!!str") << "!!str 12"_ba
                           << "\"12\""_ba;
    QTest::newRow("!!int on quoted") << "!!int \"12\""_ba
                                     << "12"_ba;
    QTest::newRow("!!float on int") << "!!float 3"_ba
                                    << "3"_ba;
    QTest::newRow("path") << "$.source.path"_ba
                          << "\"$.source.path\""_ba;
    QTest::newRow("url") << "https://transfer.actions.globus.org/transfer"_ba
                         << "\"https://transfer.actions.globus.org/transfer\""_ba;
    QTest::newRow("number-like text") << "1.2.3"_ba
                                      << "\"1.2.3\""_ba;
    QTest::newRow("escapes") << R"("tab\there \"q\" \\ \u00e9")"_ba
                             << R"("tab\there \"q\" \\ é")"_ba;
    QTest::newRow("control char") << R"("\x01")"_ba
                                  << R"("\u0001")"_ba;
}

void TestYamlFlow::scalars()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QByteArray, json);
    YamlError error;
    const auto result = yamlToJson("value: " + yaml + "\n", &error);
    QVERIFY2(result, qPrintable(error.message));
    QCOMPARE(*result, "{\n  \"value\": " + json + "\n}\n");
}

void TestYamlFlow::trickyStrings_roundTrip_data()
{
    QTest::addColumn<QString>("text");
    for (const QString &text : TrickyStrings)
        QTest::newRow(qPrintable(QString::fromLatin1(QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact))))
            << text;
}

void TestYamlFlow::trickyStrings_roundTrip()
{
    QFETCH(QString, text);
    // As a value, as a key, in a list, and as the whole document.
    const QJsonArray cases{QJsonObject{{u"v"_s, text}}, QJsonObject{{text, 1}},
                           QJsonObject{{u"list"_s, QJsonArray{text, text}}}, QJsonArray{QJsonArray{text}}};
    for (const QJsonValue &value : cases) {
        const QByteArray json = QJsonDocument(QJsonArray{value}).toJson().trimmed();
        const QByteArray inner = json.mid(1, json.size() - 2); // the value alone, without the wrapping array
        const auto yaml = jsonToYaml(inner);
        QVERIFY(yaml);
        YamlError error;
        const auto back = yamlToJson(*yaml, &error);
        QVERIFY2(back, qPrintable(error.message + u"\n"_s + QString::fromUtf8(*yaml)));
        QVERIFY2(jsonValue(*back) == value, qPrintable(QString::fromUtf8(*yaml + "->\n" + *back)));
    }
    QCOMPARE(jsonValue(yamlToJson(jsonToYaml(QJsonDocument(QJsonArray{text}).toJson()).value()).value()),
             QJsonValue(QJsonArray{text}));
}

void TestYamlFlow::numbers_keepJsonSpelling()
{
    const QByteArray json = R"({"a": 1.50, "b": -0, "c": 1E+5, "d": 123456789012345678901234, "e": 0.1})";
    QCOMPARE(jsonToYaml(json).value(), "a: 1.50\nb: -0\nc: 1E+5\nd: 123456789012345678901234\ne: 0.1\n"_ba);
    QCOMPARE(
        yamlToJson(jsonToYaml(json).value()).value(),
        "{\n  \"a\": 1.50,\n  \"b\": -0,\n  \"c\": 1E+5,\n  \"d\": 123456789012345678901234,\n  \"e\": 0.1\n}\n"_ba);
}

void TestYamlFlow::errors_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QTest::newRow("duplicate key") << "a: 1\nb:\n  c: 2\n  c: 3\n"_ba << 4 << 3
                                   << u"Duplicate key \"c\" (first at line 3)"_s;
    QTest::newRow("quoted duplicate") << "\"1\": a\n1: b\n"_ba << 2 << 1 << u"Duplicate key \"1\""_s;
    QTest::newRow("sequence key") << "a: 1\n[x, y]: 2\n"_ba << 2 << 1 << u"A key must be text"_s;
    QTest::newRow("mapping key") << "a:\n  ? {k: v}\n  : 2\n"_ba << 2 << 5 << u"A key must be text"_s;
    QTest::newRow("infinity") << "a:\n  b: .inf\n"_ba << 2 << 6 << u"\".inf\" has no JSON equivalent"_s;
    QTest::newRow("nan in list") << "- 1\n- .NaN\n"_ba << 2 << 3 << u"\".NaN\" has no JSON equivalent"_s;
    QTest::newRow("float overflow") << "x: 1e999\n"_ba << 1 << 4 << u"out of range"_s;
    QTest::newRow("unknown tag") << "a: !custom x\n"_ba << 1 << 4 << u"The tag \"!custom\""_s;
    QTest::newRow("int tag on text") << "a: !!int abc\n"_ba << 1 << 4 << u"no JSON equivalent for \"abc\""_s;
    QTest::newRow("two documents") << "a: 1\n---\nb: 2\n"_ba << 3 << 1 << u"2 YAML documents"_s;
    QTest::newRow("unclosed flow") << "a: [1, 2\nb: 3\n"_ba << 2 << 2 << u"End of sequence flow not found"_s;
    // Columns count characters, not UTF-8 bytes.
    QTest::newRow("unicode column") << "\"éé\": [1, }\n"_ba << 1 << 11 << u"Illegal flow end"_s;
    QTest::newRow("bad indentation") << "a:\n  b: 1\n c: 2\n"_ba << 3 << 2 << u"End of map not found"_s;
    QTest::newRow("alias of itself") << "a: &x [*x]\n"_ba << 1 << 4 << u"nests too deeply"_s;
    QTest::newRow("unknown alias") << "a: *nope\n"_ba << 1 << 4 << u"anchor is not defined"_s;
}

void TestYamlFlow::errors()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    YamlError error;
    QVERIFY(!yamlToJson(yaml, &error));
    QVERIFY2(error.message.contains(message), qPrintable(error.message));
    QCOMPARE(error.line, line);
    QCOMPARE(error.column, column);
    QVERIFY(!yamlToJson(yaml)); // no error pointer is fine too
}

void TestYamlFlow::aliases_resolved()
{
    const QByteArray yaml = "retry: &retry\n"
                            "  ErrorEquals: [States.ALL]\n"
                            "  MaxAttempts: 3\n"
                            "States:\n"
                            "  A: {Type: Action, Retry: [*retry]}\n"
                            "  B: {Type: Action, Retry: [*retry, {ErrorEquals: [X]}]}\n";
    const QJsonObject retry{{u"ErrorEquals"_s, QJsonArray{u"States.ALL"_s}}, {u"MaxAttempts"_s, 3}};
    const QJsonValue result = jsonValue(yamlToJson(yaml).value_or("null"));
    QCOMPARE(result[u"States"_s][u"A"_s][u"Retry"_s], QJsonValue(QJsonArray{retry}));
    QCOMPARE(result[u"States"_s][u"B"_s][u"Retry"_s][0], QJsonValue(retry));
    QCOMPARE(result[u"States"_s][u"B"_s][u"Retry"_s][1][u"ErrorEquals"_s], QJsonValue(QJsonArray{u"X"_s}));
    // Exponential alias expansion stops instead of eating the memory.
    QByteArray bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 12; ++i) {
        const QByteArray prev = "*a" + QByteArray::number(i - 1);
        bomb += "a" + QByteArray::number(i) + ": &a" + QByteArray::number(i) + " [" + prev + ", " + prev + ", " + prev +
                ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev + "]\n";
    }
    YamlError error;
    QVERIFY(!yamlToJson(bomb, &error));
    QVERIFY2(error.message.contains(u"expand"_s), qPrintable(error.message));
}

void TestYamlFlow::blockScalars_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("text");
    QTest::newRow("literal") << "|\n  line 1\n    indented\n  line 3\n"_ba << u"line 1\n  indented\nline 3\n"_s;
    QTest::newRow("literal strip") << "|-\n  a\n  b\n"_ba << u"a\nb"_s;
    QTest::newRow("literal keep") << "|+\n  a\n\n\nnext: 1\n"_ba << u"a\n\n\n"_s;
    QTest::newRow("folded") << ">\n  one\n  two\n\n  three\n"_ba << u"one two\nthree\n"_s;
    QTest::newRow("plain multi-line") << "one\n  two\n"_ba << u"one two"_s;
    QTest::newRow("quoted multi-line") << "\"one\n  two\"\n"_ba << u"one two"_s;
}

void TestYamlFlow::blockScalars()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, text);
    const auto json = yamlToJson("text: " + yaml);
    QVERIFY(json);
    QCOMPARE(jsonValue(*json)[u"text"_s].toString(), text);
}

void TestYamlFlow::multiLine_writtenAsLiteralBlock()
{
    // (No raw string here: moc 6.4 misreads "#" inside raw strings.)
    const QByteArray json = "{\"Comment\": \"First line\\n  second: indented\\nthird # not a comment\\n\", "
                            "\"Expr\": \"a\\nb\", \"Keep\": \"x\\n\\n\"}";
    const QByteArray expected = "Comment: |\n"
                                "  First line\n"
                                "    second: indented\n"
                                "  third # not a comment\n"
                                "Expr: |-\n"
                                "  a\n"
                                "  b\n"
                                "Keep: |+\n"
                                "  x\n"
                                "\n";
    QCOMPARE(jsonToYaml(json).value_or("(failed)"), expected);
    QCOMPARE(jsonValue(yamlToJson(expected).value()), jsonValue(json));
    // Where a literal block could not say it exactly, the text is double-quoted instead.
    QCOMPARE(jsonToYaml(R"({"a": "\n starts with a newline", "b": "cr\r\nlf"})").value(),
             "a: \"\\n starts with a newline\"\nb: \"cr\\u000d\\nlf\"\n"_ba);
}

void TestYamlFlow::unicode_keptAsUtf8()
{
    const QByteArray yaml = "États:\n  Café ☕: {Type: Pass, Comment: 日本語 😀}\n";
    const QByteArray json = yamlToJson(yaml).value_or("(failed)");
    QVERIFY(json.contains("\"Café ☕\""));
    QVERIFY(json.contains("\"日本語 😀\""));
    QCOMPARE(jsonValue(json)[u"États"_s][u"Café ☕"_s][u"Comment"_s].toString(), u"日本語 😀"_s);
    QCOMPARE(jsonToYaml(json).value_or("(failed)"), "États:\n  Café ☕:\n    Type: Pass\n    Comment: 日本語 😀\n"_ba);
}

void TestYamlFlow::emptyContainers()
{
    QCOMPARE(jsonToYaml("{}").value(), "{}\n"_ba);
    QCOMPARE(jsonToYaml("[]").value(), "[]\n"_ba);
    QCOMPARE(jsonToYaml("\"top\"").value(), "top\n"_ba);
    QCOMPARE(yamlToJson("{}").value(), "{}\n"_ba);
    QCOMPARE(yamlToJson("a: []\nb: {}\n").value(), "{\n  \"a\": [],\n  \"b\": {}\n}\n"_ba);
    QCOMPARE(yamlToJson("").value(), "null\n"_ba);
}

void TestYamlFlow::invalidJson_reported()
{
    QString error;
    QVERIFY(!jsonToYaml("{\n  \"a\": tru\n}", &error));
    QVERIFY2(error.startsWith(u"Line 2, column 8"_s), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestYamlFlow)
#include "tst_yamlflow.moc"
