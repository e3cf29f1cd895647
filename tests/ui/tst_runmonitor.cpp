// SPDX-License-Identifier: GPL-3.0-or-later
// The runs dashboard and the run detail against the embedded local service: a run watched live to
// its end (graph, timeline and log follow it, one notification), a long log tailed without gaps or
// repeats, search and filters over the log, cancel, release and resume from the detail, bulk tags,
// export.
#include "core/api/flowsclient.h"
#include "core/api/replies.h"
#include "core/lang/jsontext.h"
#include "core/models/flowsmodel.h"
#include "core/models/runlogmodel.h"
#include "core/models/runsmodel.h"
#include "core/models/runspoller.h"
#include "core/models/runwatcher.h"
#include "engine/servicefixture.h"
#include "ui/codeeditor.h"
#include "ui/definitionstudio.h"
#include "ui/errorbanner.h"
#include "ui/flowgraphview.h"
#include "ui/launchdialog.h"
#include "ui/launchform.h"
#include "ui/mainwindow.h"
#include "ui/rundetailview.h"
#include "ui/runeditdialog.h"
#include "ui/runlogview.h"
#include "ui/runsview.h"
#include "ui/studiodocument.h"
#include "ui/timelineview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QToolButton>

using namespace Flowdeck::Core;
using namespace Flowdeck::Tests;
using namespace std::chrono_literals;

namespace {

// Two Pass states, a 400 s wait (4 s at the fixture's time scale) and a Choice.
const char *Steps = R"j({"StartAt": "Prepare", "States": {
    "Prepare": {"Type": "Pass", "Next": "Hold"},
    "Hold": {"Type": "Wait", "Seconds": 400, "Next": "Decide"},
    "Decide": {"Type": "Choice", "Choices": [{"Variable": "$.fail", "BooleanEquals": true, "Next": "Broken"}],
               "Default": "Finish"},
    "Broken": {"Type": "Fail", "Error": "Requested", "Cause": "asked to fail"},
    "Finish": {"Type": "Pass", "End": true}}})j";

// Counts to n through a Choice loop: 3 log entries per round plus the start and the end.
const char *Loop = R"j({"StartAt": "Init", "States": {
    "Init": {"Type": "ExpressionEval", "Parameters": {"i": 0}, "ResultPath": "$.c", "Next": "Check"},
    "Check": {"Type": "Choice", "Choices": [{"Variable": "$.c.i", "NumericLessThanPath": "$.n", "Next": "Step"}],
              "Default": "Done"},
    "Step": {"Type": "ExpressionEval", "Parameters": {"i.=": "c.i + 1"}, "ResultPath": "$.c", "Next": "Check"},
    "Done": {"Type": "Pass", "End": true}}})j";

} // namespace

class TestRunMonitor : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void watchesARunToItsEnd();
    void tailsALongLogWithoutGapsOrRepeats();
    void searchesAndFiltersTheLog();
    void cancelsReleasesAndResumes();
    void bulkTagsAndExport();
    void startLikeThisRun();
    void openTheRunsDefinitionInTheStudio();
    void filtersAndSortGoToTheService();
    void expiredLogIsSaidPlainly();

private:
    Flowdeck::Ui::RunsView *runsView() { return m_window->runsView(); }
    Flowdeck::Ui::RunDetailView *detail() { return runsView()->detail(); }
    std::unique_ptr<ServiceFixture> m_service;
    std::unique_ptr<FlowsModel> m_flows;
    std::unique_ptr<RunsModel> m_runs;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<RunWatcher> m_watcher;
    std::unique_ptr<Flowdeck::Ui::MainWindow> m_window;
};

void TestRunMonitor::init()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    m_service = std::make_unique<ServiceFixture>();
    QVERIFY(m_service->start());
    m_flows = std::make_unique<FlowsModel>();
    m_runs = std::make_unique<RunsModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_runs.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_watcher = std::make_unique<RunWatcher>();
    m_window = std::make_unique<Flowdeck::Ui::MainWindow>(m_flows.get(), m_runs.get());
    m_window->setRunWatcher(m_watcher.get());
    runsView()->setConfirmationsEnabled(false);
    runsView()->poller()->setIntervals({50ms, 100ms, 300ms, 300ms});
    m_window->setClient(m_service->client.get());
    m_window->showView(1);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestRunMonitor::cleanup()
{
    m_window.reset();
    m_watcher.reset();
    m_tester.reset();
    m_runs.reset();
    m_flows.reset();
    m_service.reset();
}

void TestRunMonitor::watchesARunToItsEnd()
{
    const QString flowId = m_service->createFlow(jsonObject(Steps), {}, u"Steps"_s);
    RunFlowOptions options;
    options.label = u"watched"_s;
    const QString runId = m_service->startRun(flowId, QJsonObject{{u"fail"_s, false}}, options);
    QTRY_COMPARE(m_runs->rowCount(), 1);
    m_watcher->watch(m_runs->runAt(0));
    QSignalSpy notifications(m_watcher.get(), &RunWatcher::transition);
    runsView()->view()->setCurrentIndex(m_runs->index(0, 0));
    QCOMPARE(detail()->run().runId, runId);

    // While it holds: ACTIVE in the dashboard, the graph marks Hold as current, the timeline has a bar.
    QTRY_COMPARE(detail()->logModel()->currentState(), u"Hold"_s);
    QCOMPARE(m_runs->data(m_runs->index(0, RunsModel::Status)).toString(), u"ACTIVE"_s);
    QTRY_COMPARE(detail()->shownCurrentState(), u"Hold"_s);
    QCOMPARE(detail()->shownProgress(u"Prepare"_s), StateProgress::Succeeded);
    QCOMPARE(detail()->shownProgress(u"Hold"_s), StateProgress::Running);
    QCOMPARE(detail()->timeline()->rowCount(), 2);
    QVERIFY(detail()->actionButton(u"cancel"_s)->isEnabled());
    QVERIFY(!detail()->actionButton(u"release"_s)->isEnabled());

    // It ends: the row changes in place, the detail follows, the watcher tells once.
    QTRY_COMPARE_WITH_TIMEOUT(m_runs->runAt(0).status, RunStatus::Succeeded, 10'000);
    QTRY_COMPARE(detail()->run().status, RunStatus::Succeeded);
    QTRY_COMPARE(detail()->shownProgress(u"Finish"_s), StateProgress::Succeeded);
    QCOMPARE(detail()->shownProgress(u"Broken"_s), StateProgress::NotRun);
    QTRY_COMPARE(detail()->timeline()->rowCount(), 4); // Prepare, Hold, Decide, Finish
    QTRY_COMPARE(notifications.count(), 1);
    QVERIFY(m_window->lastNotification().contains(u"watched"_s));
    QVERIFY(m_window->lastNotification().startsWith(u"Run succeeded"_s));
    QTest::qWait(400); // more polls: no second notification
    QCOMPARE(notifications.count(), 1);
    QVERIFY(detail()->headerText().contains(u"SUCCEEDED"_s));
    QVERIFY(detail()->actionButton(u"release"_s)->isEnabled());

    // Live updates stop while the Runs view is not shown, and catch up when it is again.
    QVERIFY(!runsView()->poller()->isPaused());
    m_window->showView(0);
    QVERIFY(runsView()->poller()->isPaused());
    const int asked = runsView()->poller()->requestCount();
    QTest::qWait(300);
    QVERIFY(runsView()->poller()->requestCount() <= asked + 1); // at most the one already on its way
    QTRY_VERIFY(!runsView()->poller()->isPolling());            // an answer on its way when hidden has come
    const int before = runsView()->poller()->requestCount();
    m_window->showView(1);
    QVERIFY(!runsView()->poller()->isPaused());
    QCOMPARE(runsView()->poller()->requestCount(), before + 1); // at once, not after an interval

    // Replaying the log to its second entry shows the run as it was then.
    detail()->replaySlider()->setValue(1);
    QCOMPARE(detail()->shownCurrentState(), u"Prepare"_s);
    QCOMPARE(detail()->shownProgress(u"Finish"_s), StateProgress::NotRun);
    detail()->replaySlider()->setValue(detail()->replaySlider()->maximum());
    QCOMPARE(detail()->shownProgress(u"Finish"_s), StateProgress::Succeeded);
}

void TestRunMonitor::tailsALongLogWithoutGapsOrRepeats()
{
    const QString flowId = m_service->createFlow(jsonObject(Loop), {}, u"Loop"_s);
    detail()->logModel()->setPageSize(37); // pages end mid-round, and the tail re-reads a partial page
    const QString runId = m_service->startRun(flowId, QJsonObject{{u"n"_s, 400}});
    QTRY_COMPARE(m_runs->rowCount(), 1);
    runsView()->view()->setCurrentIndex(m_runs->index(0, 0));
    QTRY_COMPARE_WITH_TIMEOUT(detail()->run().status, RunStatus::Succeeded, 30'000);
    const QList<RunLogEntry> expected = m_service->logs(runId);
    QVERIFY(expected.size() > 1200);
    QTRY_COMPARE_WITH_TIMEOUT(detail()->logModel()->rowCount(), int(expected.size()), 20'000);
    for (int row = 0; row < expected.size(); ++row) {
        QCOMPARE(detail()->logModel()->entryAt(row).code, expected.at(row).code);
        QCOMPARE(detail()->logModel()->entryAt(row).time, expected.at(row).time.toMSecsSinceEpoch());
    }
    QCOMPARE(detail()->logModel()->spans().size(), 1 + 401 + 400 + 1); // Init, Check ×401, Step ×400, Done
}

void TestRunMonitor::searchesAndFiltersTheLog()
{
    const QString flowId = m_service->createFlow(jsonObject(Loop), {}, u"Loop"_s);
    const QString runId = m_service->startRun(flowId, QJsonObject{{u"n"_s, 5}});
    QCOMPARE(m_service->waitForRun(runId).status, RunStatus::Succeeded);
    QTRY_COMPARE(m_runs->rowCount(), 1);
    runsView()->view()->setCurrentIndex(m_runs->index(0, 0));
    Flowdeck::Ui::RunLogView *log = detail()->logView();
    QTRY_VERIFY(detail()->logModel()->isComplete() && detail()->logModel()->rowCount() == 28);
    const int all = log->visibleRows();
    QCOMPARE(all, detail()->logModel()->rowCount());

    log->stateFilter()->setCurrentIndex(log->stateFilter()->findData(u"Step"_s));
    emit log->stateFilter()->activated(log->stateFilter()->currentIndex());
    QCOMPARE(log->visibleRows(), 10); // 5 rounds, Started + Completed each
    log->stateFilter()->setCurrentIndex(0);
    emit log->stateFilter()->activated(0);

    QTest::keyClicks(log->searchField(), u"FlowSucceeded"_s);
    QTRY_COMPARE(log->visibleRows(), 1);
    log->table()->setCurrentIndex(log->table()->model()->index(0, 0));
    QVERIFY(log->detailsText().contains(u"\"output\""_s)); // the details, as JSON
    log->searchField()->clear();
    QTRY_COMPARE(log->visibleRows(), all);

    // Clicking a bar of the timeline selects the entry that started it.
    detail()->tabs()->setCurrentWidget(detail()->timeline());
    const QRect bar = detail()->timeline()->barRect(0);
    QVERIFY(bar.isValid());
    QTest::mouseClick(detail()->timeline()->viewport(), Qt::LeftButton, {}, bar.center());
    QCOMPARE(detail()->tabs()->currentWidget(), detail()->logView());
    QVERIFY(log->detailsText().contains(u"\"state_name\": \"Init\""_s));
    // The selected state's input and output, with the run's own input and final output.
    const QString data = detail()->dataText();
    QVERIFY2(data.contains(u"Output of Init"_s) && data.contains(u"Input of Init"_s), qPrintable(data));
    QVERIFY(data.contains(u"Final output"_s));
    QVERIFY(data.startsWith(u"Run input:\n{\n    \"n\": 5\n}"_s));
}

void TestRunMonitor::cancelsReleasesAndResumes()
{
    const QString slow = m_service->createFlow(
        jsonObject(R"j({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 100000, "End": true}}})j"), {},
        u"Slow"_s);
    const QString compute = m_service->createFlow(jsonObject(R"j({"StartAt": "Compute", "States": {
        "Compute": {"Type": "Action", "ActionUrl": "https://compute.actions.globus.org/v3", "Parameters": {},
                    "ResultPath": "$.r", "End": true}}})j"),
                                                  {}, u"Compute"_s);
    QFile mock(m_service->dir.filePath(u"mocks/%1.json"_s.arg(compute)));
    QVERIFY(QDir().mkpath(m_service->dir.filePath(u"mocks"_s)));
    QVERIFY(mock.open(QIODevice::WriteOnly));
    mock.write(R"j({"States": {"Compute": [
        {"status": "INACTIVE", "details": {"code": "ConsentRequired", "required_scope": "https://auth.globus.org/scopes/x/all"}},
        {"status": "SUCCEEDED", "details": {"answer": 42}}]}})j");
    mock.close();
    const QString slowRun = m_service->startRun(slow, {});
    const QString computeRun = m_service->startRun(compute, {});
    QTRY_COMPARE(m_runs->rowCount(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(m_runs->runAt(m_runs->rowOf(computeRun)).status, RunStatus::Inactive, 10'000);

    // Inactive: the header says why and what to do; Resume continues it to the end.
    runsView()->view()->setCurrentIndex(m_runs->index(m_runs->rowOf(computeRun), 0));
    QVERIFY(detail()->headerText().contains(u"consent"_s));
    QVERIFY(detail()->actionButton(u"resume"_s)->isEnabled());
    QTest::mouseClick(detail()->actionButton(u"resume"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_runs->runAt(m_runs->rowOf(computeRun)).status, RunStatus::Succeeded, 10'000);

    // Cancel (confirmation answered by the test), then release: the run leaves the list.
    runsView()->view()->setCurrentIndex(m_runs->index(m_runs->rowOf(slowRun), 0));
    QTest::mouseClick(detail()->actionButton(u"cancel"_s), Qt::LeftButton);
    QTRY_COMPARE(detail()->run().status, RunStatus::Failed); // as on Globus: FAILED with FlowCanceled
    QCOMPARE(detail()->run().details().value("code"_L1).toString(), u"FlowCanceled"_s);
    QCOMPARE(m_runs->runAt(m_runs->rowOf(slowRun)).status, RunStatus::Failed);
    QTRY_VERIFY(detail()->actionButton(u"release"_s)->isEnabled());
    QTest::mouseClick(detail()->actionButton(u"release"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_runs->rowCount(), 1, 5000);
    QCOMPARE(m_runs->runAt(0).runId, computeRun);
}

void TestRunMonitor::bulkTagsAndExport()
{
    const QString flowId = m_service->createFlow(jsonObject(Loop), {}, u"Loop"_s);
    QStringList ids;
    for (int i = 0; i < 3; ++i) {
        RunFlowOptions options;
        options.tags = QStringList{u"keep-%1"_s.arg(i), u"shared"_s};
        ids.append(m_service->startRun(flowId, QJsonObject{{u"n"_s, 2}}, options));
    }
    for (const QString &id : ids)
        QCOMPARE(m_service->waitForRun(id).status, RunStatus::Succeeded);
    QTRY_COMPARE(m_runs->rowCount(), 3);
    QTRY_VERIFY(m_runs->runAt(0).status == RunStatus::Succeeded && m_runs->runAt(2).status == RunStatus::Succeeded);
    runsView()->view()->selectAll();
    QCOMPARE(runsView()->selectedRuns().size(), 3);
    QVERIFY(runsView()->bulkButton(u"release"_s)->isEnabled());
    QVERIFY(!runsView()->bulkButton(u"cancel"_s)->isEnabled()); // nothing open among them

    // The tag dialog starts with the tags all three share; replacing "shared" keeps each run's own.
    QTimer::singleShot(0, this, [] {
        auto *dialog = qobject_cast<Flowdeck::Ui::RunEditDialog *>(QApplication::activeModalWidget());
        if (!dialog && QApplication::activeModalWidget())
            QApplication::activeModalWidget()->close(); // fail below rather than hang here
        QVERIFY(dialog);
        QCOMPARE(dialog->tagsEdit()->text(), u"shared"_s);
        dialog->tagsEdit()->selectAll();
        QTest::keyClicks(dialog->tagsEdit(), u"reviewed"_s);
        dialog->accept();
    });
    QTest::mouseClick(runsView()->bulkButton(u"tags"_s), Qt::LeftButton);
    for (const QString &id : ids) {
        QTRY_VERIFY(m_service->getRun(id).tags.contains(u"reviewed"_s));
        const Run run = m_service->getRun(id);
        QCOMPARE(run.tags.size(), 2);
        QVERIFY(!run.tags.contains(u"shared"_s));
        QTRY_COMPARE(m_runs->runAt(m_runs->rowOf(id)).tags, run.tags); // the rows follow
    }

    runsView()->view()->setCurrentIndex(m_runs->index(0, 0));
    QTRY_VERIFY(detail()->logModel()->isComplete() && detail()->logModel()->rowCount() > 0);

    // Label, tags and roles of one run from its detail; a wrong URN keeps OK disabled.
    QTimer::singleShot(0, this, [] {
        auto *dialog = qobject_cast<Flowdeck::Ui::RunEditDialog *>(QApplication::activeModalWidget());
        if (!dialog && QApplication::activeModalWidget())
            QApplication::activeModalWidget()->close(); // fail below rather than hang here
        QVERIFY(dialog);
        dialog->labelEdit()->setText(u"renamed"_s);
        dialog->managersEdit()->setPlainText(u"not-a-urn"_s);
        QVERIFY(!dialog->problem().isEmpty());
        dialog->managersEdit()->setPlainText(u"urn:globus:groups:id:fdb38a24-03c1-11e3-86f7-12313809f035"_s);
        QVERIFY(dialog->problem().isEmpty());
        dialog->accept();
    });
    QTest::mouseClick(detail()->actionButton(u"edit"_s), Qt::LeftButton);
    const QString edited = detail()->run().runId;
    QTRY_COMPARE(m_service->getRun(edited).label, u"renamed"_s);
    QCOMPARE(m_service->getRun(edited).runManagers(),
             QStringList{u"urn:globus:groups:id:fdb38a24-03c1-11e3-86f7-12313809f035"_s});
    QTRY_COMPARE(m_runs->runAt(m_runs->rowOf(edited)).label, u"renamed"_s);
    QTRY_VERIFY(detail()->headerText().startsWith(u"renamed"_s));

    QTemporaryDir dir;
    const QString path = dir.filePath(u"bundle.json"_s);
    QVERIFY(detail()->exportBundle(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject bundle = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(bundle.value("run"_L1)[u"run_id"_s].toString(), detail()->run().runId);
    QCOMPARE(bundle.value("definition"_L1).toObject(), jsonObject(Loop));
    QCOMPARE(bundle.value("input"_L1).toObject(), (QJsonObject{{u"n"_s, 2}}));
    QCOMPARE(bundle.value("log"_L1).toArray().size(), m_service->logs(detail()->run().runId).size());
    QCOMPARE(bundle.value("log_complete"_L1).toBool(), true);
}

void TestRunMonitor::startLikeThisRun()
{
    const QString flowId = m_service->createFlow(jsonObject(Loop), {}, u"Loop"_s);
    RunFlowOptions options;
    options.label = u"first"_s;
    options.tags = QStringList{u"batch-7"_s};
    const QString runId = m_service->startRun(flowId, QJsonObject{{u"n"_s, 3}}, options);
    QCOMPARE(m_service->waitForRun(runId).status, RunStatus::Succeeded);
    QTRY_COMPARE(m_runs->rowCount(), 1);
    runsView()->view()->setCurrentIndex(m_runs->index(0, 0));
    QTRY_VERIFY(detail()->logModel()->isComplete() && detail()->logModel()->rowCount() > 0);
    QTest::mouseClick(detail()->actionButton(u"like"_s), Qt::LeftButton);
    QTRY_VERIFY(m_window->findChild<Flowdeck::Ui::LaunchDialog *>());
    auto *dialog = m_window->findChild<Flowdeck::Ui::LaunchDialog *>();
    QCOMPARE(dialog->form()->document(), (QJsonObject{{u"n"_s, 3}}));
    QCOMPARE(dialog->tagsEdit()->text(), u"batch-7"_s);
    QCOMPARE(dialog->labelEdit()->text(), u"first (again)"_s);
    QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
    QTRY_COMPARE(m_runs->rowCount(), 2); // the new run, on top and selected
    QTRY_COMPARE(detail()->run().label, u"first (again)"_s);
    QCOMPARE(m_runs->runAt(0).runId, detail()->run().runId);
}

void TestRunMonitor::openTheRunsDefinitionInTheStudio()
{
    const QString flowId = m_service->createFlow(jsonObject(Loop), {}, u"Loop"_s);
    const QString runId = m_service->startRun(flowId, QJsonObject{{u"n"_s, 2}});
    QCOMPARE(m_service->waitForRun(runId).status, RunStatus::Succeeded);
    QTRY_COMPARE(m_runs->rowCount(), 1);
    runsView()->view()->setCurrentIndex(m_runs->index(0, 0));
    QTRY_VERIFY(detail()->actionButton(u"studio"_s)->isEnabled()); // once the pinned definition is known
    QTest::mouseClick(detail()->actionButton(u"studio"_s), Qt::LeftButton);
    Flowdeck::Ui::DefinitionStudio *studio = m_window->studio();
    QCOMPARE(studio->documents().size(), 1);
    QVERIFY(studio->isVisible());
    const Flowdeck::Ui::StudioDocument *document = studio->currentDocument();
    QCOMPARE(Flowdeck::Core::Lang::JsonText::parse(document->definitionEditor()->textBytes()).value().toObject(),
             jsonObject(Loop));
    QVERIFY(document->title().contains(u"from run"_s));
    QVERIFY(document->flowId().isEmpty()); // a copy to study or adapt, not the deployed flow
}

void TestRunMonitor::filtersAndSortGoToTheService()
{
    const QString flowId = m_service->createFlow(jsonObject(Loop), {}, u"Loop"_s);
    const QString other = m_service->createFlow(jsonObject(Loop), {}, u"Other"_s);
    const std::tuple<QString, QString, QString> runs[] = {
        {flowId, u"b-run"_s, u"red"_s}, {flowId, u"a-run"_s, u"blue"_s}, {other, u"c-run"_s, u"red"_s}};
    for (const auto &[flow, label, tag] : runs) {
        RunFlowOptions options;
        options.label = label;
        options.tags = QStringList{tag};
        m_service->startRun(flow, QJsonObject{{u"n"_s, 1}}, options);
    }
    QTRY_COMPARE(m_runs->rowCount(), 3);
    QTest::keyClicks(runsView()->tagFilter(), u"red"_s);
    QTRY_COMPARE(m_runs->rowCount(), 2);
    runsView()->setFlowChoices({{flowId, u"Loop"_s}, {other, u"Other"_s}});
    runsView()->flowFilter()->setCurrentIndex(runsView()->flowFilter()->findData(other));
    emit runsView()->flowFilter()->activated(runsView()->flowFilter()->currentIndex());
    QTRY_COMPARE(m_runs->rowCount(), 1);
    QCOMPARE(m_runs->runAt(0).label, u"c-run"_s);
    runsView()->tagFilter()->clear();
    runsView()->flowFilter()->setCurrentIndex(0);
    emit runsView()->flowFilter()->activated(0);
    runsView()->timeFilter()->setCurrentIndex(1); // the last hour: all of them
    emit runsView()->timeFilter()->activated(1);
    QTRY_COMPARE(m_runs->rowCount(), 3);
    // Sorting by label asks the service: a-run, b-run, c-run.
    QHeaderView *header = runsView()->view()->horizontalHeader();
    header->setSortIndicator(RunsModel::Label, Qt::AscendingOrder);
    emit header->sectionClicked(RunsModel::Label);
    QTRY_COMPARE(m_runs->query().orderby, QStringList{u"label ASC"_s});
    QTRY_COMPARE(m_runs->rowCount(), 3);
    QTRY_COMPARE(m_runs->runAt(0).label, u"a-run"_s);
    QCOMPARE(m_runs->runAt(2).label, u"c-run"_s);
}

void TestRunMonitor::expiredLogIsSaidPlainly()
{
    Run gone;
    gone.runId = u"0b5d4ad4-0000-4000-8000-00000000dead"_s;
    gone.label = u"long ago"_s;
    gone.status = RunStatus::Succeeded;
    detail()->setRun(gone);
    QTRY_VERIFY(detail()->banner()->isVisible());
    QTRY_VERIFY(detail()->banner()->message().contains(u"no longer has this run's log"_s));
    QCOMPARE(detail()->logModel()->rowCount(), 0);
}

QTEST_MAIN(TestRunMonitor)
#include "tst_runmonitor.moc"
