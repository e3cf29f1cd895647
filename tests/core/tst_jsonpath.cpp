// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/jsonpath.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using Flowdeck::Core::Lang::JsonPath;

namespace {
QJsonValue json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray("[") + text + "]").array().at(0);
}
const char *State = R"({"a": {"b": [10, {"c": "x"}], "d e": true, "it\u0027s": 1}, "list": [{"n": 1}, {"n": 2}],
                        "_context": {"run_id": "r"}, "nil": null})";
} // namespace

class TestJsonPath : public QObject
{
    Q_OBJECT

private slots:
    void read_data();
    void read();
    void parseErrors_data();
    void parseErrors();
    void write_data();
    void write();
    void loc();
};

void TestJsonPath::read_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("found");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("root") << u"$"_s << true << QByteArray(State);
    QTest::newRow("member") << u"$.a.b"_s << true << "[10, {\"c\": \"x\"}]"_ba;
    QTest::newRow("index") << u"$.a.b[1].c"_s << true << "\"x\""_ba;
    QTest::newRow("bracket name") << u"$.a['d e']"_s << true << "true"_ba;
    QTest::newRow("double quotes") << u"$[\"a\"][\"b\"][0]"_s << true << "10"_ba;
    QTest::newRow("escaped quote") << u"$.a['it\\'s']"_s << true << "1"_ba;
    QTest::newRow("null is found") << u"$.nil"_s << true << "null"_ba;
    QTest::newRow("context") << u"$._context.run_id"_s << true << "\"r\""_ba;
    QTest::newRow("missing key") << u"$.a.zz"_s << false << QByteArray();
    QTest::newRow("index past end") << u"$.a.b[5]"_s << false << QByteArray();
    QTest::newRow("name on array") << u"$.list.n"_s << false << QByteArray();
    QTest::newRow("index on object") << u"$.a[0]"_s << false << QByteArray();
    QTest::newRow("wildcard over array") << u"$.list[*].n"_s << true << "[1, 2]"_ba;
    QTest::newRow("dot wildcard") << u"$.list.*.n"_s << true << "[1, 2]"_ba;
    QTest::newRow("wildcard, no match") << u"$.a.b[*].zz"_s << true << "[]"_ba;
}

void TestJsonPath::read()
{
    QFETCH(QString, path);
    QFETCH(bool, found);
    QFETCH(QByteArray, expected);
    JsonPath::Error error;
    const auto parsed = JsonPath::parse(path, &error);
    QVERIFY2(parsed, qPrintable(error.message));
    const auto value = parsed->read(json(State));
    QCOMPARE(value.has_value(), found);
    if (found)
        QCOMPARE(*value, json(expected.constData()));
}

void TestJsonPath::parseErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("position");
    QTest::newRow("no dollar") << u"a.b"_s << u"must start with '$'"_s << 0;
    QTest::newRow("empty name") << u"$.a..b"_s << u"name after '.'"_s << 4;
    QTest::newRow("unclosed bracket") << u"$.a[0"_s << u"']'"_s << 5;
    QTest::newRow("unclosed quote") << u"$['a]"_s << u"not closed"_s << 1;
    QTest::newRow("bad index") << u"$.a[-1]"_s << u"inside '[ ]'"_s << 4;
    QTest::newRow("space") << u"$.a b"_s << u"Unexpected character ' '"_s << 3;
    QTest::newRow("empty") << QString() << u"must start with '$'"_s << 0;
    QTest::newRow("index overflow") << u"$.a[99999999999999999999]"_s << u"too large"_s << 4;
}

void TestJsonPath::parseErrors()
{
    QFETCH(QString, path);
    QFETCH(QString, message);
    QFETCH(int, position);
    JsonPath::Error error;
    QVERIFY(!JsonPath::parse(path, &error));
    QVERIFY2(error.message.contains(message), qPrintable(error.message));
    QCOMPARE(error.position, position);
}

void TestJsonPath::write_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("root");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("expected"); // empty: an error
    QTest::newRow("root replaces all") << u"$"_s << R"({"a":1})"_ba
                                       << R"({"b":2})"_ba
                                       << R"({"b":2})"_ba;
    QTest::newRow("add key, keep others") << u"$.r"_s << R"({"a":1})"_ba
                                          << "5"_ba
                                          << R"({"a":1,"r":5})"_ba;
    QTest::newRow("replace key") << u"$.a"_s << R"({"a":{"x":1}})"_ba
                                 << "[1]"_ba
                                 << R"({"a":[1]})"_ba;
    QTest::newRow("create intermediate objects") << u"$.x.y.z"_s << R"({"a":1})"_ba
                                                 << "true"_ba
                                                 << R"({"a":1,"x":{"y":{"z":true}}})"_ba;
    QTest::newRow("into existing nested") << u"$.a.b"_s << R"({"a":{"c":2}})"_ba
                                          << "null"_ba
                                          << R"({"a":{"c":2,"b":null}})"_ba;
    QTest::newRow("into array element") << u"$.l[1].v"_s << R"({"l":[{},{}]})"_ba
                                        << "3"_ba
                                        << R"({"l":[{},{"v":3}]})"_ba;
    QTest::newRow("through a string") << u"$.a.b"_s << R"({"a":"text"})"_ba
                                      << "1"_ba << QByteArray();
    QTest::newRow("missing array element") << u"$.l[4]"_s << R"({"l":[]})"_ba
                                           << "1"_ba << QByteArray();
    QTest::newRow("wildcard") << u"$.l[*]"_s << R"({"l":[1]})"_ba
                              << "1"_ba << QByteArray();
}

void TestJsonPath::write()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, root);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, expected);
    QString error;
    const auto result = JsonPath::parse(path)->write(json(root.constData()), json(value.constData()), &error);
    QCOMPARE(result.has_value(), !expected.isEmpty());
    if (result)
        QCOMPARE(*result, json(expected.constData()));
    else
        QVERIFY(!error.isEmpty());
}

void TestJsonPath::loc()
{
    QCOMPARE(*JsonPath::parse(u"$.a['b c'][2]"_s)->toLoc(), QJsonDocument::fromJson(R"(["a","b c",2])").array());
    QVERIFY(!JsonPath::parse(u"$.a[*]"_s)->toLoc());
    QVERIFY(JsonPath::parse(u"$._context.x"_s)->startsWith(u"_context"_s));
    QVERIFY(JsonPath::parse(u"$"_s)->isRoot());
}

QTEST_GUILESS_MAIN(TestJsonPath)
#include "tst_jsonpath.moc"
