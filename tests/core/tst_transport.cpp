// SPDX-License-Identifier: GPL-3.0-or-later
// What happens between the call and the answer: timeouts, cancels, retries, token renewal, and the
// rule that a run is never started twice.
#include "clienttesthelpers.h"
#include "core/api/flowsclient.h"
#include "core/api/specificflowclient.h"
#include "core/api/transport.h"
#include "core/auth/refreshtokenauthorizer.h"
#include "fakes/fakeflowsserver.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QUrlQuery>

using namespace Flowdeck::Core;
using namespace Flowdeck::Tests;

namespace {

QString s(const char *text)
{
    return QString::fromLatin1(text);
}

QStringList g_log;
void captureMessages(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_log.append(message);
}

TokenData tokens(const QByteArray &access, const QByteArray &refresh, int expiresInSeconds)
{
    return {QString::fromLatin1(FlowsClient::ResourceServer),          u"scope"_s, access, refresh,
            QDateTime::currentDateTimeUtc().addSecs(expiresInSeconds), {}};
}

} // namespace

class TestTransport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void timeout_isReportedAsTimeoutNotCancel();
    void abort_isCancel();
    void abort_duringRetryWait();
    void retry_503Then200();
    void retry_honoursRetryAfter();
    void retry_givesUpAfterMaxRetries();
    void retry_idempotentGetAfterDroppedConnection();
    void unauthorized_refreshesOnceThenRetries();
    void unauthorized_twiceGivesUp();
    void refresh_aheadOfExpiry_sharedByConcurrentCalls();
    void refresh_failureAsksForSignIn();
    void runFlow_notResentAfter503();
    void runFlow_notResentAfterDroppedConnection();
    void resumeRun_notResentAfterDroppedConnection();
    void runFlow_notResentAfterTimeout();
    void runFlow_resentAfter429();
    void runFlow_resentWhenConnectionRefused();
    void runFlow_renewsTokenOnceOn401();
    void runFlow_abortInFlightMayHaveStarted();
    void runFlow_unreadableSuccessMayHaveStarted();
    void redirects_toAnotherHostAreNotFollowed();
    void usage_plainHttpToRemoteHostRefused();
    void logs_neverContainTokens();

private:
    QNetworkAccessManager m_network;
};

void TestTransport::init()
{
    m_network.clearConnectionCache();
}

void TestTransport::timeout_isReportedAsTimeoutNotCancel()
{
    FakeFlowsServer server;
    FlowsClient client(&m_network, server.silentUrl());
    client.transport()->setTimeoutMs(200);
    client.transport()->setRetryPolicy(fastRetries(1));
    RunReply *reply = client.getRun(u"r"_s);
    QSignalSpy failed(reply, &ApiReply::errorOccurred);
    QVERIFY(waitFinished(reply));
    QCOMPARE(reply->error().kind, ApiError::Kind::Timeout);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(reply->attempts(), 2); // a GET is safe to try again
    QVERIFY(!reply->error().outcomeUnknown);
    QTRY_COMPARE(server.silentConnections(), 2);
}

void TestTransport::abort_isCancel()
{
    FakeFlowsServer server;
    FlowsClient client(&m_network, server.silentUrl());
    RunReply *reply = client.getRun(u"r"_s);
    QSignalSpy finished(reply, &ApiReply::finished);
    QTRY_COMPARE(server.silentConnections(), 1);
    reply->abort();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(reply->error().kind, ApiError::Kind::Canceled);
    reply->abort(); // idempotent: no second finished()
    QTest::qWait(20);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(reply->attempts(), 1);
}

void TestTransport::abort_duringRetryWait()
{
    FakeFlowsServer server;
    server.enqueue("GET", u"/runs"_s, {503, {}, {}});
    FlowsClient client(&m_network, server.baseUrl());
    RetryPolicy slow = fastRetries(3);
    slow.base = std::chrono::milliseconds(200); // backoff 200 ms (random fixed at 0.5)
    client.transport()->setRetryPolicy(slow);
    RunPageReply *reply = client.listRuns();
    QTRY_COMPARE(server.requests().size(), 1);
    QTest::qWait(20); // now waiting the backoff
    QSignalSpy finished(reply, &ApiReply::finished);
    reply->abort();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(reply->error().kind, ApiError::Kind::Canceled);
    QTest::qWait(500); // well past the backoff: the retry must not have been sent
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(finished.count(), 1);
}

void TestTransport::retry_503Then200()
{
    FakeFlowsServer server;
    server.enqueue("GET", u"/runs"_s, {503, "<html>busy</html>", {{"Content-Type", "text/html"}}});
    server.enqueueFixture(u"list_runs"_s, u"default"_s);
    FlowsClient client(&m_network, server.baseUrl());
    client.transport()->setRetryPolicy(fastRetries());
    RunPageReply *reply = client.listRuns();
    QSignalSpy failed(reply, &ApiReply::errorOccurred);
    QVERIFY(waitFinished(reply));
    QVERIFY2(!reply->error().isError(), qPrintable(reply->error().toString()));
    QCOMPARE(failed.count(), 0);
    QCOMPARE(reply->attempts(), 2);
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(reply->value().items.size(), 1);
}

void TestTransport::retry_honoursRetryAfter()
{
    FakeFlowsServer server;
    server.enqueue("GET", u"/runs"_s, {429, {}, {{"Retry-After", "1"}}});
    server.enqueueFixture(u"list_runs"_s, u"default"_s);
    FlowsClient client(&m_network, server.baseUrl());
    client.transport()->setRetryPolicy(fastRetries());
    QElapsedTimer clock;
    clock.start();
    RunPageReply *reply = client.listRuns();
    QVERIFY(waitFinished(reply));
    QVERIFY(!reply->error().isError());
    QVERIFY2(clock.elapsed() >= 950, qPrintable(QString::number(clock.elapsed())));
}

void TestTransport::retry_givesUpAfterMaxRetries()
{
    FakeFlowsServer server;
    server.enqueueJson("GET", u"/runs"_s, 500, {{u"error"_s, QJsonObject{{u"code"_s, u"INTERNAL"_s}}}});
    FlowsClient client(&m_network, server.baseUrl());
    client.transport()->setRetryPolicy(fastRetries(3));
    RunPageReply *reply = client.listRuns();
    QVERIFY(waitFinished(reply));
    QCOMPARE(reply->error().kind, ApiError::Kind::Api);
    QCOMPARE(reply->error().httpStatus, 500);
    QCOMPARE(reply->attempts(), 4);
    QCOMPARE(server.requests().size(), 4);
    QVERIFY(!reply->error().outcomeUnknown); // a GET cannot have done harm
}

void TestTransport::retry_idempotentGetAfterDroppedConnection()
{
    FakeFlowsServer server;
    FlowsClient client(&m_network, server.droppingUrl());
    client.transport()->setRetryPolicy(fastRetries(2));
    RunPageReply *reply = client.listRuns();
    QVERIFY(waitFinished(reply));
    QCOMPARE(reply->error().kind, ApiError::Kind::Network);
    QCOMPARE(reply->attempts(), 3);
    // Qt may also re-send a GET once per attempt on its own (harmless for a GET); we count ours.
    QTRY_VERIFY(server.droppedConnections() >= 3);
}

void TestTransport::unauthorized_refreshesOnceThenRetries()
{
    FakeFlowsServer server;
    server.enqueueFixture(u"validate_run"_s, u"invalid_token"_s); // 401 first ...
    server.enqueueFixture(u"validate_run"_s, u"default"_s);       // ... then success
    server.enqueueJson(
        "POST", u"/v2/oauth2/token"_s, 200,
        {{u"access_token"_s, u"fresh-access"_s}, {u"expires_in"_s, 3600}, {u"refresh_token"_s, u"rotated-refresh"_s}});
    FlowsClient client(&m_network, server.baseUrl());
    RefreshTokenAuthorizer authorizer(&m_network, server.baseUrl(), u"client-1"_s,
                                      tokens("stale-access", "first-refresh", 7200));
    QSignalSpy changed(&authorizer, &RefreshTokenAuthorizer::tokensChanged);
    client.setAuthorizer(&authorizer);
    RunValidationReply *reply = client.specificFlowClient(s(kFlowId))->validateRun({});
    QVERIFY(waitFinished(reply));
    QVERIFY2(!reply->error().isError(), qPrintable(reply->error().toString()));
    const auto &seen = server.requests();
    QCOMPARE(seen.size(), 3);
    QCOMPARE(seen.at(0).headers.value("authorization"), "Bearer stale-access"_ba);
    QCOMPARE(seen.at(1).path, u"/v2/oauth2/token"_s);
    const QUrlQuery form(QString::fromLatin1(seen.at(1).body));
    QCOMPARE(form.queryItemValue(u"grant_type"_s), u"refresh_token"_s);
    QCOMPARE(form.queryItemValue(u"refresh_token"_s), u"first-refresh"_s);
    QCOMPARE(form.queryItemValue(u"client_id"_s), u"client-1"_s);
    QCOMPARE(seen.at(1).headers.value("content-type"), "application/x-www-form-urlencoded"_ba);
    QCOMPARE(seen.at(2).headers.value("authorization"), "Bearer fresh-access"_ba);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(authorizer.tokens().refreshToken, "rotated-refresh"_ba);
    QVERIFY(authorizer.tokens().expiresAt > QDateTime::currentDateTimeUtc().addSecs(3500));
}

void TestTransport::unauthorized_twiceGivesUp()
{
    FakeFlowsServer server;
    server.enqueueFixture(u"validate_run"_s, u"invalid_token"_s); // always 401
    server.enqueueJson("POST", u"/v2/oauth2/token"_s, 200, {{u"access_token"_s, u"new"_s}, {u"expires_in"_s, 3600}});
    FlowsClient client(&m_network, server.baseUrl());
    RefreshTokenAuthorizer authorizer(&m_network, server.baseUrl(), u"c"_s, tokens("old", "rt", 7200));
    client.setAuthorizer(&authorizer);
    RunValidationReply *reply = client.specificFlowClient(s(kFlowId))->validateRun({});
    QVERIFY(waitFinished(reply));
    QCOMPARE(reply->error().httpStatus, 401);
    QCOMPARE(reply->error().code, u"AUTHENTICATION_ERROR"_s);
    QVERIFY(reply->error().requiresReauthentication());
    QCOMPARE(server.requests().size(), 3); // call, one renewal, call: no loop
}

void TestTransport::refresh_aheadOfExpiry_sharedByConcurrentCalls()
{
    FakeFlowsServer server;
    server.enqueueFixture(u"get_run"_s, u"default"_s);
    server.enqueueJson("POST", u"/v2/oauth2/token"_s, 200, {{u"access_token"_s, u"new"_s}, {u"expires_in"_s, 3600}});
    FlowsClient client(&m_network, server.baseUrl());
    RefreshTokenAuthorizer authorizer(&m_network, server.baseUrl(), u"c"_s, tokens("nearly-expired", "rt", 30));
    client.setAuthorizer(&authorizer);
    RunReply *first = client.getRun(s(kGetRunId));
    RunReply *second = client.getRun(s(kGetRunId));
    QSignalSpy firstDone(first, &ApiReply::finished);
    QSignalSpy secondDone(second, &ApiReply::finished);
    QTRY_VERIFY(firstDone.count() == 1 && secondDone.count() == 1);
    QTest::qWait(30);
    QCOMPARE(firstDone.count(), 1);
    QCOMPARE(secondDone.count(), 1);
    QVERIFY(!first->error().isError());
    QVERIFY(!second->error().isError());
    int renewals = 0;
    for (const RecordedRequest &r : server.requests()) {
        if (r.path == "/v2/oauth2/token"_L1)
            ++renewals;
        else
            QCOMPARE(r.headers.value("authorization"), "Bearer new"_ba); // never sent with the old token
    }
    QCOMPARE(renewals, 1);
    QCOMPARE(server.requests().size(), 3);
}

void TestTransport::refresh_failureAsksForSignIn()
{
    FakeFlowsServer server;
    server.enqueueJson("POST", u"/v2/oauth2/token"_s, 400, {{u"error"_s, u"invalid_grant"_s}});
    FlowsClient client(&m_network, server.baseUrl());
    RefreshTokenAuthorizer authorizer(&m_network, server.baseUrl(), u"c"_s, tokens("", "revoked", -10));
    client.setAuthorizer(&authorizer);
    RunReply *reply = client.runFlow(s(kFlowId), {});
    QVERIFY(waitFinished(reply));
    QCOMPARE(reply->error().httpStatus, 401);
    QVERIFY(reply->error().requiresReauthentication());
    QVERIFY(!reply->error().outcomeUnknown);
    QCOMPARE(server.requests().size(), 1); // only the renewal; the run itself was never sent
}

void TestTransport::runFlow_notResentAfter503()
{
    FakeFlowsServer server;
    server.enqueue("POST", u"/flows/"_s + s(kFlowId) + u"/run"_s, {503, {}, {}});
    server.enqueueFixture(u"run_flow"_s, u"default"_s);
    FlowsClient client(&m_network, server.baseUrl());
    client.transport()->setRetryPolicy(fastRetries());
    RunReply *reply = client.runFlow(s(kFlowId), {{u"x"_s, 1}});
    QVERIFY(waitFinished(reply));
    QCOMPARE(reply->error().kind, ApiError::Kind::Http);
    QCOMPARE(reply->error().httpStatus, 503);
    QVERIFY(reply->error().outcomeUnknown);
    QTest::qWait(50);
    QCOMPARE(server.requests().size(), 1);
}

void TestTransport::runFlow_notResentAfterDroppedConnection()
{
    FakeFlowsServer server;
    FlowsClient client(&m_network, server.droppingUrl());
    client.transport()->setRetryPolicy(fastRetries());
    RunReply *reply = client.specificFlowClient(s(kFlowId))->runFlow({});
    QVERIFY(waitFinished(reply));
    QCOMPARE(reply->error().kind, ApiError::Kind::Network);
    QVERIFY(reply->error().outcomeUnknown);
    QVERIFY(reply->error().toString().contains(u"check before trying again"_s));
    // Qt wanted to send the run again by itself and was stopped (Qt 6.4 resends after an early close).
    QCOMPARE(reply->error().networkError, int(QNetworkReply::ContentReSendError));
    QTest::qWait(50);
    QCOMPARE(server.droppedConnections(), 1);
    QCOMPARE(reply->attempts(), 1);
}

void TestTransport::resumeRun_notResentAfterDroppedConnection()
{
    FakeFlowsServer server;
    FlowsClient client(&m_network, server.droppingUrl());
    client.transport()->setRetryPolicy(fastRetries());
    RunReply *reply = client.specificFlowClient(s(kFlowId))->resumeRun(s(kRunId));
    QVERIFY(waitFinished(reply));
    QCOMPARE(reply->error().kind, ApiError::Kind::Network);
    QVERIFY(reply->error().outcomeUnknown);
    QTest::qWait(50);
    QCOMPARE(server.droppedConnections(), 1);
}

void TestTransport::runFlow_notResentAfterTimeout()
{
    FakeFlowsServer server;
    FlowsClient client(&m_network, server.silentUrl());
    client.transport()->setTimeoutMs(150);
    client.transport()->setRetryPolicy(fastRetries());
    RunReply *reply = client.runFlow(s(kFlowId), {});
    QVERIFY(waitFinished(reply));
    QCOMPARE(reply->error().kind, ApiError::Kind::Timeout);
    QVERIFY(reply->error().outcomeUnknown);
    QCOMPARE(reply->attempts(), 1);
    QCOMPARE(server.silentConnections(), 1);
}

void TestTransport::runFlow_resentAfter429()
{
    FakeFlowsServer server;
    server.enqueue("POST", u"/flows/"_s + s(kFlowId) + u"/run"_s, {429, {}, {{"Retry-After", "0"}}});
    server.enqueueFixture(u"run_flow"_s, u"default"_s);
    FlowsClient client(&m_network, server.baseUrl());
    client.transport()->setRetryPolicy(fastRetries());
    RunReply *reply = client.runFlow(s(kFlowId), {});
    QVERIFY(waitFinished(reply));
    QVERIFY(!reply->error().isError()); // a 429 says the server did nothing: safe to send again
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(reply->value().runId, s(kRunId));
}

void TestTransport::runFlow_resentWhenConnectionRefused()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const QUrl closed(u"http://127.0.0.1:%1/"_s.arg(probe.serverPort()));
    probe.close();
    FlowsClient client(&m_network, closed);
    client.transport()->setRetryPolicy(fastRetries(2));
    RunReply *reply = client.runFlow(s(kFlowId), {});
    QVERIFY(waitFinished(reply));
    QCOMPARE(reply->error().kind, ApiError::Kind::Network);
    QCOMPARE(reply->error().networkError, int(QNetworkReply::ConnectionRefusedError));
    QCOMPARE(reply->attempts(), 3); // never reached a server: safe to retry even a run
    QVERIFY(!reply->error().outcomeUnknown);
}

void TestTransport::runFlow_renewsTokenOnceOn401()
{
    FakeFlowsServer server;
    const QString run = u"/flows/"_s + s(kFlowId) + u"/run"_s;
    server.enqueueJson("POST", run, 401, {{u"error"_s, QJsonObject{{u"code"_s, u"AUTHENTICATION_ERROR"_s}}}});
    server.enqueueFixture(u"run_flow"_s, u"default"_s);
    server.enqueueJson("POST", u"/v2/oauth2/token"_s, 200, {{u"access_token"_s, u"fresh"_s}, {u"expires_in"_s, 3600}});
    FlowsClient client(&m_network, server.baseUrl());
    RefreshTokenAuthorizer authorizer(&m_network, server.baseUrl(), u"c"_s, tokens("stale", "rt", 7200));
    client.setAuthorizer(&authorizer);
    RunReply *reply = client.runFlow(s(kFlowId), {});
    QVERIFY(waitFinished(reply));
    QVERIFY2(!reply->error().isError(), qPrintable(reply->error().toString()));
    int posts = 0;
    for (const RecordedRequest &r : server.requests())
        posts += r.path == run ? 1 : 0;
    QCOMPARE(posts, 2); // a 401 means the service did nothing: the one renewal and resend are safe
    QCOMPARE(server.requests().last().headers.value("authorization"), "Bearer fresh"_ba);
}

void TestTransport::runFlow_abortInFlightMayHaveStarted()
{
    FakeFlowsServer server;
    FlowsClient client(&m_network, server.silentUrl());
    RunReply *reply = client.runFlow(s(kFlowId), {});
    QTRY_COMPARE(server.silentConnections(), 1);
    QTest::qWait(50); // the request is on the wire
    reply->abort();
    QCOMPARE(reply->error().kind, ApiError::Kind::Canceled);
    QVERIFY(reply->error().outcomeUnknown);
}

void TestTransport::runFlow_unreadableSuccessMayHaveStarted()
{
    FakeFlowsServer server;
    server.enqueue("POST", u"/flows/"_s + s(kFlowId) + u"/run"_s, {201, "<html>created</html>", {}});
    FlowsClient client(&m_network, server.baseUrl());
    RunReply *reply = client.runFlow(s(kFlowId), {});
    QVERIFY(waitFinished(reply));
    QCOMPARE(reply->error().kind, ApiError::Kind::Parse);
    QVERIFY(reply->error().outcomeUnknown);
    QCOMPARE(server.requests().size(), 1);
}

void TestTransport::redirects_toAnotherHostAreNotFollowed()
{
    FakeFlowsServer server;
    const QByteArray elsewhere = server.silentUrl().resolved(QUrl(u"/runs"_s)).toEncoded();
    server.enqueue("GET", u"/runs"_s, {307, {}, {{"Location", elsewhere}}});
    FlowsClient client(&m_network, server.baseUrl());
    StaticTokenAuthorizer token("secret-token");
    client.setAuthorizer(&token);
    RunPageReply *reply = client.listRuns();
    QVERIFY(waitFinished(reply));
    QCOMPARE(reply->error().httpStatus, 307);
    QVERIFY(reply->error().text.contains(QString::fromLatin1(elsewhere)));
    QTest::qWait(50);
    QCOMPARE(server.silentConnections(), 0); // the token never went to the other port
}

void TestTransport::usage_plainHttpToRemoteHostRefused()
{
    FlowsClient client(&m_network, QUrl(u"http://flows.example.org/"_s));
    RunPageReply *reply = client.listRuns();
    QVERIFY(!reply->isFinished()); // still reported from the event loop, so connecting now is in time
    QSignalSpy finished(reply, &ApiReply::finished);
    QVERIFY(finished.wait(2000));
    QCOMPARE(reply->error().kind, ApiError::Kind::Usage);
    QVERIFY(reply->error().text.contains(u"loopback"_s));
}

void TestTransport::logs_neverContainTokens()
{
    QLoggingCategory::setFilterRules(u"flowdeck.*=true"_s);
    g_log.clear();
    const QtMessageHandler previous = qInstallMessageHandler(captureMessages);

    FakeFlowsServer server;
    server.enqueueFixture(u"validate_run"_s, u"invalid_token"_s);
    server.enqueueFixture(u"validate_run"_s, u"default"_s);
    server.enqueueJson("POST", u"/v2/oauth2/token"_s, 200,
                       {{u"access_token"_s, u"SECRET-NEW-ACCESS"_s}, {u"expires_in"_s, 3600}});
    FlowsClient client(&m_network, server.baseUrl());
    RefreshTokenAuthorizer authorizer(&m_network, server.baseUrl(), u"c"_s,
                                      tokens("SECRET-OLD-ACCESS", "SECRET-REFRESH", 7200));
    client.setAuthorizer(&authorizer);
    const bool done = waitFinished(client.specificFlowClient(s(kFlowId))->validateRun({}));

    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
    QVERIFY(done);
    const QString all = g_log.join(u'\n');
    QVERIFY2(all.contains(u"refreshing token"_s), qPrintable(all)); // the log did run
    QVERIFY2(all.contains(u"/validate_run"_s), qPrintable(all));
    QVERIFY(!all.contains(u"SECRET"_s));
}

QTEST_GUILESS_MAIN(TestTransport)
#include "tst_transport.moc"
