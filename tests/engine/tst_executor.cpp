// SPDX-License-Identifier: GPL-3.0-or-later
// The local service's executor, state type by state type and field by field, run through the HTTP
// API as a client would: each row is a flow, an input, and what the run must come to.
#include "core/lang/jsonpath.h"
#include "servicefixture.h"

#include <QDir>
#include <QFile>

using namespace Flowdeck::Core;
using namespace Flowdeck::Tests;

class TestExecutor : public QObject
{
    Q_OBJECT

private slots:
    void states_data();
    void states();
    void privateParameters_neverReachTheLog();
    void notify_isRecordedNotSent();
    void transfer_onLocalCollections();
    void transfer_refusesEscapes_data();
    void transfer_refusesEscapes();
    void concurrentRuns_allFinish();
};

void TestExecutor::states_data()
{
    QTest::addColumn<QByteArray>("definition");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("mock"); // the flow's mock file, if any
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("path"); // into details: "$.output..." or "$.error" ...
    QTest::addColumn<QByteArray>("expected");

    auto row = [](const char *name, const char *definition, const char *input, const char *status, const char *path,
                  const char *expected, const char *mock = "") {
        QTest::newRow(name) << QByteArray(definition) << QByteArray(input) << QByteArray(mock)
                            << QString::fromLatin1(status) << QString::fromLatin1(path) << QByteArray(expected);
    };
    row("pass parameters",
        R"j({"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"a.$": "$.x", "b.=": "x * 2", "c": "$.x"}, "ResultPath": "$.r", "End": true}}})j",
        R"({"x": 21})", "SUCCEEDED", "$.output.r", R"({"a": 21, "b": 42, "c": "$.x"})");
    row("pass result constant",
        R"j({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"k": [1, 2]}, "ResultPath": "$.r", "End": true}}})j",
        R"({"x": 1})", "SUCCEEDED", "$.output", R"({"x": 1, "r": {"k": [1, 2]}})");
    row("pass input path replaces the state",
        R"j({"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.inner", "End": true}}})j",
        R"({"inner": {"y": true}, "other": 1})", "SUCCEEDED", "$.output", R"({"y": true})");
    row("expression eval with context",
        R"j({"StartAt": "E", "States": {"E": {"Type": "ExpressionEval", "Parameters": {"rid.=": "_context.run_id", "n.=": "len_ if is_present('len_') else 3"}, "ResultPath": "$.e", "End": true}}})j",
        R"({"x": 1})", "SUCCEEDED", "$.output.e", R"({"rid": "<run_id>", "n": 3})");
    const char *choice = R"j({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [
            {"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big"},
            {"And": [{"Variable": "$.s", "StringMatches": "*.csv"}, {"Not": {"Variable": "$.n", "NumericEquals": 0}}], "Next": "Csv"}],
         "Default": "Other"},
        "Big": {"Type": "Pass", "Result": {"went": "big"}, "ResultPath": "$.r", "End": true},
        "Csv": {"Type": "Pass", "Result": {"went": "csv"}, "ResultPath": "$.r", "End": true},
        "Other": {"Type": "Pass", "Result": {"went": "other"}, "ResultPath": "$.r", "End": true}}})j";
    row("choice first rule", choice, R"({"n": 11, "s": "a.csv"})", "SUCCEEDED", "$.output.r.went", R"("big")");
    row("choice combinators", choice, R"({"n": 5, "s": "a.csv"})", "SUCCEEDED", "$.output.r.went", R"("csv")");
    row("choice default", choice, R"({"n": 0, "s": "a.csv"})", "SUCCEEDED", "$.output.r.went", R"("other")");
    row("choice missing variable fails", choice, R"({"s": "a.csv"})", "FAILED", "$.error", R"("States.Runtime")");
    row("choice without match or default",
        R"j({"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "D"}]}, "D": {"Type": "Pass", "End": true}}})j",
        R"({"n": 2})", "FAILED", "$.error", R"("States.NoChoiceMatched")");
    row("wait seconds path",
        R"j({"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.delay", "Next": "D"}, "D": {"Type": "Pass", "End": true}}})j",
        R"({"delay": 20})", "SUCCEEDED", "$.output.delay", "20");
    row("wait timestamp in the past",
        R"j({"StartAt": "W", "States": {"W": {"Type": "Wait", "Timestamp": "2020-01-01T00:00:00Z", "End": true}}})j",
        R"({})", "SUCCEEDED", "$.code", R"("FlowSucceeded")");
    row("wait seconds path not a number",
        R"j({"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.delay", "End": true}}})j",
        R"({"delay": "soon"})", "FAILED", "$.error", R"("States.Runtime")");
    row("fail state with paths",
        R"j({"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.e", "CausePath": "$.c"}}})j",
        R"({"e": "Bad", "c": "because"})", "FAILED", "$.cause", R"("because")");
    row("hello world action",
        R"j({"StartAt": "H", "States": {"H": {"Type": "Action", "ActionUrl": "https://actions.globus.org/hello_world/", "Parameters": {"echo_string.$": "$.m"}, "ResultPath": "$.h", "End": true}}})j",
        R"({"m": "hi"})", "SUCCEEDED", "$.output.h.details", R"({"Hello": "World", "hello": "hi"})");
    row("action failure caught",
        R"j({"StartAt": "L", "States": {
            "L": {"Type": "Action", "ActionUrl": "https://transfer.actions.globus.org/ls", "Parameters": {"endpoint_id": "not-a-collection", "path": "/"}, "ResultPath": "$.l",
                  "Catch": [{"ErrorEquals": ["ActionTimeout"], "Next": "Wrong"}, {"ErrorEquals": ["ActionFailedException"], "ResultPath": "$.err", "Next": "Recover"}], "End": true},
            "Wrong": {"Type": "Pass", "End": true},
            "Recover": {"Type": "Pass", "Result": {"state": "recovered"}, "ResultPath": "$.r", "End": true}}})j",
        R"({})", "SUCCEEDED", "$.output.err.Error", R"("ActionFailedException")");
    row("catch chain ends in Fail",
        R"j({"StartAt": "L", "States": {
            "L": {"Type": "Action", "ActionUrl": "https://transfer.actions.globus.org/ls", "Parameters": {"endpoint_id": "x", "path": "/"}, "ResultPath": "$.l",
                  "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "Give up"}], "End": true},
            "Give up": {"Type": "Fail", "Error": "TransferBroken", "Cause": "no collection"}}})j",
        R"({})", "FAILED", "$.error", R"("TransferBroken")");
    row("ExceptionOnActionFailure false keeps going",
        R"j({"StartAt": "L", "States": {"L": {"Type": "Action", "ActionUrl": "https://transfer.actions.globus.org/ls", "Parameters": {"endpoint_id": "x", "path": "/"}, "ResultPath": "$.l", "ExceptionOnActionFailure": false, "End": true}}})j",
        R"({})", "SUCCEEDED", "$.output.l.status", R"("FAILED")");
    row("WaitTime becomes ActionTimeout",
        R"j({"StartAt": "S", "States": {"S": {"Type": "Action", "ActionUrl": "https://example.org/slow", "Parameters": {}, "ResultPath": "$.s", "WaitTime": 5,
             "Catch": [{"ErrorEquals": ["ActionTimeout"], "ResultPath": "$.t", "Next": "After"}], "End": true},
             "After": {"Type": "Pass", "End": true}}})j",
        R"({})", "SUCCEEDED", "$.output.t.Error", R"("ActionTimeout")",
        R"j({"States": {"S": {"status": "SUCCEEDED", "delay_seconds": 100, "details": {}}}})j");
    row("mock error per attempt",
        R"j({"StartAt": "S", "States": {"S": {"Type": "Action", "ActionUrl": "https://example.org/x", "Parameters": {}, "ResultPath": "$.s", "End": true}}})j",
        R"({})", "FAILED", "$.error", R"("QuotaExceeded")",
        R"j({"States": {"S": [{"error": "QuotaExceeded", "cause": "mocked"}]}})j");
    row("unknown provider says how to mock it",
        R"j({"StartAt": "S", "States": {"S": {"Type": "Action", "ActionUrl": "https://example.org/never", "Parameters": {}, "ResultPath": "$.s", "End": true}}})j",
        R"({})", "FAILED", "$.error", R"("ActionUnableToRun")");
    row("expression eval provider",
        R"j({"StartAt": "X", "States": {"X": {"Type": "Action", "ActionUrl": "https://actions.globus.org/expression_eval", "Parameters": {"expression": "a + b", "arguments": {"a": 2, "b": 3}, "result_path": "sum"}, "ResultPath": "$.x", "End": true}}})j",
        R"({})", "SUCCEEDED", "$.output.x.details.sum", "5");
    row("notify is recorded, not sent",
        R"j({"StartAt": "N", "States": {"N": {"Type": "Action", "ActionUrl": "https://actions.globus.org/notification/notify", "Parameters": {"destination": "a@example.org", "body_template": "hi"}, "ResultPath": "$.n", "End": true}}})j",
        R"({})", "SUCCEEDED", "$.output.n.details.status", R"("recorded")");
    row("loop with an exit",
        R"j({"StartAt": "Init", "States": {
            "Init": {"Type": "Pass", "Result": {"i": 0}, "ResultPath": "$.c", "Next": "Check"},
            "Check": {"Type": "Choice", "Choices": [{"Variable": "$.c.i", "NumericGreaterThanEquals": 5, "Next": "Done"}], "Default": "Inc"},
            "Inc": {"Type": "ExpressionEval", "Parameters": {"i.=": "c.i + 1"}, "ResultPath": "$.c", "Next": "Check"},
            "Done": {"Type": "Pass", "End": true}}})j",
        R"({})", "SUCCEEDED", "$.output.c.i", "5");
    row("missing path at run time",
        R"j({"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"x.$": "$.missing"}, "ResultPath": "$.r", "End": true}}})j",
        R"({})", "FAILED", "$.error", R"("States.Runtime")");
    static const QByteArray bigInput = "{\"big\": \"" + QByteArray(80 * 1024, 'x') + "\"}";
    row("200 KB state limit",
        R"j({"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"a.$": "$.big", "b.$": "$.big"}, "ResultPath": "$.copy", "End": true}}})j",
        bigInput.constData(), "FAILED", "$.error", R"("States.DataLimitExceeded")");
    row("web input created",
        R"j({"StartAt": "W", "States": {"W": {"Type": "CreateWebInput", "Parameters": {"title": "t"}, "ResultPath": "$.w", "End": true}}})j",
        R"({})", "SUCCEEDED", "$.code", R"("FlowSucceeded")");
}

void TestExecutor::states()
{
    QFETCH(QByteArray, definition);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, mock);
    QFETCH(QString, status);
    QFETCH(QString, path);
    QFETCH(QByteArray, expected);
    ServiceFixture f;
    QVERIFY(f.start());
    auto created = ServiceFixture::wait(f.client->createFlow(u"t"_s, jsonObject(definition), {}));
    QVERIFY2(!created->error().isError(), qPrintable(created->error().message()));
    const QString flowId = created->value().id;
    if (!mock.isEmpty()) {
        QVERIFY(QDir().mkpath(f.dir.filePath(u"mocks"_s)));
        QFile file(f.dir.filePath(u"mocks/%1.json"_s.arg(flowId)));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(mock);
    }
    const QJsonObject in = QJsonDocument::fromJson(input).object();
    QVERIFY(!input.isEmpty());
    auto started = ServiceFixture::wait(f.client->runFlow(flowId, in));
    QVERIFY2(!started->error().isError(), qPrintable(started->error().message()));
    const QString runId = started->value().runId;
    const Run run = f.waitForRun(runId);
    QVERIFY2(run.statusText == status,
             qPrintable(run.statusText + u" "_s + QString::fromUtf8(QJsonDocument(run.details()).toJson())));
    const auto parsed = Lang::JsonPath::parse(path);
    QVERIFY(parsed);
    const auto actual = parsed->read(run.details());
    expected.replace("<run_id>", runId.toLatin1()); // rows may name the run's own id
    const QJsonValue want = QJsonDocument::fromJson("[" + expected + "]").array().at(0);
    QVERIFY2(actual && *actual == want,
             qPrintable(QString::fromUtf8(QJsonDocument(run.details()).toJson(QJsonDocument::Compact))));
    if (status == "FAILED"_L1) // the log ends as the run does
        QCOMPARE(ServiceFixture::codes(f.logs(runId)).last(), u"FlowFailed"_s);
}

void TestExecutor::privateParameters_neverReachTheLog()
{
    ServiceFixture f;
    QVERIFY(f.start());
    const QString flowId = f.createFlow(jsonObject(R"j({"StartAt": "P", "States": {"P": {"Type": "Pass",
        "Parameters": {"token.$": "$.secret", "user": "ada", "__Private_Parameters": ["token"]}, "ResultPath": "$.p", "End": true}}})j"));
    const QString runId = f.startRun(flowId, {{u"secret"_s, u"s3cr3t-value"_s}});
    QCOMPARE(f.waitForRun(runId).status, RunStatus::Succeeded);
    const QList<RunLogEntry> entries = f.logs(runId);
    QCOMPARE(entries.at(1).code, u"PassStarted"_s);
    QCOMPARE(entries.at(1).details.value("input"_L1)[u"token"_s].toString(), u"<private>"_s);
    QCOMPARE(entries.at(1).details.value("input"_L1)[u"user"_s].toString(), u"ada"_s);
}

void TestExecutor::notify_isRecordedNotSent()
{
    ServiceFixture f;
    QVERIFY(f.start());
    const QString flowId = f.createFlow(jsonObject(R"j({"StartAt": "N", "States": {"N": {"Type": "Action",
        "ActionUrl": "https://actions.globus.org/notification/notify", "Parameters": {"destination": "a@example.org",
        "subject": "Done", "send_credentials": [{"credential_type": "smtp", "credential_value": {"password": "pw"}}]},
        "ResultPath": "$.n", "End": true}}})j"));
    QCOMPARE(f.waitForRun(f.startRun(flowId, {})).status, RunStatus::Succeeded);
    const QList<QJsonObject> recorded = f.service->recordedNotifications();
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded.first().value("subject"_L1).toString(), u"Done"_s);
    QCOMPARE(recorded.first().value("state_name"_L1).toString(), u"N"_s);
    QVERIFY(!recorded.first().contains("send_credentials"_L1)); // secrets are never stored
}

void TestExecutor::transfer_onLocalCollections()
{
    QTemporaryDir a, b;
    QVERIFY(QDir(a.path()).mkpath(u"data/sub"_s));
    QFile file(a.filePath(u"data/sub/x.txt"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("12345");
    file.close();
    ServiceFixture f;
    f.options.collections = {{u"coll-a"_s, a.path()}, {u"coll-b"_s, b.path()}};
    QVERIFY(f.start());
    const QString flowId = f.createFlow(jsonObject(R"j({"StartAt": "Mk", "States": {
        "Mk": {"Type": "Action", "ActionUrl": "https://transfer.actions.globus.org/mkdir", "Parameters": {"endpoint_id": "coll-b", "path": "/~/in"}, "ResultPath": "$.mk", "Next": "Copy"},
        "Copy": {"Type": "Action", "ActionUrl": "https://actions.automate.globus.org/transfer/transfer", "Parameters": {"source_endpoint_id": "coll-a", "destination_endpoint_id": "coll-b",
                 "transfer_items": [{"source_path": "/data", "destination_path": "/in/data", "recursive": true}]}, "ResultPath": "$.copy", "Next": "Stat"},
        "Stat": {"Type": "Action", "ActionUrl": "https://transfer.actions.globus.org/stat", "Parameters": {"endpoint_id": "coll-b", "path": "/in/data/sub/x.txt"}, "ResultPath": "$.stat", "Next": "Ls"},
        "Ls": {"Type": "Action", "ActionUrl": "https://transfer.actions.globus.org/ls", "Parameters": {"endpoint_id": "coll-b", "path": "/in/data/sub"}, "ResultPath": "$.ls", "Next": "Rm"},
        "Rm": {"Type": "Action", "ActionUrl": "https://transfer.actions.globus.org/delete", "Parameters": {"endpoint": "coll-a", "DATA": [{"path": "/data"}], "recursive": true}, "ResultPath": "$.rm", "End": true}}})j"));
    const Run run = f.waitForRun(f.startRun(flowId, {}));
    QVERIFY2(run.status == RunStatus::Succeeded, qPrintable(QString::fromUtf8(QJsonDocument(run.details()).toJson())));
    const QJsonObject output = run.details().value("output"_L1).toObject();
    QCOMPARE(output.value("copy"_L1)[u"details"_s][u"files_transferred"_s].toInt(), 1);
    QCOMPARE(output.value("copy"_L1)[u"details"_s][u"bytes_transferred"_s].toInt(), 5);
    QCOMPARE(output.value("stat"_L1)[u"details"_s][u"size"_s].toInt(), 5);
    QCOMPARE(output.value("ls"_L1)[u"details"_s][u"DATA"_s][0][u"name"_s].toString(), u"x.txt"_s);
    QVERIFY(QFile::exists(b.filePath(u"in/data/sub/x.txt"_s)));
    QVERIFY(!QFile::exists(a.filePath(u"data"_s))); // deleted at the end
}

void TestExecutor::transfer_refusesEscapes_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("dot dot") << u"/../outside.txt"_s;
    QTest::newRow("nested dot dot") << u"/sub/../../outside.txt"_s;
    QTest::newRow("symlink") << u"/link/outside.txt"_s;
}

void TestExecutor::transfer_refusesEscapes()
{
    QFETCH(QString, path);
    QTemporaryDir outer;
    QVERIFY(QDir(outer.path()).mkpath(u"root/sub"_s));
    QFile secret(outer.filePath(u"outside.txt"_s));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write("secret");
    secret.close();
    QVERIFY(QFile::link(outer.path(), outer.filePath(u"root/link"_s)));
    ServiceFixture f;
    f.options.collections = {{u"c"_s, outer.filePath(u"root"_s)}};
    QVERIFY(f.start());
    QJsonObject definition = jsonObject(R"j({"StartAt": "Stat", "States": {"Stat": {"Type": "Action",
        "ActionUrl": "https://transfer.actions.globus.org/stat", "Parameters": {"endpoint_id": "c", "path.$": "$.p"}, "ResultPath": "$.s", "End": true}}})j");
    const Run run = f.waitForRun(f.startRun(f.createFlow(definition), {{u"p"_s, path}}));
    QCOMPARE(run.status, RunStatus::Failed);
    QCOMPARE(run.details().value("error"_L1).toString(), u"ActionFailedException"_s);
    QVERIFY2(run.details().value("cause"_L1).toString().contains("PermissionDenied"_L1),
             qPrintable(run.details().value("cause"_L1).toString()));
}

void TestExecutor::concurrentRuns_allFinish()
{
    ServiceFixture f;
    QVERIFY(f.start());
    const QString flowId = f.createFlow(jsonObject(R"j({"StartAt": "A", "States": {
        "A": {"Type": "ExpressionEval", "Parameters": {"v.=": "n * 2"}, "ResultPath": "$.r", "Next": "W"},
        "W": {"Type": "Wait", "Seconds": 5, "Next": "C"},
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.r.v", "NumericGreaterThan": 100, "Next": "Big"}], "Default": "Small"},
        "Big": {"Type": "Pass", "End": true}, "Small": {"Type": "Pass", "End": true}}})j"));
    QStringList ids;
    for (int i = 0; i < 200; ++i)
        ids.append(f.startRun(flowId, {{u"n"_s, i}}));
    QSignalSpy finished(f.service.get(), &Engine::LocalService::runFinished);
    QTRY_COMPARE_WITH_TIMEOUT(f.service->activeRunCount(), 0, 30'000);
    QCOMPARE(f.getRun(ids.last()).status, RunStatus::Succeeded);
    QCOMPARE(f.getRun(ids.last()).details()[u"output"_s][u"r"_s][u"v"_s].toInt(), 398);
    QVERIFY(finished.count() <= 200);
}

QTEST_GUILESS_MAIN(TestExecutor)
#include "tst_executor.moc"
