// SPDX-License-Identifier: GPL-3.0-or-later
// Replies must end exactly once, and never crash, whatever dies first: the client, the authorizer,
// or the reply itself from one of its own signals.
#include "clienttesthelpers.h"
#include "core/api/flowsclient.h"
#include "core/api/specificflowclient.h"
#include "fakes/fakeflowsserver.h"

#include <QNetworkAccessManager>
#include <QPointer>

using namespace Flowdeck::Core;
using namespace Flowdeck::Tests;

namespace {

// Wants a renewal but cannot perform one (relies on the base class's refresh()).
class ExpiredOnlyAuthorizer final : public Authorizer
{
public:
    QByteArray authorizationHeader() const override { return "Bearer x"; }
    bool needsRefresh() const override { return true; }
};

// A renewal that never ends by itself.
class StuckAuthorizer final : public Authorizer
{
public:
    QByteArray authorizationHeader() const override { return "Bearer x"; }
    bool needsRefresh() const override { return true; }
    bool canRefresh() const override { return true; }
    void refresh() override {}
};

} // namespace

class TestReplyLifetime : public QObject
{
    Q_OBJECT

private slots:
    void clientDeleted_duringRetryWait_replyFailsCleanly();
    void clientDeleted_paginatorEndsWithError();
    void clientDeleted_specificClientStillAnswers();
    void authorizerWithoutRenewal_doesNotHang();
    void authorizerDeleted_duringRenewal_doesNotHang();
    void replyDeletedFromErrorSlot_noCrash();
    void start_twice_sendsOnce();

private:
    QNetworkAccessManager m_network;
};

void TestReplyLifetime::clientDeleted_duringRetryWait_replyFailsCleanly()
{
    FakeFlowsServer server;
    server.enqueue("GET", u"/runs"_s, {503, {}, {}});
    auto *client = new FlowsClient(&m_network, server.baseUrl());
    RetryPolicy policy = fastRetries(3);
    policy.base = std::chrono::milliseconds(100);
    client->transport()->setRetryPolicy(policy);
    RunPageReply *reply = client->listRuns();
    reply->setParent(this); // the requester keeps it, as views do
    QTRY_COMPARE(server.requests().size(), 1);
    delete client; // closes the transport while the reply waits to retry
    QVERIFY(waitFinished(reply));
    QCOMPARE(reply->error().kind, ApiError::Kind::Canceled);
    QCOMPARE(server.requests().size(), 1);
    delete reply;
}

void TestReplyLifetime::clientDeleted_paginatorEndsWithError()
{
    FakeFlowsServer server;
    server.enqueueFixture(u"list_runs"_s, u"paginated"_s);
    auto *client = new FlowsClient(&m_network, server.baseUrl());
    RunPaginator *paginator = client->paginateRuns();
    paginator->setParent(this);
    QSignalSpy page(paginator, &PaginatorBase::pageReady);
    paginator->fetchNext();
    QVERIFY(page.wait());
    delete client;
    QSignalSpy finished(paginator, &PaginatorBase::finished);
    paginator->fetchNext();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(paginator->error().kind, ApiError::Kind::Canceled);
    delete paginator;
}

void TestReplyLifetime::clientDeleted_specificClientStillAnswers()
{
    FakeFlowsServer server;
    auto *client = new FlowsClient(&m_network, server.baseUrl());
    SpecificFlowClient *specific = client->specificFlowClient(QString::fromLatin1(kFlowId), this);
    delete client;
    const QList<ApiReply *> replies{specific->runFlow({}), specific->getFlow(), specific->resumeRun(u"r"_s)};
    QList<std::shared_ptr<QSignalSpy>> spies;
    for (ApiReply *reply : replies)
        spies.append(std::make_shared<QSignalSpy>(reply, &ApiReply::finished));
    for (qsizetype i = 0; i < replies.size(); ++i) {
        QTRY_COMPARE(spies.at(i)->count(), 1);
        QCOMPARE(replies.at(i)->error().kind, ApiError::Kind::Usage);
    }
    QCOMPARE(server.requests().size(), 0);
    delete specific;
}

void TestReplyLifetime::authorizerWithoutRenewal_doesNotHang()
{
    FakeFlowsServer server;
    FlowsClient client(&m_network, server.baseUrl());
    ExpiredOnlyAuthorizer authorizer;
    client.setAuthorizer(&authorizer);
    RunReply *reply = client.getRun(u"r"_s);
    QVERIFY(waitFinished(reply, 2000));
    QCOMPARE(reply->error().httpStatus, 401);
    QCOMPARE(server.requests().size(), 0);
}

void TestReplyLifetime::authorizerDeleted_duringRenewal_doesNotHang()
{
    FakeFlowsServer server;
    FlowsClient client(&m_network, server.baseUrl());
    auto *authorizer = new StuckAuthorizer;
    client.setAuthorizer(authorizer);
    RunReply *reply = client.getRun(u"r"_s);
    QSignalSpy finished(reply, &ApiReply::finished);
    QTest::qWait(50);
    QCOMPARE(finished.count(), 0);
    delete authorizer;
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(reply->error().httpStatus, 401);
}

void TestReplyLifetime::replyDeletedFromErrorSlot_noCrash()
{
    FakeFlowsServer server;
    server.enqueueFixture(u"get_web_input"_s, u"not_found"_s);
    FlowsClient client(&m_network, server.baseUrl());
    QPointer<ApiReply> reply = client.getWebInput(QString::fromLatin1(kWebInputId));
    bool sawError = false;
    connect(reply, &ApiReply::errorOccurred, this, [&](const ApiError &) {
        sawError = true;
        delete reply.data(); // must not crash the emission of finished() that would follow
    });
    QTRY_VERIFY(sawError);
    QVERIFY(reply.isNull());
}

void TestReplyLifetime::start_twice_sendsOnce()
{
    FakeFlowsServer server;
    server.enqueueFixture(u"run_flow"_s, u"default"_s);
    FlowsClient client(&m_network, server.baseUrl());
    RunReply *reply = client.runFlow(QString::fromLatin1(kFlowId), {});
    reply->start(); // already started by the client
    QVERIFY(waitFinished(reply));
    QCOMPARE(server.requests().size(), 1);
}

QTEST_GUILESS_MAIN(TestReplyLifetime)
#include "tst_replylifetime.moc"
