// SPDX-License-Identifier: GPL-3.0-or-later
// Every error case of the recorded fixtures, and malformed success bodies, parsed into the right error.
#include "clienttesthelpers.h"
#include "core/api/flowsclient.h"
#include "core/api/specificflowclient.h"
#include "fakes/fakeflowsserver.h"

#include <QJsonArray>
#include <QNetworkAccessManager>

#include <functional>

using namespace Flowdeck::Core;
using namespace Flowdeck::Tests;

using Send = std::function<ApiReply *(FlowsClient &)>;
Q_DECLARE_METATYPE(Send)

namespace {
QString s(const char *text)
{
    return QString::fromLatin1(text);
}
} // namespace

class TestFlowsClientErrors : public QObject
{
    Q_OBJECT

private slots:
    void fixtureErrors_data();
    void fixtureErrors();
    void malformedSuccess_data();
    void malformedSuccess();

private:
    QNetworkAccessManager m_network;
};

void TestFlowsClientErrors::fixtureErrors_data()
{
    QTest::addColumn<Send>("send");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("fixtureCase");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messageStart");
    QTest::addColumn<QString>("firstLoc"); // JSONPath of detail[0].loc, empty when detail is a string
    QTest::addColumn<QString>("debugId");
    QTest::addColumn<bool>("reauthenticate");

    const QString flow = s(kFlowId);
    auto spec = [flow](FlowsClient &c) { return c.specificFlowClient(flow); };
    QTest::newRow("create_flow bad principal")
        << Send([](FlowsClient &c) { return c.createFlow(u"t"_s, {}, {}); }) << u"create_flow"_s
        << u"bad_admin_principal_error"_s << 422 << u"UNPROCESSABLE_ENTITY"_s
        << u"Unrecognized principal string: \"ae341a98"_s << u"$.flow_administrators[0]"_s
        << u"cf71b1d1-ab7e-48b1-8c54-764201d28ded"_s << false;
    QTest::newRow("delete_run conflict") << Send([](FlowsClient &c) { return c.deleteRun(s(kRunId)); })
                                         << u"delete_run"_s << u"conflict"_s << 409 << u"STATE_CONFLICT"_s
                                         << u"Run 36ad9f9a-ad29-488f-beb4-c22ab729643a has status 'ACTIVE'"_s
                                         << QString() << u"80d920b6-66cf-4254-bcbd-7d3efe814e1a"_s << false;
    QTest::newRow("get_web_input policy required")
        << Send([](FlowsClient &c) { return c.getWebInput(s(kWebInputId)); }) << u"get_web_input"_s
        << u"auth_policy_required"_s << 403 << u"AUTHENTICATION_POLICY_REQUIRED"_s
        << u"None of the identities in session"_s << QString() << QString() << true;
    QTest::newRow("get_web_input not found")
        << Send([](FlowsClient &c) { return c.getWebInput(s(kWebInputId)); }) << u"get_web_input"_s << u"not_found"_s
        << 404 << u"NOT_FOUND"_s << u"No Web Input exists with id value"_s << QString() << QString() << false;
    const Send respond = [](FlowsClient &c) { return c.respondToWebInput(s(kRespondId), u"x"_s); };
    QTest::newRow("respond closed") << respond << u"respond_to_web_input"_s << u"closed"_s << 409 << u"STATE_CONFLICT"_s
                                    << u"Web Input 3d9a4e7b"_s << QString() << QString() << false;
    QTest::newRow("respond forbidden") << respond << u"respond_to_web_input"_s << u"forbidden"_s << 403
                                       << u"FORBIDDEN"_s << u"User does not have respondent role"_s << QString()
                                       << QString() << false;
    QTest::newRow("respond invalid option")
        << respond << u"respond_to_web_input"_s << u"invalid_option"_s << 422 << u"UNPROCESSABLE_ENTITY"_s
        << u"'not-a-real-option' is not"_s << QString() << QString() << false;
    QTest::newRow("respond not found") << respond << u"respond_to_web_input"_s << u"not_found"_s << 404
                                       << u"NOT_FOUND"_s << u"No Web Input exists"_s << QString() << QString() << false;
    QTest::newRow("respond policy required")
        << respond << u"respond_to_web_input"_s << u"auth_policy_required"_s << 403
        << u"AUTHENTICATION_POLICY_REQUIRED"_s << u"None of the"_s << QString() << QString() << true;
    QTest::newRow("run_flow missing scope")
        << Send([spec](FlowsClient &c) { return spec(c)->runFlow({}); }) << u"run_flow"_s << u"missing_scope_error"_s
        << 403 << u"MISSING_SCOPE"_s << u"This action requires the following scope: frobulate[demuddle]"_s << QString()
        << QString() << false;
    QTest::newRow("validate_flow definition error")
        << Send([](FlowsClient &c) { return c.validateFlow({}); }) << u"validate_flow"_s << u"definition_error"_s << 422
        << u"UNPROCESSABLE_ENTITY"_s << u"A state of type 'Action' must be defined"_s << u"$.definition.States.Step1"_s
        << u"41267e70-6788-4316-8b67-df7160166466"_s << false;
    const Send validateRun = [spec](FlowsClient &c) { return spec(c)->validateRun({}); };
    QTest::newRow("validate_run bad input") << validateRun << u"validate_run"_s << u"invalid_input_payload"_s << 400
                                            << u"FLOW_INPUT_ERROR"_s << u"'not-a-boolean' is not of type 'boolean'"_s
                                            << u"$['$.bool']"_s << u"00000000-2572-411b-9fa9-c72fbed2b0bb"_s << false;
    QTest::newRow("validate_run bad token")
        << validateRun << u"validate_run"_s << u"invalid_token"_s << 401 << u"AUTHENTICATION_ERROR"_s
        << u"Expired or invalid Bearer token"_s << QString() << u"00000000-1ca9-477d-9937-a26c9d9384b9"_s << true;
    QTest::newRow("validate_run not a starter") << validateRun << u"validate_run"_s << u"not_a_flow_starter"_s << 403
                                                << u"FORBIDDEN"_s << u"You do not have the necessary permissions"_s
                                                << QString() << u"00000000-16c3-4872-8bb5-47db18227cb0"_s << false;
}

void TestFlowsClientErrors::fixtureErrors()
{
    QFETCH(Send, send);
    QFETCH(QString, operation);
    QFETCH(QString, fixtureCase);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, messageStart);
    QFETCH(QString, firstLoc);
    QFETCH(QString, debugId);
    QFETCH(bool, reauthenticate);

    FakeFlowsServer server;
    QVERIFY(server.enqueueFixture(operation, fixtureCase) > 0);
    FlowsClient client(&m_network, server.baseUrl());
    ApiReply *reply = send(client);
    QSignalSpy failed(reply, &ApiReply::errorOccurred);
    QVERIFY(waitFinished(reply));
    QCOMPARE(failed.count(), 1);
    const ApiError &error = reply->error();
    QCOMPARE(error.kind, ApiError::Kind::Api);
    QCOMPARE(error.httpStatus, status);
    QCOMPARE(error.code, code);
    QVERIFY2(error.message().startsWith(messageStart), qPrintable(error.message()));
    QCOMPARE(error.details.isEmpty() ? QString() : error.details.first().jsonPath(), firstLoc);
    QCOMPARE(error.debugId, debugId);
    QCOMPARE(error.requiresReauthentication(), reauthenticate);
    QCOMPARE(failed.first().first().value<ApiError>().code, code);
    QCOMPARE(reply->attempts(), 1); // 4xx are final: never retried
}

void TestFlowsClientErrors::malformedSuccess_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("why");
    QTest::newRow("not json") << "{\"runs\": [ "_ba << u"not valid JSON"_s;
    QTest::newRow("array") << "[1,2]"_ba << u"not a JSON object"_s;
    QTest::newRow("empty") << QByteArray() << u"not valid JSON"_s;
    QTest::newRow("runs not a list") << R"({"runs":"many"})"_ba << u"no \"runs\" list"_s;
    QTest::newRow("run without id") << R"({"runs":[{"status":"ACTIVE"}]})"_ba << u"runs[0]: The field \"run_id\""_s;
    QTest::newRow("run id wrong type") << R"({"runs":[{"run_id":"a","status":"ACTIVE"},{"run_id":7,"status":"x"}]})"_ba
                                       << u"runs[1]: The field \"run_id\""_s;
    QTest::newRow("run item not object") << R"({"runs":[3]})"_ba << u"runs[0]"_s;
}

void TestFlowsClientErrors::malformedSuccess()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, why);
    FakeFlowsServer server;
    server.enqueue("GET", u"/runs"_s, {200, body, {}});
    FlowsClient client(&m_network, server.baseUrl());
    RunPageReply *reply = client.listRuns();
    QVERIFY(waitFinished(reply));
    QCOMPARE(reply->error().kind, ApiError::Kind::Parse);
    QCOMPARE(reply->error().httpStatus, 200);
    QVERIFY2(reply->error().text.contains(why), qPrintable(reply->error().text));
    QVERIFY(reply->value().items.isEmpty());
}

QTEST_GUILESS_MAIN(TestFlowsClientErrors)
#include "tst_flowsclient_errors.moc"
