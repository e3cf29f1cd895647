// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace {
QJsonArray loc(const char *json)
{
    return QJsonDocument::fromJson(json).array();
}
} // namespace

class TestJsonText : public QObject
{
    Q_OBJECT

private slots:
    void ranges_data();
    void ranges();
    void syntaxErrors_data();
    void syntaxErrors();
    void duplicateKeys_areReportedAndLastWins();
    void nesting_limit();
    void largeObjects_duplicatesAndLookups();
    void nearest_pointsAtDeepestExistingPrefix();
    void scalars_andValueMatchesQt();
    void nodes_readLikeQt_data();
    void nodes_readLikeQt();
    void nodes_orderLookupsAndRanges();
    void pathToString_data();
    void pathToString();
};

void TestJsonText::ranges_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QString>("valueStart"); // "line:column"
    QTest::addColumn<QString>("valueEnd");
    QTest::addColumn<QString>("keyStart");

    const QByteArray flow = "{\n"
                            "  \"StartAt\": \"A\",\n"
                            "  \"States\": {\n"
                            "    \"A\": {\"Type\": \"Pass\", \"Next\": \"B\"},\n"
                            "    \"B\": {\"Type\": \"Fail\", \"Cause\": [1, 2.5e3, null]}\n"
                            "  }\n"
                            "}\n";
    QTest::newRow("root") << flow << "[]"_ba << u"1:1"_s << u"7:2"_s << u"1:1"_s;
    QTest::newRow("member") << flow << "[\"StartAt\"]"_ba << u"2:14"_s << u"2:17"_s << u"2:3"_s;
    QTest::newRow("nested") << flow << "[\"States\",\"A\",\"Next\"]"_ba << u"4:35"_s << u"4:38"_s << u"4:27"_s;
    QTest::newRow("array element") << flow << "[\"States\",\"B\",\"Cause\",1]"_ba << u"5:40"_s << u"5:45"_s
                                   << u"5:40"_s;
    QTest::newRow("object value") << flow << "[\"States\",\"B\"]"_ba << u"5:10"_s << u"5:53"_s << u"5:5"_s;
    // Columns count characters, not bytes: "é" and "☕" are one column each.
    QTest::newRow("non-ascii") << "{\"é☕\": \"ü\", \"k\": 1}"_ba
                               << "[\"k\"]"_ba << u"1:18"_s << u"1:19"_s << u"1:13"_s;
    QTest::newRow("crlf") << "{\r\n\"a\":\r\n  true}"_ba
                          << "[\"a\"]"_ba << u"3:3"_s << u"3:7"_s << u"2:1"_s;
}

void TestJsonText::ranges()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, path);
    QFETCH(QString, valueStart);
    QFETCH(QString, valueEnd);
    QFETCH(QString, keyStart);
    const JsonText json = JsonText::parse(text);
    QVERIFY(json.isValid());
    QVERIFY(json.problems().isEmpty());
    auto show = [](const TextPosition &p) -> QString {
        return QString::number(p.line) + u':' + QString::number(p.column);
    };
    const auto value = json.valueRange(loc(path));
    const auto key = json.keyRange(loc(path));
    QVERIFY(value && key);
    QCOMPARE(show(value->start), valueStart);
    QCOMPARE(show(value->end), valueEnd);
    QCOMPARE(show(key->start), keyStart);
    // Offsets are UTF-8 bytes: the text between them is exactly the value.
    const QByteArray slice = text.mid(value->start.offset, value->end.offset - value->start.offset);
    const QJsonValue reparsed = QJsonDocument::fromJson("[" + slice + "]").array().at(0);
    QVERIFY2(!reparsed.isUndefined(), slice.constData());
    QVERIFY(!json.valueRange(loc("[\"nope\"]")));
}

void TestJsonText::syntaxErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    QTest::newRow("empty") << QByteArray() << u"empty"_s << 1 << 1;
    QTest::newRow("missing comma") << "{\"a\": 1\n \"b\": 2}"_ba << u"',' or '}'"_s << 2 << 2;
    QTest::newRow("trailing comma") << "{\"a\": 1,}"_ba << u"member name"_s << 1 << 9;
    QTest::newRow("unquoted key") << "{a: 1}"_ba << u"member name"_s << 1 << 2;
    QTest::newRow("missing colon") << "{\"a\" 1}"_ba << u"':'"_s << 1 << 6;
    QTest::newRow("unclosed object") << "{\n  \"a\": {\"b\": 1}\n"_ba << u"never closed"_s << 1 << 1;
    QTest::newRow("unclosed array") << "[1, 2"_ba << u"never closed"_s << 1 << 1;
    QTest::newRow("unclosed string") << "{\"a\": \"abc\n}"_ba << u"end of the line"_s << 1 << 11;
    QTest::newRow("bad escape") << "[\"a\\qb\"]"_ba << u"escape"_s << 1 << 4;
    QTest::newRow("short unicode escape") << "[\"\\u12\"]"_ba << u"four hexadecimal"_s << 1 << 3;
    QTest::newRow("control character") << "[\"a\tb\"]"_ba << u"Control characters"_s << 1 << 4;
    QTest::newRow("leading zero") << "[01]"_ba << u"leading zeros"_s << 1 << 2;
    QTest::newRow("bare dot") << "[1.]"_ba << u"decimal point"_s << 1 << 2;
    QTest::newRow("huge number") << "[1e400]"_ba << u"too large"_s << 1 << 2;
    QTest::newRow("single quotes") << "['a']"_ba << u"Unexpected character"_s << 1 << 2;
    QTest::newRow("comment") << "{// note\n}"_ba << u"member name"_s << 1 << 2;
    QTest::newRow("trailing text") << "{} {}"_ba << u"after the end"_s << 1 << 4;
    QTest::newRow("invalid utf-8") << "{\"a\": \"\xC3\x28\"}"_ba << u"UTF-8"_s << 1 << 8;
    QTest::newRow("utf-8 surrogate") << "[\"\xED\xA0\x80\"]"_ba << u"UTF-8"_s << 1 << 3;
    QTest::newRow("non-ascii before error") << "{\"ü\": tru}"_ba << u"Unexpected character"_s << 1 << 7;
}

void TestJsonText::syntaxErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);
    const JsonText json = JsonText::parse(text);
    QVERIFY(!json.isValid());
    QVERIFY(json.value().isUndefined());
    QCOMPARE(json.problems().size(), 1);
    const JsonTextProblem &problem = json.problems().first();
    QCOMPARE(problem.kind, JsonTextProblem::Kind::Syntax);
    QVERIFY2(problem.message.contains(message), qPrintable(problem.message));
    QCOMPARE(problem.range.start.line, line);
    QCOMPARE(problem.range.start.column, column);
}

void TestJsonText::duplicateKeys_areReportedAndLastWins()
{
    const QByteArray text = "{\"Next\": \"A\",\n \"Next\": \"B\"}";
    const JsonText json = JsonText::parse(text);
    QVERIFY(json.isValid());
    QCOMPARE(json.value().toObject().value("Next"_L1).toString(), u"B"_s);
    QCOMPARE(json.problems().size(), 1);
    const JsonTextProblem &dup = json.problems().first();
    QCOMPARE(dup.kind, JsonTextProblem::Kind::DuplicateKey);
    QCOMPARE(dup.range.start.line, 2);
    QCOMPARE(dup.range.start.column, 2);
    QVERIFY2(dup.message.contains(u"line 1, column 2"_s), qPrintable(dup.message));
    QCOMPARE(json.valueRange(loc("[\"Next\"]"))->start.line, 2); // the range of the value that counts
}

// Past 16 members duplicates are found through a hash, past 32 lookups use an index: test both paths.
void TestJsonText::largeObjects_duplicatesAndLookups()
{
    QByteArray text = "{";
    for (int i = 0; i < 40; ++i)
        text += "\"k" + QByteArray::number(i) + "\": " + QByteArray::number(i) + ",\n";
    text += "\"k20\": \"again\", \"k3\": \"again\"}";
    const JsonText json = JsonText::parse(text);
    QVERIFY(json.isValid());
    QCOMPARE(json.problems().size(), 2);
    for (const JsonTextProblem &p : json.problems())
        QCOMPARE(p.kind, JsonTextProblem::Kind::DuplicateKey);
    QCOMPARE(json.problems().at(0).range.start.line, 41);
    QVERIFY(json.problems().at(0).message.contains(u"line 21"_s)); // k20's first place
    QVERIFY(json.problems().at(1).message.contains(u"line 4"_s));  // k3's first place
    QCOMPARE(json.valueRange(loc("[\"k39\"]"))->start.line, 40);
    QCOMPARE(json.valueRange(loc("[\"k20\"]"))->start.line, 41); // the later value, the one that counts
    QVERIFY(!json.valueRange(loc("[\"k40\"]")));
}

void TestJsonText::nesting_limit()
{
    const QByteArray ok = QByteArray(500, '[') + QByteArray(500, ']');
    QVERIFY(JsonText::parse(ok).isValid());
    const QByteArray deep = QByteArray(100'000, '[') + QByteArray(100'000, ']');
    const JsonText json = JsonText::parse(deep);
    QVERIFY(!json.isValid());
    QVERIFY(json.problems().first().message.contains(u"deeper than"_s));
}

void TestJsonText::nearest_pointsAtDeepestExistingPrefix()
{
    const JsonText json = JsonText::parse("{\"States\": {\"A\": {\"Type\": \"Pass\"}}}");
    const auto [prefix, range] = json.nearest(loc("[\"States\",\"A\",\"Next\"]"));
    QCOMPARE(prefix, loc("[\"States\",\"A\"]"));
    QCOMPARE(range.start.column, 18);
}

void TestJsonText::scalars_andValueMatchesQt()
{
    QCOMPARE(JsonText::parse(" \"x\" ").value().toString(), u"x"_s);
    QCOMPARE(JsonText::parse("42").value().toInteger(), 42);
    QVERIFY(JsonText::parse("null").value().isNull());
    const QByteArray text = R"({"a":[1,{"b":"\u00e9\n"}],"c":{"d":false}})";
    QCOMPARE(JsonText::parse(text).value().toObject(), QJsonDocument::fromJson(text).object());
}

// Rebuilds a Qt value through the JsonNode reading API only: the oracle is Qt's own parser.
static QJsonValue rebuild(const JsonNode &node)
{
    switch (node.type()) {
    case JsonNode::Type::Undefined:
        return QJsonValue(QJsonValue::Undefined);
    case JsonNode::Type::Null:
        return QJsonValue(QJsonValue::Null);
    case JsonNode::Type::Bool:
        return node.toBool();
    case JsonNode::Type::Number:
        return node.toDouble();
    case JsonNode::Type::String:
        return node.toString();
    case JsonNode::Type::Array: {
        QJsonArray array;
        for (const JsonNode element : node)
            array.append(rebuild(element));
        return array;
    }
    case JsonNode::Type::Object: {
        QJsonObject object;
        for (const JsonNode member : node) {
            if (object.contains(member.key()))
                return u"duplicate seen while iterating"_s;
            object.insert(member.key(), rebuild(member));
        }
        return object;
    }
    }
    return {};
}

void TestJsonText::nodes_readLikeQt_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("flow") << R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}})"_ba;
    QTest::newRow("escapes") << R"({"k\"ey\n": "a\tb\u00e9\ud83d\ude00\/", "\u0041": ["\\", "\b\f\r"]})"_ba;
    QTest::newRow("numbers") << R"([0, -0, 1.5, -2e-3, 1E+308, 123456789012345678901234567890, 4.9e-324, 3])"_ba;
    QTest::newRow("literals") << R"([true, false, null, [], {}, [[]], {"a": {}}])"_ba;
    QTest::newRow("duplicates") << R"({"a": 1, "b": 2, "a": 3})"_ba;
    QTest::newRow("non-ascii keys") << "{\"é☕\": \"ü\", \"\xf0\x9f\x98\x80\": 1}"_ba;
    QTest::newRow("scalar string") << R"("just text")"_ba;
    QTest::newRow("lone surrogate") << R"(["\ud800x"])"_ba;
    QByteArray big = "{";
    for (int i = 0; i < 50; ++i)
        big += "\"s" + QByteArray::number(i % 45) + "\": {\"n\": " + QByteArray::number(i) + "},";
    big.chop(1);
    QTest::newRow("large object with duplicates") << big + "}";
}

void TestJsonText::nodes_readLikeQt()
{
    QFETCH(QByteArray, text);
    const JsonText json = JsonText::parse(text);
    QVERIFY(json.isValid());
    const QJsonValue expected = QJsonDocument::fromJson("[" + text + "]").array().at(0);
    QVERIFY(!expected.isUndefined());
    if (text.contains("ud800")) // Qt keeps a lone surrogate; the view says U+FFFD, as UTF-8 must
        QCOMPARE(json.root().at(0).toString(), u"\uFFFDx"_s);
    else
        QCOMPARE(rebuild(json.root()), expected);
    QCOMPARE(json.root().toJsonValue(), expected);
    QCOMPARE(json.value(), expected);
}

void TestJsonText::nodes_orderLookupsAndRanges()
{
    QByteArray text = "{\"z\": 1, \"a\": [10, 20], \"z\": 2, \"m\\u0041\": \"x\"}";
    JsonText json = JsonText::parse(text);
    const JsonNode root = json.root();
    QCOMPARE(root.size(), 3); // "z" counts once
    QStringList keys;
    for (const JsonNode member : root)
        keys.append(member.key());
    QCOMPARE(keys, (QStringList{u"a"_s, u"z"_s, u"mA"_s})); // text order; the later "z" stands
    QCOMPARE(root.value("z"_L1).toDouble(), 2.0);
    QCOMPARE(root.value(u"mA"_s).toString(), u"x"_s); // escaped names are decoded
    QVERIFY(root.value("missing"_L1).isUndefined());
    QVERIFY(root.value("a"_L1).at(2).isUndefined());
    QVERIFY(root.value("a"_L1).at(-1).isUndefined());
    QCOMPARE(root.value("a"_L1).at(1).toDouble(), 20.0);
    QVERIFY(root.value("a"_L1).value("x"_L1).isUndefined()); // arrays have no members
    QVERIFY(root.at(0).isUndefined());                       // objects have no elements
    QCOMPARE(root.value("a"_L1).at(1).range().start.column, 20);
    QCOMPARE(root.value("a"_L1).keyView(), "a");
    QVERIFY(root.value("a"_L1).at(0).keyView().empty());
    QVERIFY(!(root.value("a"_L1) == std::string_view())); // only strings equal text
    QVERIFY(root.value("mA"_L1) == "x");
    QVERIFY(JsonText::parse("{").root().isUndefined()); // invalid text has no tree
    QCOMPARE(JsonNode().size(), 0);
    QVERIFY(JsonNode().begin() == JsonNode().end());

    // Large objects switch to an index: the last of duplicates still wins, and misses stay misses.
    text = "{";
    for (int i = 0; i < 100; ++i)
        text += "\"k" + QByteArray::number(i % 60) + "\": " + QByteArray::number(i) + ",";
    text.chop(1);
    json = JsonText::parse(text + "}");
    QCOMPARE(json.root().size(), 60);
    QCOMPARE(json.root().value("k5"_L1).toDouble(), 65.0);
    QCOMPARE(json.root().value("k59"_L1).toDouble(), 59.0);
    QVERIFY(!json.root().contains("k60"_L1));
    qsizetype iterated = 0;
    for (const JsonNode member : json.root())
        iterated += member.isDouble() ? 1 : 0;
    QCOMPARE(iterated, 60);
}

void TestJsonText::pathToString_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QString>("expected");
    QTest::newRow("root") << "[]"_ba << u"$"_s;
    QTest::newRow("keys and index") << "[\"States\",\"A\",0]"_ba << u"$.States.A[0]"_s;
    QTest::newRow("odd key") << "[\"a b\",\"c.d\",\"it's\"]"_ba << u"$['a b']['c.d']['it\\'s']"_s;
}

void TestJsonText::pathToString()
{
    QFETCH(QByteArray, path);
    QFETCH(QString, expected);
    QCOMPARE(Flowdeck::Core::Lang::pathToString(loc(path)), expected);
}

QTEST_GUILESS_MAIN(TestJsonText)
#include "tst_jsontext.moc"
