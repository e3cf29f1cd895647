// SPDX-License-Identifier: GPL-3.0-or-later
// The fast paths of response parsing: service times, the page-cursor scan and the simdjson run parser.
#include "core/api/jsonfields.h"
#include "core/api/run.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core;

class TestJsonParsing : public QObject
{
    Q_OBJECT

private slots:
    void parseTime_data();
    void parseTime();
    void scanPageCursor_data();
    void scanPageCursor();
    void runPage_matchesDocument_data();
    void runPage_matchesDocument();
    void run_rejectsWhatIsNotARun_data();
    void run_rejectsWhatIsNotARun();
};

void TestJsonParsing::parseTime_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    const QDateTime utc(QDate(2023, 4, 11), QTime(20, 1, 22, 917), Qt::UTC);
    QTest::newRow("microseconds, +00:00") << u"2023-04-11T20:01:22.917000+00:00"_s << utc;
    QTest::newRow("milliseconds, Z") << u"2023-04-11T20:01:22.917Z"_s << utc;
    QTest::newRow("positive offset") << u"2023-04-11T22:01:22.917+02:00"_s << utc;
    QTest::newRow("negative offset") << u"2023-04-11T15:31:22.917-04:30"_s << utc;
    QTest::newRow("no fraction") << u"2023-04-11T20:01:22+00:00"_s << utc.addMSecs(-917);
    QTest::newRow("day rolls over") << u"2023-04-12T01:01:22.917+05:00"_s << utc;
    QTest::newRow("no offset is refused (would depend on the local zone)")
        << u"2023-04-11T20:01:22.917"_s << QDateTime();
    QTest::newRow("invalid month") << u"2023-13-11T20:01:22+00:00"_s << QDateTime();
    QTest::newRow("garbage") << u"yesterday"_s << QDateTime();
    QTest::newRow("empty") << QString() << QDateTime();
}

void TestJsonParsing::parseTime()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const QDateTime fromUtf16 = JsonFields::parseTime(QStringView(text));
    const QDateTime fromUtf8 = JsonFields::parseTime(QByteArrayView(text.toUtf8()));
    QCOMPARE(fromUtf16.isValid(), expected.isValid());
    QCOMPARE(fromUtf8.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(fromUtf16.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
        QCOMPARE(fromUtf8.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
    }
}

void TestJsonParsing::scanPageCursor_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("nullableStyle");
    QTest::addColumn<bool>("readable");
    QTest::addColumn<bool>("hasNext");
    QTest::addColumn<QString>("marker");

    QTest::newRow("cursor after items")
        << R"({"runs":[{"a":"}]\"{","b":[1,{"c":null}]}],"has_next_page":true,"marker":"m1"})"_ba << false << true
        << true << u"m1"_s;
    QTest::newRow("cursor before items") << R"({ "has_next_page" : true , "marker" : "m2", "runs" : [ ] })"_ba << false
                                         << true << true << u"m2"_s;
    QTest::newRow("last page") << R"({"runs":[],"has_next_page":false,"marker":null})"_ba << false << true << false
                               << QString();
    QTest::newRow("has next without marker")
        << R"({"runs":[],"has_next_page":true})"_ba << false << true << false << QString();
    QTest::newRow("nullable: string marker")
        << R"({"web_input_summaries":[{"x":"y"}],"marker":"n1"})"_ba << true << true << true << u"n1"_s;
    QTest::newRow("nullable: null marker")
        << R"({"web_input_summaries":[],"marker":null})"_ba << true << true << false << QString();
    QTest::newRow("marker key inside an item is not the cursor")
        << R"({"entries":[{"marker":"inner","has_next_page":true}],"has_next_page":false})"_ba << false << true << false
        << QString();
    QTest::newRow("escaped backslash before quote")
        << R"({"runs":[{"p":"C:\\"}],"has_next_page":true,"marker":"m3"})"_ba << false << true << true << u"m3"_s;
    QTest::newRow("escaped marker: no guess")
        << R"({"has_next_page":true,"marker":"a\"b"})"_ba << false << false << false << QString();
    QTest::newRow("truncated") << R"({"runs":[{"a":1},)"_ba << false << false << false << QString();
    QTest::newRow("not an object") << R"([1,2])"_ba << false << false << false << QString();
    QTest::newRow("empty") << QByteArray() << false << false << false << QString();
}

void TestJsonParsing::scanPageCursor()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, nullableStyle);
    QFETCH(bool, readable);
    QFETCH(bool, hasNext);
    QFETCH(QString, marker);
    const auto cursor =
        Flowdeck::Core::scanPageCursor(json, nullableStyle ? MarkerStyle::Nullable : MarkerStyle::HasNextPage);
    QCOMPARE(cursor.has_value(), readable);
    if (!cursor)
        return;
    QCOMPARE(cursor->hasNextPage, hasNext);
    QCOMPARE(cursor->marker, marker);
}

void TestJsonParsing::runPage_matchesDocument_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("hasNext");
    // Keys in any order, unicode, escapes, nulls, extra fields and whitespace.
    QTest::newRow("mixed") << QByteArray(R"( { "limit": 2, "runs": [
        {"status":"ACTIVE","run_id":"r1","label":"caf\u00e9 \"quoted\" ☕","tags":["a","b"],"completion_time":null,
         "start_time":"2024-01-01T00:00:00+00:00","details":{"nested":{"deep":[1,2,{"x":"}"}]}},"run_owner":"o"},
        {"run_id":"r2","status":"FUTURE_STATUS","flow_id":"f","flow_title":"T","display_status":"D","tags":[]}
        ], "has_next_page": true, "marker": "next" } )")
                           << 2 << true;
    QTest::newRow("empty page") << R"({"runs":[],"has_next_page":false})"_ba << 0 << false;
}

void TestJsonParsing::runPage_matchesDocument()
{
    QFETCH(QByteArray, json);
    QFETCH(int, count);
    QFETCH(bool, hasNext);
    Page<Run> page;
    QString why;
    QVERIFY2(fromBytes(json, page, &why), qPrintable(why));
    QCOMPARE(page.items.size(), count);
    QCOMPARE(page.hasNextPage, hasNext);
    // Every run's kept text is exactly its element of the document, and the typed fields agree with it.
    const QJsonArray expected = QJsonDocument::fromJson(json).object().value("runs"_L1).toArray();
    for (qsizetype i = 0; i < page.items.size(); ++i) {
        const Run &run = page.items.at(i);
        const QJsonObject o = expected.at(i).toObject();
        QCOMPARE(run.raw(), o);
        QCOMPARE(run.runId, o.value("run_id"_L1).toString());
        QCOMPARE(run.statusText, o.value("status"_L1).toString());
        QCOMPARE(run.label, o.value("label"_L1).toString());
        QCOMPARE(run.tags.size(), o.value("tags"_L1).toArray().size());
        QCOMPARE(run.details(), o.value("details"_L1).toObject());
    }
    if (count == 2) {
        QCOMPARE(page.items.at(0).label, u"café \"quoted\" ☕"_s);
        QCOMPARE(page.items.at(0).status, RunStatus::Active);
        QVERIFY(!page.items.at(0).completionTime.isValid());
        QCOMPARE(page.items.at(1).status, RunStatus::Unknown);
        QCOMPARE(page.items.at(1).statusText, u"FUTURE_STATUS"_s);
        QCOMPARE(page.marker, u"next"_s);
        QCOMPARE(page.limit, 2);
    }
}

void TestJsonParsing::run_rejectsWhatIsNotARun_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("why");
    QTest::newRow("truncated") << R"({"run_id":"r","status":"ACTIVE")"_ba << u"not valid JSON"_s;
    QTest::newRow("trailing garbage") << R"({"run_id":"r","status":"ACTIVE"} x)"_ba << u"not valid JSON"_s;
    QTest::newRow("no status") << R"({"run_id":"r"})"_ba << u"\"status\""_s;
    QTest::newRow("numeric id") << R"({"run_id":5,"status":"ACTIVE"})"_ba << u"\"run_id\""_s;
    QTest::newRow("array") << R"([{"run_id":"r","status":"ACTIVE"}])"_ba << u"not a JSON object"_s;
}

void TestJsonParsing::run_rejectsWhatIsNotARun()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, why);
    Run run;
    QString reason;
    QVERIFY(!fromBytes(json, run, &reason));
    QVERIFY2(reason.contains(why), qPrintable(reason));
}

QTEST_GUILESS_MAIN(TestJsonParsing)
#include "tst_jsonparsing.moc"
