// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/jsonformat.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

class TestJsonFormat : public QObject
{
    Q_OBJECT

private slots:
    void format_exactBytes_data();
    void format_exactBytes();
    void minify_exactBytes_data();
    void minify_exactBytes();
    void roundTrips_data();
    void roundTrips();
    void invalid_isRefusedWithPosition_data();
    void invalid_isRefusedWithPosition();
    void format_customIndent();
};

void TestJsonFormat::format_exactBytes_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("scalar") << QByteArray("  42 ") << QByteArray("42\n");
    QTest::newRow("empty containers") << QByteArray("{ \"a\" : { } , \"b\":[\n] }")
                                      << QByteArray("{\n  \"a\": {},\n  \"b\": []\n}\n");
    QTest::newRow("nested") << QByteArray(R"({"States":{"A":{"Type":"Pass","End":true}},"StartAt":"A"})")
                            << QByteArray("{\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Pass\",\n"
                                          "      \"End\": true\n    }\n  },\n  \"StartAt\": \"A\"\n}\n");
    QTest::newRow("numbers as typed") << QByteArray("[1.0,1e3,-0,2E-7,1.50]")
                                      << QByteArray("[\n  1.0,\n  1e3,\n  -0,\n  2E-7,\n  1.50\n]\n");
    QTest::newRow("escapes and punctuation in strings")
        << QByteArray(R"({"k\"{":"a,b:[c]\u00e9\/\\ \n","x":null})")
        << QByteArray("{\n  \"k\\\"{\": \"a,b:[c]\\u00e9\\/\\\\ \\n\",\n  \"x\": null\n}\n");
    QTest::newRow("duplicate keys kept in order")
        << QByteArray(R"({"b":1,"a":2,"b":3})") << QByteArray("{\n  \"b\": 1,\n  \"a\": 2,\n  \"b\": 3\n}\n");
    QTest::newRow("utf8 and crlf") << QByteArray("{\r\n\t\"ключ\":\t\"ü\"\r\n}")
                                   << QByteArray("{\n  \"ключ\": \"ü\"\n}\n");
    QTest::newRow("arrays of arrays") << QByteArray("[[],[[1]],{}]")
                                      << QByteArray("[\n  [],\n  [\n    [\n      1\n    ]\n  ],\n  {}\n]\n");
}

void TestJsonFormat::format_exactBytes()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QString error;
    const auto out = formatJson(input, 2, &error);
    QVERIFY2(out, qPrintable(error));
    QCOMPARE(*out, expected);
}

void TestJsonFormat::minify_exactBytes_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("scalar") << QByteArray("\n\"a b\"\n") << QByteArray("\"a b\"");
    QTest::newRow("object") << QByteArray("{\n  \"a\": [ 1.0 , 1e3 ],\n  \"b\" : { }\n}\n")
                            << QByteArray(R"({"a":[1.0,1e3],"b":{}})");
    QTest::newRow("spaces in strings kept")
        << QByteArray("[ \" x , y \" , \"\\t \" ]") << QByteArray(R"([" x , y ","\t "])");
    QTest::newRow("literals") << QByteArray("[ true , false , null ]") << QByteArray("[true,false,null]");
}

void TestJsonFormat::minify_exactBytes()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const auto out = minifyJson(input);
    QVERIFY(out);
    QCOMPARE(*out, expected);
}

void TestJsonFormat::roundTrips_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("flow") << QByteArray(R"({"Comment":"x","StartAt":"A","States":{"A":{"Type":"Action",
        "ActionUrl":"urn:hello","Parameters":{"echo_string.$":"$.input",
        "list":[1,2.50,{"deep":[[],{}]}]},"ResultPath":"$.out","End":true}}})");
    QTest::newRow("already formatted") << *formatJson(R"({"a":[1,{"b":"c"}],"d":{}})");
    QTest::newRow("escapes") << QByteArray(R"(["\ud83d\ude00","\"","\\",  "\b\f\r\t"])");
    QTest::newRow("deep") << QByteArray(R"([[[[[[[[{"a":[[[]]]}]]]]]]]])");
}

// Idempotence, format(minify(x)) == format(x), and the value unchanged as Qt reads it.
void TestJsonFormat::roundTrips()
{
    QFETCH(QByteArray, input);
    const auto formatted = formatJson(input);
    const auto minified = minifyJson(input);
    QVERIFY(formatted);
    QVERIFY(minified);
    QCOMPARE(formatJson(*formatted), formatted);
    QCOMPARE(minifyJson(*minified), minified);
    QCOMPARE(formatJson(*minified), formatted);
    QCOMPARE(minifyJson(*formatted), minified);
    QCOMPARE(formatJson(*formatted, 4), formatJson(input, 4));

    QJsonParseError error;
    const QJsonDocument original = QJsonDocument::fromJson(input, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(QJsonDocument::fromJson(*formatted), original);
    QCOMPARE(QJsonDocument::fromJson(*minified), original);
    // Only whitespace changed: the same bytes once all whitespace is gone.
    auto strip = [](QByteArray text) {
        text.removeIf([](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
        return text;
    };
    QCOMPARE(strip(*formatted), strip(input));
}

void TestJsonFormat::invalid_isRefusedWithPosition_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("errorStart");
    QTest::newRow("missing comma") << QByteArray("{\n  \"a\": 1\n  \"b\": 2\n}") << u"line 3, column 3: "_s;
    QTest::newRow("trailing comma") << QByteArray("[1,]") << u"line 1, column 4: "_s;
    QTest::newRow("empty") << QByteArray("  ") << u"line 1, column 3: "_s;
    QTest::newRow("comment") << QByteArray("{} // no") << u"line 1, column 4: "_s;
    QTest::newRow("unclosed string") << QByteArray("[\"abc") << u"line 1, column 2: "_s;
}

void TestJsonFormat::invalid_isRefusedWithPosition()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, errorStart);
    QString error;
    QVERIFY(!formatJson(input, 2, &error));
    QVERIFY2(error.startsWith(errorStart), qPrintable(error));
    QVERIFY(error.size() > errorStart.size());
    error.clear();
    QVERIFY(!minifyJson(input, &error));
    QVERIFY2(error.startsWith(errorStart), qPrintable(error));
    QVERIFY(!formatJson(input)); // no error pointer: still refused, no crash
}

void TestJsonFormat::format_customIndent()
{
    QCOMPARE(*formatJson(R"({"a":[1]})", 4), QByteArray("{\n    \"a\": [\n        1\n    ]\n}\n"));
    QCOMPARE(*formatJson(R"({"a":[1]})", 0), QByteArray("{\n\"a\": [\n1\n]\n}\n"));
}

QTEST_GUILESS_MAIN(TestJsonFormat)
#include "tst_jsonformat.moc"
