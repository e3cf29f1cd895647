// SPDX-License-Identifier: GPL-3.0-or-later
// Every call of the client: the exact request on the wire and the typed parse of the recorded answer.
#include "clienttesthelpers.h"
#include "core/api/flowsclient.h"
#include "core/api/specificflowclient.h"
#include "fakes/fakeflowsserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTimeZone>

#include <functional>

using namespace Flowdeck::Core;
using namespace Flowdeck::Tests;

namespace {

struct Call
{
    std::function<ApiReply *(FlowsClient &)> send;
    std::function<void(ApiReply *)> check; // typed fields of the parsed answer
};

QString s(const char *text)
{
    return QString::fromLatin1(text);
}

QStringList sortedQuery(const RecordedRequest &request)
{
    QStringList out;
    for (const auto &[k, v] : request.query)
        out.append(k + u'=' + v);
    out.sort();
    return out;
}

QJsonObject obj(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

Q_DECLARE_METATYPE(Call)

class TestFlowsClient : public QObject
{
    Q_OBJECT

private slots:
    void calls_data();
    void calls();
    void calls_parsedInBackground_data() { calls_data(); }
    void calls_parsedInBackground() { checkCall(0); }
    void requests_carryHeaders();
    void ids_arePercentEncodedAsOneSegment();
    void specificClient_usesFlowAuthorizer();
    void notificationPolicy_data();
    void notificationPolicy();

private:
    void checkCall(qsizetype backgroundThreshold);
    QNetworkAccessManager m_network;
};

void TestFlowsClient::calls_data()
{
    QTest::addColumn<Call>("call");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("fixtureCase");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("query");
    QTest::addColumn<QByteArray>("body"); // expected JSON; empty: no body at all

    const QJsonObject def = obj(R"({"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}})");
    const QJsonObject schema = obj(R"({"type":"object"})");
    const QString flow = s(kFlowId), run = s(kRunId);
    auto flowIs = [](const QString &title) {
        return [title](ApiReply *r) {
            const Flow &f = static_cast<FlowReply *>(r)->value();
            QCOMPARE(f.id, s(kFlowId));
            QCOMPARE(f.title, title);
        };
    };
    auto runIs = [](const char *id, RunStatus status) {
        return [id, status](ApiReply *r) {
            const Run &v = static_cast<RunReply *>(r)->value();
            QCOMPARE(v.runId, s(id));
            QCOMPARE(v.status, status);
        };
    };

    QTest::newRow("createFlow minimal")
        << Call{[=](FlowsClient &c) { return c.createFlow(u"T"_s, def, schema); }, flowIs(u"Multi Step Transfer"_s)}
        << u"create_flow"_s << u"default"_s << "POST"_ba << u"/flows"_s << QStringList()
        << R"({"title":"T","definition":{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},"input_schema":{"type":"object"}})"_ba;

    CreateFlowOptions create;
    create.subtitle = u"sub"_s;
    create.description = u"desc"_s;
    create.flowViewers = QStringList{u"public"_s};
    create.flowStarters = QStringList{u"all_authenticated_users"_s};
    create.flowAdministrators = QStringList{};
    create.runManagers = QStringList{u"urn:globus:auth:identity:1"_s};
    create.runMonitors = QStringList{u"urn:globus:groups:id:2"_s};
    create.keywords = QStringList{u"a"_s, u"b"_s};
    create.subscriptionId = QJsonValue(QJsonValue::Null);
    create.authenticationPolicyId = u"pol"_s;
    create.additionalFields = obj(R"({"title":"override","extra":1})");
    QTest::newRow("createFlow every option")
        << Call{[=](FlowsClient &c) { return c.createFlow(u"T"_s, def, schema, create); },
                flowIs(u"Multi Step Transfer"_s)}
        << u"create_flow"_s << u"default"_s << "POST"_ba << u"/flows"_s << QStringList()
        << R"({"title":"override","extra":1,"definition":{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},
              "input_schema":{"type":"object"},"subtitle":"sub","description":"desc","flow_viewers":["public"],
              "flow_starters":["all_authenticated_users"],"flow_administrators":[],
              "run_managers":["urn:globus:auth:identity:1"],"run_monitors":["urn:globus:groups:id:2"],
              "keywords":["a","b"],"subscription_id":null,"authentication_policy_id":"pol"})"_ba;

    QTest::newRow("getFlow") << Call{[=](FlowsClient &c) {
                                         return c.getFlow(flow, {{u"x"_s, u"1"_s}});
                                     },
                                     flowIs(u"Multi Step Transfer"_s)}
                             << u"get_flow"_s << u"default"_s << "GET"_ba << u"/flows/"_s + flow
                             << QStringList{u"x=1"_s} << QByteArray();

    ListFlowsOptions listFlows;
    listFlows.filterRoles = {u"flow_owner"_s, u"flow_viewer"_s};
    listFlows.filterFulltext = u"two hop"_s;
    listFlows.orderby = {u"updated_at DESC"_s, u"title ASC"_s};
    listFlows.perPage = 50;
    listFlows.marker = u"m1"_s;
    listFlows.queryParams = {{u"filter_roles"_s, u"ignored"_s}, {u"filter_keywords"_s, u"k"_s}};
    QTest::newRow("listFlows")
        << Call{[=](FlowsClient &c) { return c.listFlows(listFlows); },
                [](ApiReply *r) {
                    const auto &page = static_cast<FlowPageReply *>(r)->value();
                    QCOMPARE(page.items.size(), 1);
                    QCOMPARE(page.hasNextPage, false);
                    QCOMPARE(page.items.first().keywords, QStringList({u"two"_s, u"hop"_s, u"transfer"_s}));
                }}
        << u"list_flows"_s << u"default"_s << "GET"_ba << u"/flows"_s
        << QStringList{u"filter_fulltext=two hop"_s,
                       u"filter_keywords=k"_s,
                       u"filter_roles=flow_owner,flow_viewer"_s,
                       u"marker=m1"_s,
                       u"orderby=updated_at DESC,title ASC"_s,
                       u"per_page=50"_s}
        << QByteArray();
    QTest::newRow("listFlows no options")
        << Call{[=](FlowsClient &c) { return c.listFlows(); }, [](ApiReply *) {}} << u"list_flows"_s << u"default"_s
        << "GET"_ba << u"/flows"_s << QStringList() << QByteArray();

    UpdateFlowOptions update;
    update.title = u"New"_s;
    update.definition = def;
    update.flowOwner = u"urn:globus:auth:identity:9"_s;
    update.keywords = QStringList{};
    update.subscriptionId = u"DEFAULT"_s;
    QTest::newRow("updateFlow")
        << Call{[=](FlowsClient &c) { return c.updateFlow(flow, update); }, flowIs(u"Multi Step Transfer"_s)}
        << u"update_flow"_s << u"default"_s << "PUT"_ba << u"/flows/"_s + flow << QStringList()
        << R"({"title":"New","definition":{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},
              "flow_owner":"urn:globus:auth:identity:9","keywords":[],"subscription_id":"DEFAULT"})"_ba;

    QTest::newRow("deleteFlow") << Call{[=](FlowsClient &c) { return c.deleteFlow(flow); },
                                        [](ApiReply *r) { QVERIFY(static_cast<FlowReply *>(r)->value().deleted); }}
                                << u"delete_flow"_s << u"default"_s << "DELETE"_ba << u"/flows/"_s + flow
                                << QStringList() << QByteArray();

    auto scopesAre = [](ApiReply *r) {
        const FlowValidation &v = static_cast<FlowValidationReply *>(r)->value();
        QCOMPARE(v.scopes.value(u"User"_s), QStringList{u"urn:globus:auth:scope:transfer.api.globus.org:all"_s});
        QVERIFY(!v.numberOfPossibilities.has_value());
    };
    QTest::newRow("validateFlow definition only")
        << Call{[=](FlowsClient &c) { return c.validateFlow(def); }, scopesAre} << u"validate_flow"_s << u"default"_s
        << "POST"_ba << u"/flows/validate"_s << QStringList()
        << R"({"definition":{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}})"_ba;
    QTest::newRow("validateFlow with schema")
        << Call{[=](FlowsClient &c) { return c.validateFlow(def, schema); }, scopesAre} << u"validate_flow"_s
        << u"default"_s << "POST"_ba << u"/flows/validate"_s << QStringList()
        << R"({"definition":{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},"input_schema":{"type":"object"}})"_ba;

    ListRunsOptions listRuns;
    listRuns.filterFlowId = {u"f1"_s, u"f2"_s};
    listRuns.filterRoles = {u"run_owner"_s};
    listRuns.filterStatus = {u"ACTIVE"_s, u"INACTIVE"_s};
    listRuns.filterLabel = {u"nightly"_s};
    listRuns.filterTags = {u"t1"_s, u"t2"_s};
    listRuns.filterFlowTitle = {u"My Flow"_s};
    listRuns.filterStartTime = TimeRange{QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC), {}};
    listRuns.filterCompletionTime = TimeRange{{}, QDateTime(QDate(2024, 2, 1), QTime(12, 30), QTimeZone(3600))};
    listRuns.orderby = {u"start_time DESC"_s};
    listRuns.perPage = 100;
    listRuns.marker = u"abc"_s;
    QTest::newRow("listRuns every filter") << Call{[=](FlowsClient &c) { return c.listRuns(listRuns); },
                                                   [](ApiReply *r) {
                                                       const auto &page = static_cast<RunPageReply *>(r)->value();
                                                       QCOMPARE(page.items.size(), 1);
                                                       QCOMPARE(page.items.first().runId, s(kGetRunId));
                                                       QCOMPARE(page.limit, 20);
                                                   }}
                                           << u"list_runs"_s << u"default"_s << "GET"_ba << u"/runs"_s
                                           << QStringList{u"filter_completion_time=,2024-02-01T11:30:00.000Z"_s,
                                                          u"filter_flow_id=f1,f2"_s,
                                                          u"filter_flow_title=My Flow"_s,
                                                          u"filter_label=nightly"_s,
                                                          u"filter_roles=run_owner"_s,
                                                          u"filter_start_time=2024-01-01T00:00:00.000Z,"_s,
                                                          u"filter_status=ACTIVE,INACTIVE"_s,
                                                          u"filter_tags=t1,t2"_s,
                                                          u"marker=abc"_s,
                                                          u"orderby=start_time DESC"_s,
                                                          u"per_page=100"_s}
                                           << QByteArray();

    QTest::newRow("getRun with flow description")
        << Call{[=](FlowsClient &c) {
                    return c.getRun(s(kGetRunId), {true, {}});
                },
                [](ApiReply *r) {
                    const Run &v = static_cast<RunReply *>(r)->value();
                    QCOMPARE(v.label, u"My Cool Run"_s);
                    QCOMPARE(v.tags, QStringList({u"cool"_s, u"my"_s}));
                    QCOMPARE(v.completionTime, QDateTime(QDate(2023, 4, 11), QTime(20, 1, 22, 917), Qt::UTC));
                    QCOMPARE(v.details().value("code"_L1).toString(), u"FlowSucceeded"_s);
                    QCOMPARE(v.runManagers(),
                             QStringList{u"urn:globus:auth:identity:66a18350-ec1c-11f1-a019-02fc00000001"_s});
                    QCOMPARE(v.flowLastUpdated(), QDateTime(QDate(2023, 4, 11), QTime(20, 0, 6, 524), Qt::UTC));
                    QCOMPARE(v.userRole(), u"run_owner"_s);
                }}
        << u"get_run"_s << u"default"_s << "GET"_ba << u"/runs/"_s + s(kGetRunId)
        << QStringList{u"include_flow_description=True"_s} << QByteArray();
    QTest::newRow("getRun without flow description")
        << Call{[=](FlowsClient &c) {
                    return c.getRun(s(kGetRunId), {false, {}});
                },
                runIs(kGetRunId, RunStatus::Succeeded)}
        << u"get_run"_s << u"default"_s << "GET"_ba << u"/runs/"_s + s(kGetRunId)
        << QStringList{u"include_flow_description=False"_s} << QByteArray();

    QTest::newRow("getRunDefinition") << Call{[=](FlowsClient &c) { return c.getRunDefinition(s(kGetRunId)); },
                                              [](ApiReply *r) {
                                                  const RunDefinition &d =
                                                      static_cast<RunDefinitionReply *>(r)->value();
                                                  QCOMPARE(d.flowId, u"e94da7a7-d76f-4644-87bd-e71ca7a9cd23"_s);
                                                  QCOMPARE(d.definition.value("StartAt"_L1).toString(), u"no-op"_s);
                                              }}
                                      << u"get_run_definition"_s << u"default"_s << "GET"_ba
                                      << u"/runs/"_s + s(kGetRunId) + u"/definition"_s << QStringList() << QByteArray();

    QTest::newRow("getRunLogs") << Call{[=](FlowsClient &c) {
                                            return c.getRunLogs(s(kLogRunId), {25, false, u"mk"_s, {}});
                                        },
                                        [](ApiReply *r) {
                                            const auto &page = static_cast<RunLogPageReply *>(r)->value();
                                            QCOMPARE(page.items.size(), 4);
                                            QCOMPARE(page.items.at(0).code, u"FlowStarted"_s);
                                            QCOMPARE(page.items.at(1).stateName(), u"SyncHelloWorld"_s);
                                            QCOMPARE(page.items.at(1).stateType(), u"Action"_s);
                                            QVERIFY(!page.hasNextPage);
                                        }}
                                << u"get_run_logs"_s << u"default"_s << "GET"_ba
                                << u"/runs/"_s + s(kLogRunId) + u"/log"_s
                                << QStringList{u"limit=25"_s, u"marker=mk"_s, u"reverse_order=False"_s} << QByteArray();

    QTest::newRow("cancelRun") << Call{[=](FlowsClient &c) { return c.cancelRun(run); },
                                       runIs(kRunId, RunStatus::Failed)}
                               << u"cancel_run"_s << u"default"_s << "POST"_ba << u"/runs/"_s + run + u"/cancel"_s
                               << QStringList() << QByteArray();

    UpdateRunOptions updateRun;
    updateRun.label = u"L"_s;
    updateRun.tags = QStringList{};
    updateRun.runManagers = QStringList{u"urn:globus:auth:identity:1"_s};
    updateRun.additionalFields = obj(R"({"label":"over"})");
    QTest::newRow("updateRun") << Call{[=](FlowsClient &c) { return c.updateRun(run, updateRun); },
                                       runIs(kRunId, RunStatus::Active)}
                               << u"update_run"_s << u"default"_s << "PUT"_ba << u"/runs/"_s + run << QStringList()
                               << R"({"label":"over","tags":[],"run_managers":["urn:globus:auth:identity:1"]})"_ba;

    QTest::newRow("deleteRun") << Call{[=](FlowsClient &c) { return c.deleteRun(run); },
                                       runIs(kRunId, RunStatus::Succeeded)}
                               << u"delete_run"_s << u"default"_s << "POST"_ba << u"/runs/"_s + run + u"/release"_s
                               << QStringList() << QByteArray();
    QTest::newRow("releaseRun") << Call{[=](FlowsClient &c) { return c.releaseRun(run); },
                                        runIs(kRunId, RunStatus::Succeeded)}
                                << u"delete_run"_s << u"default"_s << "POST"_ba << u"/runs/"_s + run + u"/release"_s
                                << QStringList() << QByteArray();

    QTest::newRow("getRegisteredApi") << Call{[=](FlowsClient &c) { return c.getRegisteredApi(s(kApiId)); },
                                              [](ApiReply *r) {
                                                  const RegisteredApi &a =
                                                      static_cast<RegisteredApiReply *>(r)->value();
                                                  QCOMPARE(a.name, u"test-registered-api"_s);
                                                  QCOMPARE(a.status, u"ACTIVE"_s);
                                              }}
                                      << u"get_registered_api"_s << u"default"_s << "GET"_ba
                                      << u"/registered_apis/"_s + s(kApiId) << QStringList() << QByteArray();

    ListRegisteredApisOptions apis;
    apis.filterRoles = {u"owner"_s, u"viewer"_s};
    apis.orderby = {u"name ASC"_s};
    apis.perPage = 10;
    QTest::newRow("listRegisteredApis")
        << Call{[=](FlowsClient &c) { return c.listRegisteredApis(apis); },
                [](ApiReply *r) { QCOMPARE(static_cast<RegisteredApiPageReply *>(r)->value().items.size(), 1); }}
        << u"list_registered_apis"_s << u"default"_s << "GET"_ba << u"/registered_apis"_s
        << QStringList{u"filter_roles=owner,viewer"_s, u"orderby=name ASC"_s, u"per_page=10"_s} << QByteArray();

    ListWebInputsOptions inputs;
    inputs.filterRoles = {u"respondent"_s};
    inputs.filterStates = {u"open"_s, u"closed"_s};
    inputs.filterFlowIds = {u"f1"_s};
    inputs.filterRunIds = {u"r1"_s, u"r2"_s};
    inputs.orderby = {u"created_timestamp DESC"_s, u"closed_timestamp ASC"_s};
    inputs.perPage = 5;
    QTest::newRow("listWebInputs") << Call{[=](FlowsClient &c) { return c.listWebInputs(inputs); },
                                           [](ApiReply *r) {
                                               const auto &page = static_cast<WebInputPageReply *>(r)->value();
                                               QCOMPARE(page.items.size(), 1);
                                               QCOMPARE(page.items.first().title, u"Approve deployment #0?"_s);
                                               QVERIFY(!page.hasNextPage); // marker null
                                           }}
                                   << u"list_web_inputs"_s << u"default"_s << "GET"_ba << u"/web_inputs"_s
                                   << QStringList{u"filter_flow_ids=f1"_s,
                                                  u"filter_roles=respondent"_s,
                                                  u"filter_run_ids=r1,r2"_s,
                                                  u"filter_states=open,closed"_s,
                                                  u"orderby=created_timestamp DESC,closed_timestamp ASC"_s,
                                                  u"per_page=5"_s}
                                   << QByteArray();

    QTest::newRow("getWebInput") << Call{[=](FlowsClient &c) { return c.getWebInput(s(kWebInputId)); },
                                         [](ApiReply *r) {
                                             const WebInput &w = static_cast<WebInputReply *>(r)->value();
                                             QCOMPARE(w.summary.status, u"open"_s);
                                             QCOMPARE(w.summary.title, u"Approve deployment to production?"_s);
                                             QCOMPARE(w.options.size(), 2);
                                             QVERIFY(!w.summary.closedTimestamp.isValid());
                                         }}
                                 << u"get_web_input"_s << u"default"_s << "GET"_ba << u"/web_inputs/"_s + s(kWebInputId)
                                 << QStringList() << QByteArray();

    QTest::newRow("getWebInput closed") << Call{[=](FlowsClient &c) { return c.getWebInput(s(kWebInputId)); },
                                                [](ApiReply *r) {
                                                    const WebInput &w = static_cast<WebInputReply *>(r)->value();
                                                    QCOMPARE(w.summary.status, u"closed"_s);
                                                    QCOMPARE(w.summary.closedTimestamp,
                                                             QDateTime(QDate(2026, 8, 2), QTime(9, 12), Qt::UTC));
                                                }}
                                        << u"get_web_input"_s << u"closed"_s << "GET"_ba
                                        << u"/web_inputs/"_s + s(kWebInputId) << QStringList() << QByteArray();
    QTest::newRow("getWebInput table context")
        << Call{[=](FlowsClient &c) { return c.getWebInput(s(kWebInputId)); },
                [](ApiReply *r) {
                    const WebInput &w = static_cast<WebInputReply *>(r)->value();
                    QCOMPARE(w.context.value("presentation_style"_L1).toString(), u"table"_s);
                    QCOMPARE(w.context.value("rows"_L1).toArray().size(), 3);
                }}
        << u"get_web_input"_s << u"table_context"_s << "GET"_ba << u"/web_inputs/"_s + s(kWebInputId) << QStringList()
        << QByteArray();
    QTest::newRow("listWebInputs empty") << Call{[=](FlowsClient &c) { return c.listWebInputs(); },
                                                 [](ApiReply *r) {
                                                     const auto &page = static_cast<WebInputPageReply *>(r)->value();
                                                     QVERIFY(page.items.isEmpty());
                                                     QVERIFY(!page.hasNextPage);
                                                 }}
                                         << u"list_web_inputs"_s << u"empty"_s << "GET"_ba << u"/web_inputs"_s
                                         << QStringList() << QByteArray();
    ListRunsOptions byFlow;
    byFlow.filterFlowId = {u"66a4586e-ec1c-11f1-a019-02fc00000001"_s};
    byFlow.perPage = 5;
    QTest::newRow("listRuns by flow") << Call{[=](FlowsClient &c) { return c.listRuns(byFlow); },
                                              [](ApiReply *r) {
                                                  const auto &page = static_cast<RunPageReply *>(r)->value();
                                                  QCOMPARE(page.items.size(), 5);
                                                  for (const Run &item : page.items)
                                                      QCOMPARE(item.flowId, u"66a4586e-ec1c-11f1-a019-02fc00000001"_s);
                                              }}
                                      << u"list_runs"_s << u"filter_flow_id"_s << "GET"_ba << u"/runs"_s
                                      << QStringList{u"filter_flow_id=66a4586e-ec1c-11f1-a019-02fc00000001"_s,
                                                     u"per_page=5"_s}
                                      << QByteArray();
    QTest::newRow("respondToWebInput")
        << Call{[=](FlowsClient &c) { return c.respondToWebInput(s(kRespondId), u"8f14e45f"_s); },
                [](ApiReply *r) {
                    QCOMPARE(static_cast<JsonReply *>(r)->value().value("status"_L1).toString(), u"ok"_s);
                }}
        << u"respond_to_web_input"_s << u"default"_s << "POST"_ba << u"/web_inputs/"_s + s(kRespondId) + u"/respond"_s
        << QStringList() << R"({"response":{"value":"8f14e45f"}})"_ba;

    RunFlowOptions runOptions;
    runOptions.label = u"Transfer all of these files!"_s;
    runOptions.tags = QStringList{u"a"_s};
    runOptions.runMonitors = QStringList{u"urn:globus:auth:identity:m"_s};
    runOptions.runManagers = QStringList{};
    runOptions.activityNotificationPolicy = RunActivityNotificationPolicy{QList<RunActivityNotificationPolicy::Status>{
        RunActivityNotificationPolicy::Status::Inactive, RunActivityNotificationPolicy::Status::Failed}};
    runOptions.additionalFields = obj(R"({"extra":true})");
    const QByteArray runBody = R"({"body":{"x":1},"label":"Transfer all of these files!","tags":["a"],
        "activity_notification_policy":{"status":["INACTIVE","FAILED"]},"run_monitors":["urn:globus:auth:identity:m"],
        "run_managers":[],"extra":true})"_ba;
    QTest::newRow("FlowsClient::runFlow")
        << Call{[=](FlowsClient &c) { return c.runFlow(flow, obj(R"({"x":1})"), runOptions); },
                runIs(kRunId, RunStatus::Active)}
        << u"run_flow"_s << u"default"_s << "POST"_ba << u"/flows/"_s + flow + u"/run"_s << QStringList() << runBody;
    QTest::newRow("SpecificFlowClient::runFlow")
        << Call{[=](FlowsClient &c) { return c.specificFlowClient(flow)->runFlow(obj(R"({"x":1})"), runOptions); },
                runIs(kRunId, RunStatus::Active)}
        << u"run_flow"_s << u"default"_s << "POST"_ba << u"/flows/"_s + flow + u"/run"_s << QStringList() << runBody;
    QTest::newRow("SpecificFlowClient::validateRun")
        << Call{[=](FlowsClient &c) { return c.specificFlowClient(flow)->validateRun(obj(R"({"x":1})"), runOptions); },
                [](ApiReply *r) {
                    QCOMPARE(static_cast<RunValidationReply *>(r)->value().message, u"validation successful"_s);
                }}
        << u"validate_run"_s << u"default"_s << "POST"_ba << u"/flows/"_s + flow + u"/validate_run"_s << QStringList()
        << runBody;
    QTest::newRow("SpecificFlowClient::resumeRun")
        << Call{[=](FlowsClient &c) { return c.specificFlowClient(flow)->resumeRun(run); },
                runIs(kRunId, RunStatus::Active)}
        << u"resume_run"_s << u"default"_s << "POST"_ba << u"/runs/"_s + run + u"/resume"_s << QStringList()
        << QByteArray();
    QTest::newRow("SpecificFlowClient::getFlow")
        << Call{[=](FlowsClient &c) { return c.specificFlowClient(flow)->getFlow(); }, flowIs(u"Multi Step Transfer"_s)}
        << u"get_flow"_s << u"default"_s << "GET"_ba << u"/flows/"_s + flow << QStringList() << QByteArray();
    UpdateFlowOptions retitle;
    retitle.title = u"X"_s;
    QTest::newRow("SpecificFlowClient::updateFlow")
        << Call{[=](FlowsClient &c) { return c.specificFlowClient(flow)->updateFlow(retitle); },
                flowIs(u"Multi Step Transfer"_s)}
        << u"update_flow"_s << u"default"_s << "PUT"_ba << u"/flows/"_s + flow << QStringList()
        << R"({"title":"X"})"_ba;
    QTest::newRow("SpecificFlowClient::deleteFlow")
        << Call{[=](FlowsClient &c) { return c.specificFlowClient(flow)->deleteFlow(); },
                [](ApiReply *r) { QVERIFY(static_cast<FlowReply *>(r)->value().deleted); }}
        << u"delete_flow"_s << u"default"_s << "DELETE"_ba << u"/flows/"_s + flow << QStringList() << QByteArray();
}

void TestFlowsClient::calls()
{
    checkCall(32 * 1024);
}

// Every call, parsed either on the calling thread (small bodies) or on the thread pool (threshold 0).
void TestFlowsClient::checkCall(qsizetype backgroundThreshold)
{
    QFETCH(Call, call);
    QFETCH(QString, operation);
    QFETCH(QString, fixtureCase);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QStringList, query);
    QFETCH(QByteArray, body);

    FakeFlowsServer server;
    QVERIFY(server.enqueueFixture(operation, fixtureCase) > 0);
    FlowsClient client(&m_network, server.baseUrl());
    client.transport()->setBackgroundParseThreshold(backgroundThreshold);
    StaticTokenAuthorizer token("local-token");
    client.setAuthorizer(&token);

    ApiReply *reply = call.send(client);
    QVERIFY(waitFinished(reply));
    QVERIFY2(!reply->error().isError(), qPrintable(reply->error().toString()));
    QCOMPARE(reply->attempts(), 1);
    QCOMPARE(server.requests().size(), 1);
    const RecordedRequest &seen = server.requests().first();
    QCOMPARE(seen.method, method);
    QCOMPARE(seen.path, path);
    QCOMPARE(sortedQuery(seen), query);
    if (body.isEmpty()) {
        QVERIFY2(seen.body.isEmpty(), seen.body.constData());
        QVERIFY(!seen.headers.contains("content-type"));
    } else {
        QCOMPARE(seen.json(), QJsonDocument::fromJson(body).object());
        QCOMPARE(seen.headers.value("content-type"), "application/json"_ba);
    }
    call.check(reply);
}

void TestFlowsClient::requests_carryHeaders()
{
    FakeFlowsServer server;
    server.enqueueFixture(u"list_runs"_s, u"default"_s);
    FlowsClient client(&m_network, server.baseUrl());
    StaticTokenAuthorizer token("tok-123");
    client.setAuthorizer(&token);
    QVERIFY(waitFinished(client.listRuns()));
    const RecordedRequest &seen = server.requests().first();
    QCOMPARE(seen.headers.value("authorization"), "Bearer tok-123"_ba);
    QCOMPARE(seen.headers.value("accept"), "application/json"_ba);
    QVERIFY(seen.headers.value("user-agent").startsWith("Flowdeck/" FLOWDECK_VERSION));
    QCOMPARE(seen.headers.value("x-globus-client-info"), "product=flowdeck,version=" FLOWDECK_VERSION ""_ba);

    FlowsClient anonymous(&m_network, server.baseUrl());
    QVERIFY(waitFinished(anonymous.listRuns()));
    QVERIFY(!server.requests().last().headers.contains("authorization"));
}

void TestFlowsClient::ids_arePercentEncodedAsOneSegment()
{
    FakeFlowsServer server;
    FlowsClient client(&m_network, server.baseUrl());
    ApiReply *reply = client.getRun(u"a/b c?d"_s);
    QVERIFY(waitFinished(reply));
    QCOMPARE(server.requests().first().encodedPath, u"/runs/a%2Fb%20c%3Fd"_s);
    QCOMPARE(reply->error().httpStatus, 404); // the fake's "nothing scripted" answer
    // A '+' in a query value must arrive as '+', not as a space.
    ListRunsOptions options;
    options.queryParams = {{u"filter_start_time"_s, u"2024-01-01T00:00:00+00:00,"_s}};
    QVERIFY(waitFinished(client.listRuns(options)));
    QCOMPARE(server.requests().last().queryValue(u"filter_start_time"_s), u"2024-01-01T00:00:00+00:00,"_s);
}

void TestFlowsClient::specificClient_usesFlowAuthorizer()
{
    FakeFlowsServer server;
    server.enqueueFixture(u"run_flow"_s, u"default"_s);
    server.enqueueFixture(u"resume_run"_s, u"default"_s);
    server.enqueueFixture(u"get_flow"_s, u"default"_s);
    FlowsClient client(&m_network, server.baseUrl());
    StaticTokenAuthorizer flowsToken("flows-token");
    StaticTokenAuthorizer flowToken("flow-specific-token");
    client.setAuthorizer(&flowsToken);
    QString askedFor;
    client.setAuthorizerLookup([&](const QString &flowId) {
        askedFor = flowId;
        return &flowToken;
    });
    SpecificFlowClient *specific = client.specificFlowClient(s(kFlowId));
    QCOMPARE(specific->userScope(), u"https://auth.globus.org/scopes/24bc4997-b483-4c25-a19c-64b0afc00743/"
                                    "flow_24bc4997_b483_4c25_a19c_64b0afc00743_user"_s);
    QVERIFY(waitFinished(specific->runFlow({})));
    QVERIFY(waitFinished(specific->resumeRun(s(kRunId))));
    QVERIFY(waitFinished(specific->getFlow()));
    QCOMPARE(askedFor, s(kFlowId));
    QCOMPARE(server.requests().at(0).headers.value("authorization"), "Bearer flow-specific-token"_ba);
    QCOMPARE(server.requests().at(1).headers.value("authorization"), "Bearer flow-specific-token"_ba);
    QCOMPARE(server.requests().at(2).headers.value("authorization"), "Bearer flows-token"_ba);
}

void TestFlowsClient::notificationPolicy_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("cli style") << u"inactive,Failed"_s << true << R"({"status":["INACTIVE","FAILED"]})"_ba;
    QTest::newRow("empty list") << QString() << true << R"({"status":[]})"_ba;
    QTest::newRow("unknown word") << u"INACTIVE,SOMETIMES"_s << false << QByteArray();
}

void TestFlowsClient::notificationPolicy()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QByteArray, json);
    RunActivityNotificationPolicy policy;
    QCOMPARE(RunActivityNotificationPolicy::fromString(text, &policy), ok);
    if (ok)
        QCOMPARE(policy.toJson(), QJsonDocument::fromJson(json).object());
    QCOMPARE(RunActivityNotificationPolicy().toJson(), QJsonObject()); // unset: {} as the SDK sends
}

QTEST_GUILESS_MAIN(TestFlowsClient)
#include "tst_flowsclient.moc"
