// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/choicerule.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
namespace ChoiceRules = Flowdeck::Core::Lang::ChoiceRules;

namespace {
QJsonObject object(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}
const QByteArray State = R"({"s": "file.txt", "n": 10, "f": 2.5, "b": true, "nil": null,
  "t": "2024-01-01T12:00:00+00:00", "t2": "2024-01-01T13:00:00+01:00", "limit": 10, "prefix": "file.*",
  "nested": {"ok": false}, "naive": "2024-01-01T12:00:00"})";
} // namespace

class TestChoiceRules : public QObject
{
    Q_OBJECT

private slots:
    void matches_data();
    void matches();
    void errors_data();
    void errors();
    void next_picksFirstMatchThenDefault();
    void operators_areComplete();
    void stringMatches_data();
    void stringMatches();
};

void TestChoiceRules::matches_data()
{
    QTest::addColumn<QByteArray>("rule");
    QTest::addColumn<bool>("expected");
    auto row = [](const char *name, const char *rule, bool expected) {
        QTest::newRow(name) << QByteArray(rule) << expected;
    };
    row("StringEquals", R"({"Variable":"$.s","StringEquals":"file.txt"})", true);
    row("StringEquals mismatch", R"({"Variable":"$.s","StringEquals":"other"})", false);
    row("StringLessThan", R"({"Variable":"$.s","StringLessThan":"g"})", true);
    row("StringGreaterThanEquals", R"({"Variable":"$.s","StringGreaterThanEquals":"file.txt"})", true);
    row("StringMatches", R"({"Variable":"$.s","StringMatches":"*.txt"})", true);
    row("StringMatches no", R"({"Variable":"$.s","StringMatches":"*.csv"})", false);
    row("StringEquals on number is false", R"({"Variable":"$.n","StringEquals":"10"})", false);
    row("NumericEquals", R"({"Variable":"$.n","NumericEquals":10})", true);
    row("NumericLessThan float", R"({"Variable":"$.f","NumericLessThan":3})", true);
    row("NumericGreaterThan", R"({"Variable":"$.n","NumericGreaterThan":10})", false);
    row("NumericLessThanEquals", R"({"Variable":"$.n","NumericLessThanEquals":10})", true);
    row("NumericGreaterThanEquals", R"({"Variable":"$.f","NumericGreaterThanEquals":2.5})", true);
    row("Numeric on string is false", R"({"Variable":"$.s","NumericEquals":1})", false);
    row("BooleanEquals", R"({"Variable":"$.b","BooleanEquals":true})", true);
    row("BooleanEquals nested false", R"({"Variable":"$.nested.ok","BooleanEquals":true})", false);
    row("TimestampEquals across offsets", R"({"Variable":"$.t","TimestampEqualsPath":"$.t2"})", true);
    row("TimestampLessThan", R"({"Variable":"$.t","TimestampLessThan":"2024-01-02T00:00:00Z"})", true);
    row("TimestampGreaterThan", R"({"Variable":"$.t","TimestampGreaterThan":"2024-01-02T00:00:00Z"})", false);
    row("time without offset is not a timestamp", R"({"Variable":"$.naive","TimestampEquals":"2024-01-01T12:00:00Z"})",
        false);
    row("IsTimestamp without offset", R"({"Variable":"$.naive","IsTimestamp":true})", false);
    row("Timestamp on non-time is false", R"({"Variable":"$.s","TimestampEquals":"2024-01-01T12:00:00Z"})", false);
    row("NumericEqualsPath", R"({"Variable":"$.n","NumericEqualsPath":"$.limit"})", true);
    row("StringMatchesPath", R"({"Variable":"$.s","StringMatches":"file.*"})", true);
    row("StringEqualsPath", R"({"Variable":"$.s","StringEqualsPath":"$.s"})", true);
    row("BooleanEqualsPath", R"({"Variable":"$.b","BooleanEqualsPath":"$.nested.ok"})", false);
    row("IsPresent true", R"({"Variable":"$.nested.ok","IsPresent":true})", true);
    row("IsPresent on missing", R"({"Variable":"$.missing","IsPresent":true})", false);
    row("IsPresent false on missing", R"({"Variable":"$.missing","IsPresent":false})", true);
    row("IsNull", R"({"Variable":"$.nil","IsNull":true})", true);
    row("IsNull false", R"({"Variable":"$.n","IsNull":true})", false);
    row("IsNumeric", R"({"Variable":"$.f","IsNumeric":true})", true);
    row("IsString false", R"({"Variable":"$.n","IsString":false})", true);
    row("IsBoolean", R"({"Variable":"$.b","IsBoolean":true})", true);
    row("IsTimestamp", R"({"Variable":"$.t","IsTimestamp":true})", true);
    row("IsTimestamp on text", R"({"Variable":"$.s","IsTimestamp":true})", false);
    row("And", R"({"And":[{"Variable":"$.n","NumericEquals":10},{"Variable":"$.b","BooleanEquals":true}]})", true);
    row("And short", R"({"And":[{"Variable":"$.n","NumericEquals":1},{"Variable":"$.missing","NumericEquals":1}]})",
        false);
    row("Or", R"({"Or":[{"Variable":"$.n","NumericEquals":1},{"Variable":"$.s","StringMatches":"file*"}]})", true);
    row("Or short", R"({"Or":[{"Variable":"$.n","NumericEquals":10},{"Variable":"$.missing","NumericEquals":1}]})",
        true);
    row("Not", R"({"Not":{"Variable":"$.n","NumericEquals":10}})", false);
    row("nested combinators",
        R"({"And":[{"Not":{"Variable":"$.nil","IsPresent":false}},{"Or":[{"Variable":"$.f","NumericGreaterThan":2}]}]})",
        true);
}

void TestChoiceRules::matches()
{
    QFETCH(QByteArray, rule);
    QFETCH(bool, expected);
    QString error;
    const auto result = ChoiceRules::matches(object(rule), object(State), &error);
    QVERIFY2(result, qPrintable(error));
    QCOMPARE(*result, expected);
}

void TestChoiceRules::errors_data()
{
    QTest::addColumn<QByteArray>("rule");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing variable") << R"({"Variable":"$.missing","NumericEquals":1})"_ba << u"does not exist"_s;
    QTest::newRow("missing path operand")
        << R"({"Variable":"$.n","NumericEqualsPath":"$.gone"})"_ba << u"$.gone of NumericEqualsPath does not exist"_s;
    QTest::newRow("bad variable path") << R"({"Variable":"n","NumericEquals":1})"_ba << u"not a valid path"_s;
    QTest::newRow("unknown operator") << R"({"Variable":"$.n","NumericMatches":1})"_ba << u"Unknown Choice operator"_s;
    QTest::newRow("boolean relation") << R"({"Variable":"$.b","BooleanLessThan":true})"_ba << u"Unknown"_s;
    QTest::newRow("no operator") << R"({"Variable":"$.n","Next":"X"})"_ba << u"no operator"_s;
    QTest::newRow("no variable") << R"({"NumericEquals":1})"_ba << u"needs a Variable"_s;
    QTest::newRow("type test needs bool") << R"({"Variable":"$.n","IsNull":"yes"})"_ba << u"true or false"_s;
    QTest::newRow("error inside And") << R"({"And":[{"Variable":"$.gone","StringEquals":"x"}]})"_ba
                                      << u"does not exist"_s;
}

void TestChoiceRules::errors()
{
    QFETCH(QByteArray, rule);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!ChoiceRules::matches(object(rule), object(State), &error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

void TestChoiceRules::next_picksFirstMatchThenDefault()
{
    const QJsonObject choice = object(R"({"Type":"Choice","Choices":[
        {"Variable":"$.n","NumericLessThan":5,"Next":"Small"},
        {"Variable":"$.n","NumericLessThan":50,"Next":"Medium"},
        {"Variable":"$.n","NumericGreaterThan":0,"Next":"AlsoTrueButLater"}],"Default":"Large"})");
    QString error;
    QCOMPARE(ChoiceRules::next(choice, object(State), &error), u"Medium"_s);
    QCOMPARE(ChoiceRules::next(choice, object(R"({"n": 500})"), &error), u"AlsoTrueButLater"_s);
    QCOMPARE(ChoiceRules::next(choice, object(R"({"n": -1})"), &error), u"Small"_s);
    // A string makes every numeric comparison false: the Default is taken.
    QCOMPARE(ChoiceRules::next(choice, object(R"({"n": "ten"})"), &error), u"Large"_s);
    QJsonObject noDefault = choice;
    noDefault.remove(u"Default"_s);
    QVERIFY(!ChoiceRules::next(noDefault, object(R"({"n": "ten"})"), &error));
    QVERIFY(error.contains(u"States.NoChoiceMatched"_s));
    QVERIFY(!ChoiceRules::next(choice, object(R"({"m": 1})"), &error));
    QVERIFY2(error.startsWith(u"Choices[0]"_s), qPrintable(error));
}

void TestChoiceRules::operators_areComplete()
{
    const QStringList ops = ChoiceRules::comparisonOperators();
    QCOMPARE(ops.size(), 33); // 16 comparisons, each with a Path variant, plus StringMatches
    for (const char *op : {"StringEqualsPath", "NumericLessThanEqualsPath", "TimestampGreaterThanEquals",
                           "BooleanEqualsPath", "StringMatches"})
        QVERIFY2(ops.contains(QLatin1StringView(op)), op);
    QVERIFY(!ops.contains(u"StringMatchesPath"_s));
}

void TestChoiceRules::stringMatches_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("expected");
    QTest::newRow("exact") << u"abc"_s << u"abc"_s << true;
    QTest::newRow("prefix") << u"log-2024.txt"_s << u"log-*"_s << true;
    QTest::newRow("suffix") << u"data.csv"_s << u"*.csv"_s << true;
    QTest::newRow("middle") << u"a-b-c"_s << u"a*c"_s << true;
    QTest::newRow("several stars") << u"abcabc"_s << u"*b*b*"_s << true;
    QTest::newRow("backtracking") << u"aaab"_s << u"*ab"_s << true;
    QTest::newRow("no match") << u"abc"_s << u"a*d"_s << false;
    QTest::newRow("escaped star") << u"a*c"_s << u"a\\*c"_s << true;
    QTest::newRow("escaped star is literal") << u"abc"_s << u"a\\*c"_s << false;
    QTest::newRow("empty pattern") << u"x"_s << QString() << false;
    QTest::newRow("star matches empty") << QString() << u"*"_s << true;
}

void TestChoiceRules::stringMatches()
{
    QFETCH(QString, text);
    QFETCH(QString, pattern);
    QFETCH(bool, expected);
    QCOMPARE(ChoiceRules::stringMatches(text, pattern), expected);
}

QTEST_GUILESS_MAIN(TestChoiceRules)
#include "tst_choicerule.moc"
