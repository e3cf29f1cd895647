// SPDX-License-Identifier: GPL-3.0-or-later
// RunsPoller, RunsModel::mergeRuns and RunWatcher over loopback HTTP: one request per interval
// however many runs are listed, rows changed in place, transitions announced once.
#include "core/api/flowsclient.h"
#include "core/api/transport.h"
#include "core/clienttesthelpers.h"
#include "core/models/runsmodel.h"
#include "core/models/runspoller.h"
#include "core/models/runwatcher.h"
#include "fakes/runsfarm.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Flowdeck::Core;
using namespace Flowdeck::Tests;
using namespace std::chrono_literals;

class TestRunsPoller : public QObject
{
    Q_OBJECT

private slots:
    void requestCountIndependentOfRows_data();
    void requestCountIndependentOfRows();
    void changesArriveInPlace();
    void backsOffWhenNothingChanges();
    void pausedPollerAsksNothing();
    void watcherAnnouncesEachTransitionOnce();
    void watcherStateRoundTrips();

private:
    QNetworkAccessManager m_network;
};

// Loads every run of the farm into a model and polls for a fixed time: the number of poll
// requests depends on the time alone.
void TestRunsPoller::requestCountIndependentOfRows_data()
{
    QTest::addColumn<int>("runs");
    QTest::newRow("10 runs") << 10;
    QTest::newRow("5,000 runs") << 5000;
}

void TestRunsPoller::requestCountIndependentOfRows()
{
    QFETCH(int, runs);
    RunsFarm farm(runs);
    farm.setStatus(0, u"ACTIVE"_s); // keeps the poller at its fastest
    FlowsClient client(&m_network, farm.baseUrl());
    RunsModel model;
    model.setPageSize(1000);
    model.setClient(&client);
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading() && model.rowCount() > 0, 10'000);
    while (model.canFetchMore({})) {
        model.fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10'000);
    }
    QCOMPARE(model.rowCount(), runs);

    RunsPoller poller;
    poller.setIntervals({50ms, 50ms, 50ms, 50ms});
    poller.setClient(&client);
    QObject::connect(&poller, &RunsPoller::runsArrived, &model, &RunsModel::mergeRuns);
    QList<Run> all;
    for (int row = 0; row < model.rowCount(); ++row)
        all.append(model.runAt(row));
    poller.noteRuns(all);
    const int pagesBefore = farm.pageRequests();
    poller.setPaused(false);
    QTest::qWait(1000);
    poller.setPaused(true);
    QTRY_VERIFY(!poller.isPolling());           // the last request, if one was out, has its answer
    QCOMPARE(farm.pageRequests(), pagesBefore); // polling never pages through the list
    // 1 s at one request per 50 ms (plus the answer's time): about 10-20, whatever the row count.
    QVERIFY2(farm.pollRequests() >= 8 && farm.pollRequests() <= 21, qPrintable(QString::number(farm.pollRequests())));
    QCOMPARE(poller.requestCount(), farm.pollRequests());
}

void TestRunsPoller::changesArriveInPlace()
{
    RunsFarm farm(100);
    farm.setStatus(3, u"ACTIVE"_s);
    FlowsClient client(&m_network, farm.baseUrl());
    RunsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(100);
    model.setClient(&client);
    QTRY_COMPARE(model.rowCount(), 100);
    QItemSelectionModel selection(&model);
    selection.setCurrentIndex(model.index(3, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

    RunsPoller poller;
    poller.setIntervals({20ms, 20ms, 20ms, 20ms});
    poller.setClient(&client);
    connect(&poller, &RunsPoller::runsArrived, &model, &RunsModel::mergeRuns);
    QList<Run> shown;
    for (int row = 0; row < model.rowCount(); ++row)
        shown.append(model.runAt(row));
    poller.noteRuns(shown);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    poller.setPaused(false);

    farm.setStatus(3, u"SUCCEEDED"_s); // it leaves the open listing: the poller asks for completions
    QTRY_COMPARE_WITH_TIMEOUT(model.runAt(3).status, RunStatus::Succeeded, 5000);
    QCOMPARE(resets.count(), 0);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.constFirst().at(0).value<QModelIndex>().row(), 3);
    QCOMPARE(selection.currentIndex().row(), 3); // the selection stays on the row
    QCOMPARE(model.rowCount(), 100);             // nothing inserted or duplicated
}

void TestRunsPoller::backsOffWhenNothingChanges()
{
    RunsFarm farm(5);
    FlowsClient client(&m_network, farm.baseUrl());
    RunsPoller poller;
    poller.setIntervals({20ms, 40ms, 400ms, 100ms});
    poller.setClient(&client);
    QSignalSpy polled(&poller, &RunsPoller::polled);
    poller.setPaused(false);
    QTRY_VERIFY(polled.count() >= 6);
    // 40 → 60 → 90 → 135 → ... : the interval only grows while nothing changes, up to the ceiling.
    QVERIFY(poller.currentInterval() > 100ms);
    QVERIFY(poller.currentInterval() <= 400ms);

    FlowsClient broken(&m_network, QUrl(u"http://127.0.0.1:1"_s));
    broken.transport()->setRetryPolicy(fastRetries(0));
    RunsPoller failing;
    failing.setIntervals({20ms, 40ms, 400ms, 100ms});
    failing.setClient(&broken);
    QSignalSpy failures(&failing, &RunsPoller::pollFailed);
    failing.setPaused(false);
    QTRY_VERIFY(failures.count() >= 1);
    QVERIFY(failing.currentInterval() >= 100ms); // errors back off to at least afterError
}

void TestRunsPoller::pausedPollerAsksNothing()
{
    RunsFarm farm(5);
    FlowsClient client(&m_network, farm.baseUrl());
    RunsPoller poller;
    poller.setIntervals({10ms, 10ms, 10ms, 10ms});
    poller.setClient(&client);
    QTest::qWait(200);
    QCOMPARE(farm.pollRequests(), 0);
    poller.setPaused(false);
    QTRY_VERIFY(farm.pollRequests() > 0);
    poller.setPaused(true);
    QTRY_VERIFY(!poller.isPolling());
    const int count = farm.pollRequests();
    QTest::qWait(200);
    QCOMPARE(farm.pollRequests(), count);
}

void TestRunsPoller::watcherAnnouncesEachTransitionOnce()
{
    RunWatcher watcher;
    QSignalSpy transitions(&watcher, &RunWatcher::transition);
    Run run;
    run.runId = u"r1"_s;
    run.status = RunStatus::Active;
    watcher.watch(run);
    Run other = run;
    other.runId = u"r2"_s;
    QVERIFY(watcher.hasOpenRuns());

    watcher.observe({run}); // unchanged
    QCOMPARE(transitions.count(), 0);
    run.status = RunStatus::Inactive;
    watcher.observe({run, run}); // the same document twice
    QCOMPARE(transitions.count(), 1);
    QCOMPARE(transitions.at(0).at(1).value<RunStatus>(), RunStatus::Active);
    run.status = RunStatus::Active; // resumed: not an event
    watcher.observe({run});
    QCOMPARE(transitions.count(), 1);
    run.status = RunStatus::Succeeded;
    other.status = RunStatus::Failed; // not watched
    watcher.observe({run, other});
    watcher.observe({run});
    QCOMPARE(transitions.count(), 2);
    QCOMPARE(transitions.at(1).at(0).value<Run>().status, RunStatus::Succeeded);
    QVERIFY(!watcher.hasOpenRuns());

    // Events the user turned off are not announced; the status is still tracked.
    Run quiet;
    quiet.runId = u"r3"_s;
    quiet.status = RunStatus::Active;
    watcher.watch(quiet);
    watcher.setEvents(RunWatcher::OnFailed);
    quiet.status = RunStatus::Succeeded;
    watcher.observe({quiet});
    QCOMPARE(transitions.count(), 2);
}

void TestRunsPoller::watcherStateRoundTrips()
{
    RunWatcher first;
    Run run;
    run.runId = u"r1"_s;
    run.status = RunStatus::Active;
    first.watch(run);
    first.setEvents(RunWatcher::OnSucceeded | RunWatcher::OnInactive);
    RunWatcher second;
    second.restoreState(first.saveState());
    QVERIFY(second.isWatched(u"r1"_s));
    QCOMPARE(second.events(), first.events());
    QSignalSpy transitions(&second, &RunWatcher::transition);
    run.status = RunStatus::Succeeded;
    second.observe({run});
    QCOMPARE(transitions.count(), 1); // the restored baseline was ACTIVE
}

QTEST_MAIN(TestRunsPoller)
#include "tst_runspoller.moc"
