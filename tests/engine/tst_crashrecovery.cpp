// SPDX-License-Identifier: GPL-3.0-or-later
// The local service as a child process (flowdeck --serve), killed with SIGKILL while runs are in
// flight: after a restart nothing acknowledged is lost and every run finishes cleanly, once.
#include "core/api/flowsclient.h"
#include "core/auth/authorizer.h"
#include "core/clienttesthelpers.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Flowdeck::Core;
using namespace Flowdeck::Tests;

class TestCrashRecovery : public QObject
{
    Q_OBJECT

private slots:
    void killedMidRun_restartFinishesEverything();

private:
    // Starts flowdeck --serve on dir; returns its URL (empty on failure).
    QUrl serve(QProcess &process, const QString &dir)
    {
        process.setProgram(QStringLiteral(FLOWDECK_APP));
        process.setArguments(
            {u"--serve"_s, u"--data"_s, dir, u"--token"_s, u"crash-test-token"_s, u"--time-scale"_s, u"0.02"_s});
        process.start();
        if (!process.waitForStarted())
            return {};
        QByteArray out;
        for (int i = 0; i < 100 && !out.contains("token:"); ++i) {
            process.waitForReadyRead(100);
            out += process.readAllStandardOutput();
        }
        for (const QByteArray &line : out.split('\n'))
            if (line.startsWith("url: "))
                return QUrl(QString::fromUtf8(line.mid(5).trimmed()));
        return {};
    }

    template<class Reply>
    static std::unique_ptr<Reply> wait(Reply *reply)
    {
        std::unique_ptr<Reply> owned(reply);
        waitFinished(reply);
        return owned;
    }
};

void TestCrashRecovery::killedMidRun_restartFinishesEverything()
{
    QTemporaryDir dir;
    QNetworkAccessManager network;
    QProcess first;
    const QUrl url = serve(first, dir.path());
    QVERIFY2(url.isValid(), qPrintable(QString::fromUtf8(first.readAllStandardError())));
    FlowsClient client(&network, url);
    client.setAuthorizer(new StaticTokenAuthorizer("crash-test-token", &client));

    // Eight states with waits (10 s each, at 1/50 of real time): about 0.8 s per run.
    QJsonObject states;
    for (int i = 0; i < 8; ++i) {
        const QString next = i + 1 < 8 ? u"S%1"_s.arg(i + 1) : QString();
        QJsonObject state = i % 2 ? QJsonObject{{u"Type"_s, u"Wait"_s}, {u"Seconds"_s, 10}}
                                  : QJsonObject{{u"Type"_s, u"Pass"_s},
                                                {u"Parameters"_s, QJsonObject{{u"step"_s, i}}},
                                                {u"ResultPath"_s, u"$.s%1"_s.arg(i)}};
        if (next.isEmpty())
            state.insert(u"End"_s, true);
        else
            state.insert(u"Next"_s, next);
        states.insert(u"S%1"_s.arg(i), state);
    }
    const QJsonObject definition{{u"StartAt"_s, u"S0"_s}, {u"States"_s, states}};
    auto created = wait(client.createFlow(u"Crash test"_s, definition, QJsonObject{{u"type"_s, u"object"_s}}));
    QVERIFY2(!created->error().isError(), qPrintable(created->error().message()));
    const QString flowId = created->value().id;
    QStringList runIds;
    for (int i = 0; i < 30; ++i) {
        auto run = wait(client.runFlow(flowId, QJsonObject{{u"i"_s, i}}));
        QVERIFY(!run->error().isError());
        runIds.append(run->value().runId);
    }
    QTest::qWait(120);
    // Acknowledged just before the kill: must survive it.
    auto late =
        wait(client.createFlow(u"Created before the crash"_s, definition, QJsonObject{{u"type"_s, u"object"_s}}));
    QVERIFY(!late->error().isError());
    ListRunsOptions inFlight;
    inFlight.filterStatus = {u"ACTIVE"_s};
    const qsizetype activeAtKill = wait(client.listRuns(inFlight))->value().items.size();
    QVERIFY2(activeAtKill > 0, "no run was in flight at the kill: the test would not test recovery");
    first.kill(); // SIGKILL: no chance to clean up
    QVERIFY(first.waitForFinished());
    QCOMPARE(first.exitStatus(), QProcess::CrashExit);

    QProcess second;
    const QUrl again = serve(second, dir.path());
    QVERIFY(again.isValid());
    FlowsClient restarted(&network, again);
    restarted.setAuthorizer(new StaticTokenAuthorizer("crash-test-token", &restarted));
    QCOMPARE(wait(restarted.getFlow(late->value().id))->value().title, u"Created before the crash"_s);
    for (const QString &id : std::as_const(runIds)) {
        Run run;
        QElapsedTimer clock;
        clock.start();
        do {
            auto reply = wait(restarted.getRun(id));
            QVERIFY2(!reply->error().isError(), qPrintable(reply->error().message())); // no run is lost
            run = reply->value();
            if (run.status == RunStatus::Active)
                QTest::qWait(50);
        } while (run.status == RunStatus::Active && clock.elapsed() < 20'000);
        QCOMPARE(run.statusText, u"SUCCEEDED"_s);
        QCOMPARE(run.details().value("output"_L1)[u"s6"_s][u"step"_s].toInt(), 6);
        RunLogOptions options;
        options.limit = 100;
        const QList<RunLogEntry> entries = wait(restarted.getRunLogs(id, options))->value().items;
        QStringList codes;
        for (const RunLogEntry &entry : entries)
            codes.append(entry.code);
        // Each state started and completed exactly once, in order, however the crash fell.
        QCOMPARE(codes.count(u"FlowStarted"_s), 1);
        QCOMPARE(codes.count(u"FlowSucceeded"_s), 1);
        QCOMPARE(codes.count(u"PassStarted"_s), 4);
        QCOMPARE(codes.count(u"PassCompleted"_s), 4);
        QCOMPARE(codes.count(u"WaitStarted"_s), 4);
        QCOMPARE(codes.count(u"WaitCompleted"_s), 4);
        QCOMPARE(codes.size(), 18);
    }
    second.kill();
    second.waitForFinished();
}

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_crashrecovery.moc"
