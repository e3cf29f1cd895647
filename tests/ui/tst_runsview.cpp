// SPDX-License-Identifier: GPL-3.0-or-later
// The Runs view and RunsModel against the embedded local service: paging, server-side status and
// label filters, details of the selected run; QAbstractItemModelTester watches the model.
#include "core/models/flowsmodel.h"
#include "core/models/runsmodel.h"
#include "engine/servicefixture.h"
#include "ui/mainwindow.h"
#include "ui/runsview.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QToolButton>

using namespace Flowdeck::Core;
using namespace Flowdeck::Tests;

class TestRunsView : public QObject
{
    Q_OBJECT

private slots:
    void listsFiltersAndShowsRuns();
};

void TestRunsView::listsFiltersAndShowsRuns()
{
    QStandardPaths::setTestModeEnabled(true);
    ServiceFixture service;
    QVERIFY(service.start());
    const QString quick = service.createFlow(
        jsonObject(R"j({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}})j"), {}, u"Quick"_s);
    const QString slow = service.createFlow(
        jsonObject(R"j({"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 100000, "End": true}}})j"), {},
        u"Slow"_s);
    QStringList quickRuns;
    for (int i = 0; i < 25; ++i) {
        RunFlowOptions options;
        options.label = u"batch %1"_s.arg(i);
        quickRuns.append(service.startRun(quick, {}, options));
    }
    RunFlowOptions waiting;
    waiting.label = u"overnight"_s;
    const QString slowRun = service.startRun(slow, {}, waiting);
    QTRY_COMPARE_WITH_TIMEOUT(service.service->activeRunCount(), 1, 10'000);

    RunsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(10);
    FlowsModel flows;
    Flowdeck::Ui::MainWindow window(&flows, &model);
    window.setClient(service.client.get());
    window.showView(1);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Flowdeck::Ui::RunsView *runs = window.runsView();
    QTRY_VERIFY(model.rowCount() >= 10 && !model.isLoading());
    for (int i = 0; i < 10 && model.rowCount() < 26; ++i) {
        runs->view()->scrollToBottom();
        QTest::qWait(50);
    }
    QTRY_COMPARE(model.rowCount(), 26);
    QTRY_COMPARE(runs->countLabel()->text(), u"26 runs"_s); // counted once per event-loop turn
    QCOMPARE(model.runAt(0).runId, slowRun);                // newest first

    QTest::mouseClick(runs->statusChip(u"ACTIVE"_s), Qt::LeftButton);
    QTRY_COMPARE(model.rowCount(), 1);
    QCOMPARE(model.data(model.index(0, RunsModel::Label)).toString(), u"overnight"_s);
    QCOMPARE(model.data(model.index(0, RunsModel::Status)).toString(), u"ACTIVE"_s);
    QTest::mouseClick(runs->statusChip(u"ACTIVE"_s), Qt::LeftButton);
    QTest::keyClicks(runs->labelFilter(), u"batch 1"_s); // batch 1, 10-19
    QTRY_COMPARE(model.rowCount(), 11);

    runs->view()->setFocus();
    runs->view()->setCurrentIndex(model.index(0, 0));
    QVERIFY(runs->detailText().contains(model.runAt(0).runId));
    QVERIFY(runs->detailText().contains(u"FlowSucceeded"_s));
    Run open = model.runAt(0);
    open.completionTime = {};
    QCOMPARE(RunsModel::duration(open, open.startTime.addSecs(3725)), u"1 h 2 min"_s);
    QCOMPARE(RunsModel::duration(open, open.startTime.addSecs(75)), u"1 min 15 s"_s);
}

QTEST_MAIN(TestRunsView)
#include "tst_runsview.moc"
