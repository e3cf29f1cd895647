// SPDX-License-Identifier: GPL-3.0-or-later
// The run launcher against the embedded local service: a run started from the generated form,
// the form and the JSON tab in sync, the service's errors on their fields, exactly one run for a
// double click and for a connection dropped after the service started the run, presets and the
// last inputs remembered.
#include "core/api/flowsclient.h"
#include "core/api/replies.h"
#include "core/api/specificflowclient.h"
#include "core/models/flowsmodel.h"
#include "core/models/runsmodel.h"
#include "engine/servicefixture.h"
#include "fakes/droppingproxy.h"
#include "fakes/fakeflowsserver.h"
#include "ui/flowbrowser.h"
#include "ui/launchdialog.h"
#include "ui/launchform.h"
#include "ui/mainwindow.h"
#include "ui/rundetailview.h"
#include "ui/runsview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>

using namespace Flowdeck::Core;
using namespace Flowdeck::Tests;
using Flowdeck::Ui::LaunchDialog;

namespace {

const char *Definition = R"j({"StartAt": "Greet", "States": {
    "Greet": {"Type": "Pass", "Parameters": {"text.=": "'hello ' + name"}, "ResultPath": "$.greeting", "End": true}}})j";
const char *Schema = R"j({"type": "object", "required": ["name"], "additionalProperties": false, "properties": {
    "name": {"type": "string", "title": "Name", "minLength": 2},
    "count": {"type": "integer", "minimum": 1, "default": 3}}})j";

} // namespace

class TestLauncher : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void startsFromTheFormExactlyOnce();
    void formAndJsonStayInSync();
    void serviceErrorsLandOnTheirFields();
    void droppedConnectionFindsTheStartedRun();
    void presetsAndLastInputsAreRemembered();
    void consentRequirementAsksForTheFlowsScope();
    void ctrlR_opensTheLauncherForTheSelectedFlow();

private:
    Flow deployed(const QString &id) { return ServiceFixture::wait(m_service->client->getFlow(id))->value(); }
    QList<Run> runsOf(const QString &flowId)
    {
        ListRunsOptions options;
        options.filterFlowId = {flowId};
        return ServiceFixture::wait(m_service->client->listRuns(options))->value().items;
    }
    std::unique_ptr<ServiceFixture> m_service;
    QString m_flowId;
};

void TestLauncher::init()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    m_service = std::make_unique<ServiceFixture>();
    QVERIFY(m_service->start());
    m_flowId = m_service->createFlow(jsonObject(Definition), jsonObject(Schema), u"Greeter"_s);
    QVERIFY(!m_flowId.isEmpty());
}

void TestLauncher::startsFromTheFormExactlyOnce()
{
    FlowsModel flows;
    RunsModel runs;
    Flowdeck::Ui::MainWindow window(&flows, &runs);
    window.setClient(m_service->client.get());
    window.show();
    LaunchDialog *dialog = window.startRun(deployed(m_flowId));
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto *name = qobject_cast<QLineEdit *>(dialog->form()->fieldWidget(u"$.name"_s));
    QVERIFY(name);
    QTest::keyClicks(name, u"Ada"_s);
    dialog->labelEdit()->clear();
    QTest::keyClicks(dialog->labelEdit(), u"first try"_s);
    QTest::keyClicks(dialog->tagsEdit(), u"demo, beamline"_s);
    QTest::mouseClick(dialog->notifyOn(u"FAILED"_s), Qt::LeftButton);
    QPointer<LaunchDialog> guard(dialog);
    QTest::mouseDClick(dialog->startButton(), Qt::LeftButton); // an impatient double click
    if (guard)
        QTest::mouseClick(dialog->startButton(), Qt::LeftButton); // and a third for good measure
    QTRY_VERIFY(guard.isNull() || !guard->startedRun().runId.isEmpty());
    QTRY_COMPARE(runsOf(m_flowId).size(), 1);
    const Run run = runsOf(m_flowId).constFirst();
    QCOMPARE(run.label, u"first try"_s);
    QCOMPARE(run.tags, (QStringList{u"demo"_s, u"beamline"_s}));
    QCOMPARE(run.raw().value("activity_notification_policy"_L1)[u"status"_s].toArray(),
             (QJsonArray{u"INACTIVE"_s, u"FAILED"_s}));
    const Run done = m_service->waitForRun(run.runId);
    QCOMPARE(done.status, RunStatus::Succeeded);
    QCOMPARE(done.details().value("output"_L1)[u"greeting"_s][u"text"_s].toString(), u"hello Ada"_s);
    QCOMPARE(done.details().value("output"_L1)[u"count"_s].toInt(), 3); // the schema's default
    // The window shows the new run in Runs, selected.
    QTRY_COMPARE(window.runsView()->detail()->run().runId, run.runId);
    QTest::qWait(100);
    QCOMPARE(runsOf(m_flowId).size(), 1);
}

void TestLauncher::formAndJsonStayInSync()
{
    LaunchDialog dialog(m_service->client.get(), deployed(m_flowId));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClicks(qobject_cast<QLineEdit *>(dialog.form()->fieldWidget(u"$.name"_s)), u"Grace"_s);
    QCOMPARE(QJsonDocument::fromJson(dialog.rawEditor()->toPlainText().toUtf8()).object(),
             jsonObject(R"j({"name": "Grace", "count": 3})j"));
    dialog.inputTabs()->setCurrentIndex(1);
    dialog.rawEditor()->selectAll();
    QTest::keyClicks(dialog.rawEditor(), uR"({"name": "Lin", "count": 7, "extra": true})"_s);
    QTRY_COMPARE(qobject_cast<QLineEdit *>(dialog.form()->fieldWidget(u"$.name"_s))->text(), u"Lin"_s);
    QCOMPARE(dialog.form()->document().value("extra"_L1), QJsonValue(true)); // kept, not dropped
    // Broken JSON: a clear error with its place, the text kept as typed, the form unchanged.
    QTest::keyClick(dialog.rawEditor(), Qt::Key_End, Qt::ControlModifier);
    QTest::keyClicks(dialog.rawEditor(), u"oops"_s);
    QTRY_VERIFY(dialog.rawError().startsWith(u"Line 1, column"_s));
    QVERIFY(dialog.rawEditor()->toPlainText().endsWith(u"oops"_s));
    QCOMPARE(qobject_cast<QLineEdit *>(dialog.form()->fieldWidget(u"$.name"_s))->text(), u"Lin"_s);
    QTest::mouseClick(dialog.startButton(), Qt::LeftButton);
    QCOMPARE(dialog.startRequests(), 0); // nothing is started from broken JSON
    QCOMPARE(runsOf(m_flowId).size(), 0);
}

// The listing the dialog was opened from is older than the flow: the service's schema is stricter,
// so local validation passes and validate_run's loc errors must land on the right field.
void TestLauncher::serviceErrorsLandOnTheirFields()
{
    Flow stale = deployed(m_flowId);
    QJsonObject lax = stale.inputSchema;
    QJsonObject properties = lax.value("properties"_L1).toObject();
    QJsonObject name = properties.value("name"_L1).toObject();
    name.remove(u"minLength"_s);
    properties.insert(u"name"_s, name);
    lax.insert(u"properties"_s, properties);
    stale.inputSchema = lax;
    LaunchDialog dialog(m_service->client.get(), stale);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClicks(qobject_cast<QLineEdit *>(dialog.form()->fieldWidget(u"$.name"_s)), u"X"_s);
    QTest::mouseClick(dialog.startButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog.form()->errorsAt(u"$.name"_s).isEmpty());
    QVERIFY(dialog.form()->errorsAt(u"$.count"_s).isEmpty());
    QVERIFY(dialog.startButton()->isEnabled()); // the user can fix it and try again
    QCOMPARE(dialog.startRequests(), 0);
    QCOMPARE(runsOf(m_flowId).size(), 0);
}

void TestLauncher::droppedConnectionFindsTheStartedRun()
{
    DroppingProxy proxy(m_service->service->url(), "POST /flows/", "/run");
    FlowsClient client(&m_service->network, proxy.url());
    client.setAuthorizer(new StaticTokenAuthorizer(m_service->service->token().toLatin1(), &client));
    client.transport()->setRetryPolicy(fastRetries(0));
    LaunchDialog dialog(&client, deployed(m_flowId));
    QSignalSpy started(&dialog, &LaunchDialog::runStarted);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClicks(qobject_cast<QLineEdit *>(dialog.form()->fieldWidget(u"$.name"_s)), u"Bob"_s);
    QTest::mouseClick(dialog.startButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 15'000);
    QCOMPARE(proxy.dropped(), 1);        // the service started it, the answer was lost
    QCOMPARE(dialog.startRequests(), 1); // and it was not sent again
    QCOMPARE(runsOf(m_flowId).size(), 1);
    QCOMPARE(started.at(0).at(0).value<Run>().runId, runsOf(m_flowId).constFirst().runId);
}

void TestLauncher::presetsAndLastInputsAreRemembered()
{
    {
        LaunchDialog dialog(m_service->client.get(), deployed(m_flowId));
        dialog.show();
        QTest::keyClicks(qobject_cast<QLineEdit *>(dialog.form()->fieldWidget(u"$.name"_s)), u"Preset person"_s);
        dialog.savePreset(u"nightly"_s);
        QTest::mouseClick(dialog.startButton(), Qt::LeftButton);
        QTRY_VERIFY(!dialog.startedRun().runId.isEmpty());
    }
    LaunchDialog again(m_service->client.get(), deployed(m_flowId));
    QCOMPARE(again.form()->document().value("name"_L1).toString(), u"Preset person"_s); // the last inputs
    again.form()->setDocument(jsonObject(R"j({"name": "someone else"})j"));
    QVERIFY(again.presets()->findData(u"nightly"_s) > 0);
    again.applyPreset(u"nightly"_s);
    QCOMPARE(again.form()->document().value("name"_L1).toString(), u"Preset person"_s);
}

// A Globus flow whose scope the user has not consented to: the service answers validate_run with a
// 403 carrying authorization parameters; the launcher (through the main window) asks for a sign-in
// for that flow, with the parameters, and starts nothing.
void TestLauncher::consentRequirementAsksForTheFlowsScope()
{
    FakeFlowsServer fake;
    const QString flowId = u"24bc4997-b483-4c25-a19c-64b0afc00743"_s;
    const QJsonObject gare{{u"code"_s, u"AuthorizationRequired"_s},
                           {u"authorization_parameters"_s,
                            QJsonObject{{u"session_message"_s, u"Consent needed"_s},
                                        {u"required_scopes"_s, QJsonArray{SpecificFlowClient::userScopeFor(flowId)}}}}};
    fake.enqueueJson("POST", u"/flows/%1/validate_run"_s.arg(flowId), 403, gare);
    FlowsClient client(&m_service->network, fake.baseUrl());
    client.transport()->setRetryPolicy(fastRetries(0));
    FlowsModel flows;
    Flowdeck::Ui::MainWindow window(&flows);
    window.setClient(&client);
    QSignalSpy asked(&window, &Flowdeck::Ui::MainWindow::authorizationRequired);
    Flow flow = deployed(m_flowId);
    flow.id = flowId;
    LaunchDialog *dialog = window.startRun(flow);
    QVERIFY(dialog);
    QTest::keyClicks(qobject_cast<QLineEdit *>(dialog->form()->fieldWidget(u"$.name"_s)), u"Ada"_s);
    QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
    QTRY_COMPARE(asked.count(), 1);
    QCOMPARE(asked.at(0).at(0).toString(), flowId);
    const ApiError error = asked.at(0).at(1).value<ApiError>();
    QCOMPARE(error.authorizationParameters.value("required_scopes"_L1).toArray().at(0).toString(),
             SpecificFlowClient::userScopeFor(flowId));
    QCOMPARE(dialog->startRequests(), 0);
    QVERIFY(dialog->startButton()->isEnabled()); // after signing in, the user starts again
}

void TestLauncher::ctrlR_opensTheLauncherForTheSelectedFlow()
{
    FlowsModel flows;
    Flowdeck::Ui::MainWindow window(&flows);
    window.setClient(m_service->client.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(flows.rowCount(), 1);
    window.flowBrowser()->view()->setFocus();
    window.flowBrowser()->view()->setCurrentIndex(flows.index(0, 0));
    QTest::keyClick(window.flowBrowser()->view(), Qt::Key_R, Qt::ControlModifier);
    QTRY_VERIFY(window.findChild<LaunchDialog *>());
    LaunchDialog *dialog = window.findChild<LaunchDialog *>();
    QVERIFY(dialog->windowTitle().contains(u"Greeter"_s));
    QVERIFY(dialog->form()->fieldWidget(u"$.name"_s));
    dialog->reject();
}

QTEST_MAIN(TestLauncher)
#include "tst_launcher.moc"
