// SPDX-License-Identifier: GPL-3.0-or-later
// The core client against the embedded local service over real loopback HTTP: every route, its
// errors, roles and permissions, paging, web inputs, resume, and persistence across restarts.
#include "core/api/specificflowclient.h"
#include "servicefixture.h"

#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Flowdeck::Core;
using namespace Flowdeck::Tests;

namespace {

const char *PassFlow = R"j({"StartAt": "A", "States": {
    "A": {"Type": "Pass", "Parameters": {"greeting.=": "'hello ' + name"}, "ResultPath": "$.out", "Next": "B"},
    "B": {"Type": "Pass", "End": true}}})j";
const char *NameSchema = R"j({"type": "object", "required": ["name"],
    "properties": {"name": {"type": "string", "minLength": 2}, "count": {"type": "integer"}}})j";
const char *WaitFlow = R"j({"StartAt": "Sleep", "States": {
    "Sleep": {"Type": "Wait", "Seconds": 600, "Next": "Done"}, "Done": {"Type": "Pass", "End": true}}})j";
const QString Other = u"urn:globus:auth:identity:11111111-2222-3333-4444-555555555555"_s;

} // namespace

class TestLocalService : public QObject
{
    Q_OBJECT

private slots:
    void unauthenticated_getsTheServiceError();
    void samples_createdOnceAndRunnable();
    void flowCrud_andValidation();
    void flowMetadataLimits_data();
    void flowMetadataLimits();
    void malformedBodies_get422();
    void listFlows_filtersSortsAndPages();
    void runInput_validatedAgainstSchema();
    void run_completesWithLogPagedBothWays();
    void cancelMidWait_thenRelease();
    void updateRun_andListFilters();
    void webInput_pausesUntilAnswered();
    void resume_retriesAnInactiveAction();
    void otherIdentities_seeOnlyWhatTheirRolesAllow();
    void restart_keepsEverything();
    void unknownRoutes_andIds();
};

void TestLocalService::unauthenticated_getsTheServiceError()
{
    ServiceFixture f;
    QVERIFY(f.start());
    FlowsClient anonymous(&f.network, f.service->url());
    auto reply = ServiceFixture::wait(anonymous.listFlows());
    QCOMPARE(reply->error().httpStatus, 401);
    QCOMPARE(reply->error().code, u"AUTHENTICATION_ERROR"_s);
    FlowsClient wrong(&f.network, f.service->url());
    wrong.setAuthorizer(new StaticTokenAuthorizer("not-the-token", &wrong));
    QCOMPARE(ServiceFixture::wait(wrong.listFlows())->error().httpStatus, 401);
}

void TestLocalService::samples_createdOnceAndRunnable()
{
    QTemporaryDir dir;
    {
        ServiceFixture f(true, dir.path());
        QVERIFY(f.start());
        auto list = ServiceFixture::wait(f.client->listFlows());
        QCOMPARE(list->value().items.size(), 6);
        // Every sample runs to its end with the defaults of its own input schema.
        for (const Flow &flow : list->value().items) {
            QJsonObject input;
            const QJsonObject properties = flow.inputSchema.value("properties"_L1).toObject();
            for (auto it = properties.begin(); it != properties.end(); ++it) {
                QJsonObject property = it.value().toObject();
                if (property.contains("default"_L1)) {
                    input.insert(it.key(), property.value("default"_L1));
                } else {
                    QJsonObject nested;
                    const QJsonObject inner = property.value("properties"_L1).toObject();
                    for (auto n = inner.begin(); n != inner.end(); ++n)
                        nested.insert(n.key(), n.value()[u"default"_s]);
                    input.insert(it.key(), nested);
                }
            }
            const QString runId = f.startRun(flow.id, input);
            QVERIFY2(!runId.isEmpty(), qPrintable(flow.title));
            const Run run = f.waitForRun(runId);
            const RunStatus expected = flow.title.contains("Approval"_L1) ? RunStatus::Inactive : RunStatus::Succeeded;
            QVERIFY2(run.status == expected, qPrintable(flow.title + u": "_s + run.statusText + u" "_s +
                                                        QString::fromUtf8(QJsonDocument(run.details()).toJson())));
        }
    }
    ServiceFixture again(true, dir.path());
    QVERIFY(again.start());
    QCOMPARE(ServiceFixture::wait(again.client->listFlows())->value().items.size(), 6); // not created twice
}

void TestLocalService::flowCrud_andValidation()
{
    ServiceFixture f;
    QVERIFY(f.start());
    auto created =
        ServiceFixture::wait(f.client->createFlow(u"Greeter"_s, jsonObject(PassFlow), jsonObject(NameSchema)));
    QVERIFY2(!created->error().isError(), qPrintable(created->error().message()));
    const Flow flow = created->value();
    QCOMPARE(flow.title, u"Greeter"_s);
    QCOMPARE(flow.flowOwner, f.service->userUrn());
    QVERIFY(flow.globusAuthScope.contains(flow.id));

    UpdateFlowOptions update;
    update.title = u"Greeter 2"_s;
    update.keywords = QStringList{u"greeting"_s};
    auto updated = ServiceFixture::wait(f.client->updateFlow(flow.id, update));
    QCOMPARE(updated->value().title, u"Greeter 2"_s);
    QCOMPARE(updated->value().keywords, QStringList{u"greeting"_s});
    QCOMPARE(ServiceFixture::wait(f.client->getFlow(flow.id))->value().title, u"Greeter 2"_s);

    // The toolkit's diagnostics, in the service's 422 form with loc.
    auto invalid = ServiceFixture::wait(
        f.client->createFlow(u"Broken"_s, jsonObject(R"j({"StartAt": "A", "States": {"A": {"Type": "Pass"}}})j"), {}));
    QCOMPARE(invalid->error().httpStatus, 422);
    QCOMPARE(invalid->error().code, u"UNPROCESSABLE_ENTITY"_s);
    QVERIFY(!invalid->error().details.isEmpty());
    QStringList locs;
    for (const auto &detail : invalid->error().details)
        locs.append(detail.jsonPath());
    QVERIFY2(locs.contains(u"$.definition.States.A"_s), qPrintable(locs.join(u", "_s))); // no Next or End

    auto valid = ServiceFixture::wait(f.client->validateFlow(jsonObject(
        R"j({"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "B"}], "Default": "C"},
        "B": {"Type": "Action", "ActionUrl": "https://actions.globus.org/hello_world", "ResultPath": "$.h", "End": true},
        "C": {"Type": "Pass", "End": true}}})j")));
    QVERIFY2(!valid->error().isError(), qPrintable(valid->error().message()));
    QCOMPARE(valid->value().numberOfPossibilities, std::optional<qint64>(2));
    QVERIFY(valid->value().scopes.value(u"User"_s).contains(
        u"https://auth.globus.org/scopes/actions.globus.org/hello_world"_s));
    QCOMPARE(ServiceFixture::wait(f.client->validateFlow(jsonObject(R"j({"States": {}})j")))->error().httpStatus, 422);

    auto deleted = ServiceFixture::wait(f.client->deleteFlow(flow.id));
    QVERIFY(!deleted->error().isError());
    QCOMPARE(ServiceFixture::wait(f.client->getFlow(flow.id))->error().httpStatus, 404);
}

void TestLocalService::flowMetadataLimits_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<QStringList>("viewers");
    QTest::addColumn<QString>("loc");
    QTest::newRow("empty title") << QString() << QStringList() << u"$.body.title"_s;
    QTest::newRow("long title") << QString(129, u'x') << QStringList() << u"$.body.title"_s;
    QStringList many;
    for (int i = 0; i < 17; ++i)
        many.append(u"urn:globus:auth:identity:00000000-0000-0000-0000-0000000000%1"_s.arg(i, 2, 10, QChar(u'0')));
    QTest::newRow("17 principals") << u"ok"_s << many << u"$.body.flow_viewers"_s;
    QTest::newRow("not a urn") << u"ok"_s << QStringList{u"alice@example.org"_s} << u"$.body.flow_viewers[0]"_s;
}

void TestLocalService::flowMetadataLimits()
{
    QFETCH(QString, title);
    QFETCH(QStringList, viewers);
    QFETCH(QString, loc);
    ServiceFixture f;
    QVERIFY(f.start());
    CreateFlowOptions options;
    if (!viewers.isEmpty())
        options.flowViewers = viewers;
    auto reply = ServiceFixture::wait(f.client->createFlow(title, jsonObject(PassFlow), {}, options));
    QCOMPARE(reply->error().httpStatus, 422);
    QStringList locs;
    for (const auto &detail : reply->error().details)
        locs.append(detail.jsonPath());
    QVERIFY2(locs.contains(loc), qPrintable(locs.join(u", "_s)));
    QVERIFY(f.service->url().isValid());
    QCOMPARE(ServiceFixture::wait(f.client->listFlows())->value().items.size(), 0); // nothing stored
}

void TestLocalService::malformedBodies_get422()
{
    ServiceFixture f;
    QVERIFY(f.start());
    QNetworkRequest request(f.service->url().resolved(QUrl(u"flows"_s)));
    request.setRawHeader("Authorization", "Bearer " + f.service->token().toLatin1());
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    for (const QByteArray &body : {QByteArray("{\"title\": "), QByteArray("[1, 2]"), QByteArray()}) {
        std::unique_ptr<QNetworkReply> reply(f.network.post(request, body));
        QSignalSpy done(reply.get(), &QNetworkReply::finished);
        QVERIFY(done.wait());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 422);
        const QJsonObject error = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(error.value("error"_L1)[u"code"_s].toString(), u"UNPROCESSABLE_ENTITY"_s);
        QVERIFY(error.contains("debug_id"_L1));
    }
}

void TestLocalService::listFlows_filtersSortsAndPages()
{
    ServiceFixture f;
    QVERIFY(f.start());
    for (const QString &title : {u"Delta"_s, u"alpha"_s, u"Charlie"_s, u"Bravo"_s, u"Echo transfer"_s})
        QVERIFY(!f.createFlow(jsonObject(PassFlow), {}, title).isEmpty());
    ListFlowsOptions sorted;
    sorted.orderby = {u"title ASC"_s};
    sorted.perPage = 2;
    std::unique_ptr<FlowPaginator> pages(f.client->paginateFlows(sorted));
    pages->setCollecting(true);
    QSignalSpy done(pages.get(), &FlowPaginator::finished);
    pages->fetchAll();
    QVERIFY(done.wait());
    QStringList titles;
    for (const Flow &flow : pages->items())
        titles.append(flow.title);
    QCOMPARE(titles, (QStringList{u"alpha"_s, u"Bravo"_s, u"Charlie"_s, u"Delta"_s, u"Echo transfer"_s}));

    ListFlowsOptions search;
    search.filterFulltext = u"TRANSFER"_s;
    QCOMPARE(ServiceFixture::wait(f.client->listFlows(search))->value().items.size(), 1);
    ListFlowsOptions roles;
    roles.filterRoles = {u"flow_starter"_s};
    QCOMPARE(ServiceFixture::wait(f.client->listFlows(roles))->value().items.size(), 0); // owner, not starter
    roles.filterRoles = {u"flow_starter"_s, u"flow_owner"_s};
    QCOMPARE(ServiceFixture::wait(f.client->listFlows(roles))->value().items.size(), 5);
    ListFlowsOptions badOrder;
    badOrder.orderby = {u"colour ASC"_s};
    QCOMPARE(ServiceFixture::wait(f.client->listFlows(badOrder))->error().httpStatus, 422);
}

void TestLocalService::runInput_validatedAgainstSchema()
{
    ServiceFixture f;
    QVERIFY(f.start());
    const QString flowId = f.createFlow(jsonObject(PassFlow), jsonObject(NameSchema));
    auto bad = ServiceFixture::wait(f.client->runFlow(flowId, QJsonObject{{u"name"_s, u"x"_s}, {u"count"_s, u"3"_s}}));
    QCOMPARE(bad->error().httpStatus, 400);
    QCOMPARE(bad->error().code, u"FLOW_INPUT_ERROR"_s);
    QStringList locs;
    for (const auto &detail : bad->error().details)
        locs.append(detail.loc.first().toString());
    locs.sort();
    QCOMPARE(locs, (QStringList{u"$.count"_s, u"$.name"_s}));
    SpecificFlowClient specific(f.client.get(), flowId);
    auto ok = ServiceFixture::wait(specific.validateRun(QJsonObject{{u"name"_s, u"Ada"_s}}));
    QVERIFY2(!ok->error().isError(), qPrintable(ok->error().message()));
    QCOMPARE(ok->value().message, u"validation successful"_s);
    QCOMPARE(ServiceFixture::wait(f.client->listRuns())->value().items.size(), 0); // validation starts nothing
}

void TestLocalService::run_completesWithLogPagedBothWays()
{
    ServiceFixture f;
    QVERIFY(f.start());
    const QString flowId = f.createFlow(jsonObject(PassFlow), jsonObject(NameSchema));
    RunFlowOptions options;
    options.label = u"first"_s;
    options.tags = QStringList{u"t1"_s};
    const QString runId = f.startRun(flowId, {{u"name"_s, u"Ada"_s}}, options);
    const Run run = f.waitForRun(runId);
    QCOMPARE(run.status, RunStatus::Succeeded);
    QCOMPARE(run.details().value("code"_L1).toString(), u"FlowSucceeded"_s);
    QCOMPARE(run.details().value("output"_L1)[u"out"_s][u"greeting"_s].toString(), u"hello Ada"_s);
    QVERIFY(run.completionTime.isValid());
    QCOMPARE(run.label, u"first"_s);

    const QList<RunLogEntry> entries = f.logs(runId, 2); // three pages of two
    QCOMPARE(ServiceFixture::codes(entries), (QStringList{u"FlowStarted"_s, u"PassStarted"_s, u"PassCompleted"_s,
                                                          u"PassStarted"_s, u"PassCompleted"_s, u"FlowSucceeded"_s}));
    QCOMPARE(entries.at(1).stateName(), u"A"_s);
    QCOMPARE(entries.at(1).stateType(), u"Pass"_s);
    RunLogOptions reverse;
    reverse.reverseOrder = true;
    reverse.limit = 4;
    auto newest = ServiceFixture::wait(f.client->getRunLogs(runId, reverse));
    QCOMPARE(newest->value().items.size(), 4);
    QCOMPARE(newest->value().items.first().code, u"FlowSucceeded"_s);
    QVERIFY(newest->value().hasNextPage);
    reverse.marker = newest->value().marker;
    auto oldest = ServiceFixture::wait(f.client->getRunLogs(runId, reverse));
    QCOMPARE(ServiceFixture::codes(oldest->value().items), (QStringList{u"PassStarted"_s, u"FlowStarted"_s}));

    auto definition = ServiceFixture::wait(f.client->getRunDefinition(runId));
    QCOMPARE(definition->value().definition, jsonObject(PassFlow));
    GetRunOptions withFlow;
    withFlow.includeFlowDescription = true;
    QCOMPARE(ServiceFixture::wait(f.client->getRun(runId, withFlow))->value().flowDescription()[u"id"_s].toString(),
             flowId);
}

void TestLocalService::cancelMidWait_thenRelease()
{
    ServiceFixture f;
    QVERIFY(f.start());
    const QString runId = f.startRun(f.createFlow(jsonObject(WaitFlow)), {});
    QTest::qWait(100);
    QCOMPARE(f.getRun(runId).status, RunStatus::Active); // 600 s × 0.01 = 6 s of waiting
    auto early = ServiceFixture::wait(f.client->releaseRun(runId));
    QCOMPARE(early->error().httpStatus, 409);
    QCOMPARE(early->error().code, u"STATE_CONFLICT"_s);
    auto canceled = ServiceFixture::wait(f.client->cancelRun(runId));
    QVERIFY(!canceled->error().isError());
    QCOMPARE(canceled->value().status, RunStatus::Failed);
    QCOMPARE(canceled->value().details().value("code"_L1).toString(), u"FlowCanceled"_s);
    QTest::qWait(100);
    QCOMPARE(ServiceFixture::codes(f.logs(runId)),
             (QStringList{u"FlowStarted"_s, u"WaitStarted"_s, u"FlowCanceled"_s})); // the wait never completes
    QCOMPARE(ServiceFixture::wait(f.client->cancelRun(runId))->error().httpStatus, 409);
    QVERIFY(!ServiceFixture::wait(f.client->releaseRun(runId))->error().isError());
    QCOMPARE(ServiceFixture::wait(f.client->getRun(runId))->error().httpStatus, 404);
}

void TestLocalService::updateRun_andListFilters()
{
    ServiceFixture f;
    QVERIFY(f.start());
    const QString quick = f.createFlow(jsonObject(PassFlow), jsonObject(NameSchema));
    const QString slow = f.createFlow(jsonObject(WaitFlow));
    const QString a = f.startRun(quick, {{u"name"_s, u"Ada"_s}});
    const QString b = f.startRun(slow, {});
    f.waitForRun(a);
    UpdateRunOptions update;
    update.label = u"renamed"_s;
    update.tags = QStringList{u"blue"_s, u"green"_s};
    auto updated = ServiceFixture::wait(f.client->updateRun(a, update));
    QCOMPARE(updated->value().label, u"renamed"_s);
    QCOMPARE(updated->value().tags, (QStringList{u"blue"_s, u"green"_s}));
    auto count = [&](const ListRunsOptions &options) {
        return ServiceFixture::wait(f.client->listRuns(options))->value().items.size();
    };
    ListRunsOptions byStatus;
    byStatus.filterStatus = {u"ACTIVE"_s};
    QCOMPARE(count(byStatus), 1);
    ListRunsOptions byTag;
    byTag.filterTags = {u"green"_s};
    QCOMPARE(count(byTag), 1);
    ListRunsOptions byFlow;
    byFlow.filterFlowId = {slow};
    QCOMPARE(count(byFlow), 1);
    ListRunsOptions byLabel;
    byLabel.filterLabel = {u"renam"_s};
    QCOMPARE(count(byLabel), 1);
    ListRunsOptions byTime;
    byTime.filterStartTime = TimeRange{QDateTime::currentDateTimeUtc().addSecs(-60), {}};
    QCOMPARE(count(byTime), 2);
    byTime.filterStartTime = TimeRange{{}, QDateTime::currentDateTimeUtc().addSecs(-60)};
    QCOMPARE(count(byTime), 0);
    ListRunsOptions ordered;
    ordered.orderby = {u"label ASC"_s};
    QCOMPARE(ServiceFixture::wait(f.client->listRuns(ordered))->value().items.last().label, u"renamed"_s);
    UpdateRunOptions badManager;
    badManager.runManagers = QStringList{u"bob"_s};
    QCOMPARE(ServiceFixture::wait(f.client->updateRun(b, badManager))->error().httpStatus, 422);
}

void TestLocalService::webInput_pausesUntilAnswered()
{
    ServiceFixture f;
    QVERIFY(f.start());
    const QString flowId = f.createFlow(jsonObject(R"j({"StartAt": "Ask", "States": {
        "Ask": {"Type": "CreateWebInput", "Parameters": {"title": "Go?", "options": [{"option_id": "yes", "label": "Yes"}, {"option_id": "no", "label": "No"}]}, "ResultPath": "$.ask", "Next": "Wait"},
        "Wait": {"Type": "AwaitWebInput", "Parameters": {"WebInputId.$": "$.ask.web_input_id"}, "ResultPath": "$.answer", "End": true}}})j"));
    const QString runId = f.startRun(flowId, {});
    const Run paused = f.waitForRun(runId);
    QCOMPARE(paused.status, RunStatus::Inactive);
    QCOMPARE(paused.details().value("code"_L1).toString(), u"WebInputRequired"_s);
    const QString inputId = paused.blockingWebInputId();
    QVERIFY(!inputId.isEmpty());
    ListWebInputsOptions open;
    open.filterStates = {u"open"_s};
    open.filterRunIds = {runId};
    auto listed = ServiceFixture::wait(f.client->listWebInputs(open));
    QCOMPARE(listed->value().items.size(), 1);
    QCOMPARE(ServiceFixture::wait(f.client->getWebInput(inputId))->value().summary.id, inputId);
    QCOMPARE(ServiceFixture::wait(f.client->respondToWebInput(inputId, u"maybe"_s))->error().httpStatus, 422);
    QVERIFY(!ServiceFixture::wait(f.client->respondToWebInput(inputId, u"yes"_s))->error().isError());
    const Run done = f.waitForRun(runId);
    QCOMPARE(done.status, RunStatus::Succeeded);
    QCOMPARE(done.details().value("output"_L1)[u"answer"_s][u"response"_s].toString(), u"yes"_s);
    QCOMPARE(ServiceFixture::wait(f.client->respondToWebInput(inputId, u"no"_s))->error().httpStatus, 409);
    open.filterStates = {u"closed"_s};
    QCOMPARE(ServiceFixture::wait(f.client->listWebInputs(open))->value().items.size(), 1);
}

void TestLocalService::resume_retriesAnInactiveAction()
{
    ServiceFixture f;
    QVERIFY(f.start());
    const QString flowId = f.createFlow(jsonObject(R"j({"StartAt": "Compute", "States": {
        "Compute": {"Type": "Action", "ActionUrl": "https://compute.actions.globus.org/v3", "Parameters": {}, "ResultPath": "$.r", "End": true}}})j"));
    QFile mock(f.dir.filePath(u"mocks/%1.json"_s.arg(flowId)));
    QVERIFY(QDir().mkpath(f.dir.filePath(u"mocks"_s)));
    QVERIFY(mock.open(QIODevice::WriteOnly));
    mock.write(R"j({"States": {"Compute": [
        {"status": "INACTIVE", "details": {"code": "ConsentRequired", "required_scope": "https://auth.globus.org/scopes/x/all"}},
        {"status": "SUCCEEDED", "details": {"answer": 42}}]}})j");
    mock.close();
    const QString runId = f.startRun(flowId, {});
    const Run inactive = f.waitForRun(runId);
    QCOMPARE(inactive.status, RunStatus::Inactive);
    QCOMPARE(inactive.details().value("code"_L1).toString(), u"ConsentRequired"_s);
    QCOMPARE(inactive.details().value("state_name"_L1).toString(), u"Compute"_s);
    SpecificFlowClient specific(f.client.get(), flowId);
    QVERIFY(!ServiceFixture::wait(specific.resumeRun(runId))->error().isError());
    const Run done = f.waitForRun(runId);
    QCOMPARE(done.status, RunStatus::Succeeded);
    QCOMPARE(done.details().value("output"_L1)[u"r"_s][u"details"_s][u"answer"_s].toInt(), 42);
    QVERIFY(ServiceFixture::codes(f.logs(runId)).contains(u"FlowResumed"_s));
}

void TestLocalService::otherIdentities_seeOnlyWhatTheirRolesAllow()
{
    ServiceFixture f;
    QVERIFY(f.start());
    const QString flowId = f.createFlow(jsonObject(PassFlow), jsonObject(NameSchema));
    const QString runId = f.startRun(flowId, {{u"name"_s, u"Ada"_s}});
    auto other = f.clientFor(Other);
    QCOMPARE(ServiceFixture::wait(other->getFlow(flowId))->error().httpStatus, 404);
    QCOMPARE(ServiceFixture::wait(other->listFlows())->value().items.size(), 0);
    QCOMPARE(ServiceFixture::wait(other->getRun(runId))->error().httpStatus, 404);

    UpdateFlowOptions share;
    share.flowViewers = QStringList{Other};
    QVERIFY(!ServiceFixture::wait(f.client->updateFlow(flowId, share))->error().isError());
    auto seen = ServiceFixture::wait(other->getFlow(flowId));
    QCOMPARE(seen->value().userRoles, QStringList{u"flow_viewer"_s});
    QVERIFY(seen->value().flowViewers.isEmpty()); // role lists are for administrators only
    auto refused = ServiceFixture::wait(other->runFlow(flowId, {{u"name"_s, u"Bob"_s}}));
    QCOMPARE(refused->error().httpStatus, 403);
    QCOMPARE(ServiceFixture::wait(other->deleteFlow(flowId))->error().httpStatus, 403);

    share.flowStarters = QStringList{u"all_authenticated_users"_s};
    QVERIFY(!ServiceFixture::wait(f.client->updateFlow(flowId, share))->error().isError());
    auto started = ServiceFixture::wait(other->runFlow(flowId, {{u"name"_s, u"Bob"_s}}));
    QVERIFY2(!started->error().isError(), qPrintable(started->error().message()));
    QCOMPARE(started->value().runOwner, Other);
    // Each sees their own run; the owner of the flow does not see the other's run without a role.
    QCOMPARE(ServiceFixture::wait(other->listRuns())->value().items.size(), 1);
    ListRunsOptions mine;
    mine.filterRoles = {u"run_owner"_s};
    QCOMPARE(ServiceFixture::wait(f.client->listRuns(mine))->value().items.size(), 1);
    QCOMPARE(ServiceFixture::wait(other->cancelRun(runId))->error().httpStatus, 404);
}

void TestLocalService::restart_keepsEverything()
{
    QTemporaryDir dir;
    QString flowId, runId;
    qsizetype entries = 0;
    {
        ServiceFixture f(false, dir.path());
        QVERIFY(f.start());
        flowId = f.createFlow(jsonObject(PassFlow), jsonObject(NameSchema));
        runId = f.startRun(flowId, {{u"name"_s, u"Ada"_s}});
        QCOMPARE(f.waitForRun(runId).status, RunStatus::Succeeded);
        entries = f.logs(runId).size();
    }
    ServiceFixture f(false, dir.path());
    QVERIFY(f.start());
    QCOMPARE(ServiceFixture::wait(f.client->getFlow(flowId))->value().id, flowId);
    QCOMPARE(f.getRun(runId).status, RunStatus::Succeeded);
    QCOMPARE(f.logs(runId).size(), entries);
    QVERIFY(entries == 6);
}

void TestLocalService::unknownRoutes_andIds()
{
    ServiceFixture f;
    QVERIFY(f.start());
    QCOMPARE(ServiceFixture::wait(f.client->getRun(u"no-such-run"_s))->error().httpStatus, 404);
    QCOMPARE(ServiceFixture::wait(f.client->getWebInput(u"nope"_s))->error().code, u"NOT_FOUND"_s);
    QCOMPARE(ServiceFixture::wait(f.client->getRegisteredApi(u"nope"_s))->error().httpStatus, 404);
    QVERIFY(!ServiceFixture::wait(f.client->listRegisteredApis())->error().isError());
}

QTEST_GUILESS_MAIN(TestLocalService)
#include "tst_localservice.moc"
