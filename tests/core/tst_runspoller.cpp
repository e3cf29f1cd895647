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
    void manyEndingsAtOnceAreAllSeen();
    void openToOpenMovesAreSeenInAFilteredView();
    void changingTheFilterKeepsPolling();
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
    QVERIFY2(farm.pollRequests() >= 4 && farm.pollRequests() <= 21, qPrintable(QString::number(farm.pollRequests())));
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
    poller.setPaused(false);
    // 40 → 60 → 90 → 135 → ... : the interval only grows while nothing changes, up to the ceiling.
    QList<std::chrono::milliseconds> intervals;
    connect(&poller, &RunsPoller::polled, this, [&] { intervals.append(poller.currentInterval()); });
    QTRY_VERIFY_WITH_TIMEOUT(intervals.size() >= 6, 10'000);
    QCOMPARE(intervals.at(0), 60ms);
    for (qsizetype i = 1; i < intervals.size(); ++i)
        QVERIFY(intervals.at(i) >= intervals.at(i - 1));
    QVERIFY(intervals.constLast() > 100ms);
    QVERIFY(intervals.constLast() <= 400ms);

    FlowsClient broken(&m_network, QUrl(u"http://127.0.0.1:1"_s));
    broken.transport()->setRetryPolicy(fastRetries(0));
    RunsPoller failing;
    failing.setIntervals({20ms, 40ms, 400ms, 100ms});
    failing.setClient(&broken);
    QSignalSpy failures(&failing, &RunsPoller::pollFailed);
    failing.setPaused(false);
    QTRY_VERIFY(failures.count() >= 1);
    QCOMPARE(failing.currentInterval(), 100ms); // errors back off to afterError at once
    QTRY_VERIFY_WITH_TIMEOUT(failures.count() >= 2, 5000);
    QCOMPARE(failing.currentInterval(), 200ms); // and double with each further failure
}

// More runs end between two polls than a page holds: the completions window is walked page by page.
void TestRunsPoller::manyEndingsAtOnceAreAllSeen()
{
    RunsFarm farm(120);
    for (int i = 0; i < 120; ++i)
        farm.setStatus(i, u"ACTIVE"_s);
    FlowsClient client(&m_network, farm.baseUrl());
    RunsModel model;
    model.setPageSize(200);
    model.setClient(&client);
    QTRY_COMPARE(model.rowCount(), 120);
    RunsPoller poller;
    poller.setIntervals({20ms, 20ms, 20ms, 20ms});
    poller.setClient(&client);
    connect(&poller, &RunsPoller::runsArrived, &model, &RunsModel::mergeRuns);
    QList<Run> all;
    for (int row = 0; row < model.rowCount(); ++row)
        all.append(model.runAt(row));
    poller.noteRuns(all);
    poller.setPaused(false);
    for (int i = 0; i < 120; ++i)
        farm.setStatus(i, i % 3 ? u"SUCCEEDED"_s : u"FAILED"_s);
    auto finished = [&model] {
        int open = 0;
        for (int row = 0; row < model.rowCount(); ++row)
            open += isTerminal(model.runAt(row).status) ? 0 : 1;
        return open == 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(finished(), 10'000);
    QCOMPARE(model.rowCount(), 120);
}

// A view of ACTIVE runs whose run starts waiting: the row says INACTIVE (it is not a completion).
void TestRunsPoller::openToOpenMovesAreSeenInAFilteredView()
{
    RunsFarm farm(10);
    farm.setStatus(4, u"ACTIVE"_s);
    FlowsClient client(&m_network, farm.baseUrl());
    RunsModel model;
    RunsModel::Query query;
    query.statuses = {u"ACTIVE"_s};
    model.setQuery(query);
    model.setClient(&client);
    QTRY_COMPARE(model.rowCount(), 1);
    RunsPoller poller;
    poller.setIntervals({20ms, 20ms, 20ms, 20ms});
    poller.setQuery(query);
    poller.setClient(&client);
    connect(&poller, &RunsPoller::runsArrived, &model, &RunsModel::mergeRuns);
    poller.noteRuns({model.runAt(0)});
    poller.setPaused(false);
    farm.setStatus(4, u"INACTIVE"_s);
    QTRY_COMPARE(model.runAt(0).status, RunStatus::Inactive);
    farm.setStatus(4, u"ACTIVE"_s); // resumed
    QTRY_COMPARE(model.runAt(0).status, RunStatus::Active);
    QCOMPARE(model.rowCount(), 1);

    // A newer run that does not match the view's filter never joins it; one that matches does.
    Run other = model.runAt(0);
    other.runId = u"ffffffff-0000-4000-8000-000000000001"_s;
    other.startTime = other.startTime.addSecs(3600);
    other.status = RunStatus::Succeeded;
    other.statusText = u"SUCCEEDED"_s;
    model.mergeRuns({other});
    QCOMPARE(model.rowCount(), 1);
    other.status = RunStatus::Active;
    other.statusText = u"ACTIVE"_s;
    other.label = u"elsewhere"_s;
    RunsModel::Query labelled = query;
    labelled.label = u"Run 4"_s;
    model.setQuery(labelled);
    QTRY_COMPARE(model.rowCount(), 1);
    model.mergeRuns({other}); // right status, wrong label
    QCOMPARE(model.rowCount(), 1);
    other.label = u"Run 4 again"_s;
    other.statusText = u"ACTIVE"_s;
    model.mergeRuns({other});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.runAt(0).runId, other.runId);
    // One that started between the two (seen only once it ended, say) goes between them.
    Run between = other;
    between.runId = u"ffffffff-0000-4000-8000-000000000002"_s;
    between.startTime = model.runAt(1).startTime.addSecs(10);
    model.mergeRuns({between});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.runAt(1).runId, between.runId);
}

// A filter changed while a poll is out: the answer for the old filter is dropped and polling goes on.
void TestRunsPoller::changingTheFilterKeepsPolling()
{
    RunsFarm farm(10);
    FlowsClient client(&m_network, farm.baseUrl());
    RunsPoller poller;
    poller.setIntervals({20ms, 20ms, 20ms, 20ms});
    poller.setClient(&client);
    poller.setPaused(false);
    QVERIFY(poller.isPolling());
    RunsModel::Query query;
    query.label = u"Run 1"_s;
    poller.setQuery(query); // while the first poll is out
    const int count = poller.requestCount();
    QTRY_VERIFY_WITH_TIMEOUT(poller.requestCount() >= count + 3, 5000);
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
