// SPDX-License-Identifier: GPL-3.0-or-later
#include "clienttesthelpers.h"
#include "core/api/flowsclient.h"
#include "fakes/fakeflowsserver.h"

#include <QJsonArray>
#include <QNetworkAccessManager>

#include <functional>

using namespace Flowdeck::Core;
using namespace Flowdeck::Tests;

// Starts a paginator of one kind and reports how many items it has collected.
struct Walk
{
    std::function<PaginatorBase *(FlowsClient &)> start;
    std::function<qsizetype(PaginatorBase *)> collected;
};
Q_DECLARE_METATYPE(Walk)

namespace {
template<typename T>
qsizetype itemsOf(PaginatorBase *p)
{
    return static_cast<Paginator<T> *>(p)->items().size();
}
} // namespace

class TestPaginator : public QObject
{
    Q_OBJECT

private slots:
    void fetchAll_data();
    void fetchAll() { walkAll(32 * 1024); }
    void fetchAll_parsedInBackground_data() { fetchAll_data(); }
    void fetchAll_parsedInBackground() { walkAll(0); }
    void pages_deliveredInOrderWhenParsesFinishOutOfOrder();
    void abortAndDelete_duringBackgroundParse();
    void fetchNext_isOnDemand();
    void stop_endsOnceWithoutError();
    void error_midway_endsWithError();

private:
    void walkAll(qsizetype backgroundThreshold);
    QNetworkAccessManager m_network;
};

void TestPaginator::fetchAll_data()
{
    QTest::addColumn<Walk>("walk");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<int>("items");
    QTest::addColumn<QStringList>("markers"); // the marker each request carried ("" for none)
    QTest::addColumn<QString>("extraParam");  // a filter that must travel with every page

    QTest::newRow("flows") << Walk{[](FlowsClient &c) {
                                       ListFlowsOptions o;
                                       o.filterRoles = {u"flow_owner"_s};
                                       return c.paginateFlows(o);
                                   },
                                   itemsOf<Flow>}
                           << u"list_flows"_s << 60 << QStringList{QString(), u"fake_marker_0"_s, u"fake_marker_1"_s}
                           << u"filter_roles"_s;
    QTest::newRow("runs") << Walk{[](FlowsClient &c) {
                                      ListRunsOptions o;
                                      o.filterStatus = {u"SUCCEEDED"_s};
                                      return c.paginateRuns(o);
                                  },
                                  itemsOf<Run>}
                          << u"list_runs"_s << 60 << QStringList{QString(), u"fake_marker_0"_s, u"fake_marker_1"_s}
                          << u"filter_status"_s;
    QTest::newRow("run logs") << Walk{[](FlowsClient &c) {
                                          return c.paginateRunLogs(QString::fromLatin1(kLogRunId), {10, {}, {}, {}});
                                      },
                                      itemsOf<RunLogEntry>}
                              << u"get_run_logs"_s << 12 << QStringList{QString(), u"fake_run_logs_marker"_s}
                              << u"limit"_s;
    QTest::newRow("registered apis") << Walk{[](FlowsClient &c) {
                                                 ListRegisteredApisOptions o;
                                                 o.perPage = 10;
                                                 return c.paginateRegisteredApis(o);
                                             },
                                             itemsOf<RegisteredApi>}
                                     << u"list_registered_apis"_s << 25
                                     << QStringList{QString(), u"fake_marker_0"_s, u"fake_marker_1"_s} << u"per_page"_s;
    QTest::newRow("web inputs (nullable marker)")
        << Walk{[](FlowsClient &c) {
                    ListWebInputsOptions o;
                    o.filterStates = {u"open"_s};
                    return c.paginateWebInputs(o);
                },
                itemsOf<WebInputSummary>}
        << u"list_web_inputs"_s << 60 << QStringList{QString(), u"fake_marker_0"_s, u"fake_marker_1"_s}
        << u"filter_states"_s;
}

void TestPaginator::walkAll(qsizetype backgroundThreshold)
{
    QFETCH(Walk, walk);
    QFETCH(QString, operation);
    QFETCH(int, items);
    QFETCH(QStringList, markers);
    QFETCH(QString, extraParam);

    FakeFlowsServer server;
    QCOMPARE(server.enqueueFixture(operation, u"paginated"_s), markers.size());
    FlowsClient client(&m_network, server.baseUrl());
    client.transport()->setBackgroundParseThreshold(backgroundThreshold);
    PaginatorBase *paginator = walk.start(client);
    QSignalSpy pages(paginator, &PaginatorBase::pageReady);
    QSignalSpy finished(paginator, &PaginatorBase::finished);
    paginator->fetchAll();
    QVERIFY(finished.wait(10'000));
    QTest::qWait(0);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(pages.count(), markers.size());
    QCOMPARE(paginator->pageCount(), markers.size());
    QVERIFY(!paginator->error().isError());
    QVERIFY(!paginator->hasMore());
    QCOMPARE(walk.collected(paginator), qsizetype(items));
    QCOMPARE(server.requests().size(), markers.size());
    for (qsizetype i = 0; i < markers.size(); ++i) {
        QCOMPARE(server.requests().at(i).queryValue(u"marker"_s), markers.at(i));
        QVERIFY(!server.requests().at(i).queryValue(extraParam).isEmpty());
    }
}

void TestPaginator::fetchNext_isOnDemand()
{
    FakeFlowsServer server;
    server.enqueueFixture(u"list_runs"_s, u"paginated"_s);
    FlowsClient client(&m_network, server.baseUrl());
    RunPaginator *paginator = client.paginateRuns();
    QSignalSpy pages(paginator, &PaginatorBase::pageReady);
    paginator->fetchNext();
    paginator->fetchNext(); // ignored while a page is in flight
    QVERIFY(pages.wait());
    QTest::qWait(50);
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(paginator->lastPage().items.size(), 20);
    QVERIFY(paginator->hasMore());
    paginator->fetchNext();
    QVERIFY(pages.wait());
    QCOMPARE(server.requests().last().queryValue(u"marker"_s), u"fake_marker_0"_s);
    QCOMPARE(paginator->items().size(), 40);
}

void TestPaginator::stop_endsOnceWithoutError()
{
    FakeFlowsServer server;
    FlowsClient client(&m_network, server.silentUrl());
    RunPaginator *paginator = client.paginateRuns();
    QSignalSpy finished(paginator, &PaginatorBase::finished);
    QSignalSpy failed(paginator, &PaginatorBase::errorOccurred);
    paginator->fetchAll();
    QTRY_COMPARE(server.silentConnections(), 1);
    paginator->stop();
    paginator->stop();
    QTest::qWait(50);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(failed.count(), 0);
    QVERIFY(!paginator->hasMore());
    QVERIFY(!paginator->isFetching());
}

void TestPaginator::error_midway_endsWithError()
{
    FakeFlowsServer server;
    server.enqueueJson("GET", u"/runs"_s, 200, FakeFlowsServer::fixtureBody(u"list_runs"_s, u"paginated"_s, 0));
    server.enqueueJson("GET", u"/runs"_s, 404, {{u"error"_s, QJsonObject{{u"code"_s, u"NOT_FOUND"_s}}}});
    FlowsClient client(&m_network, server.baseUrl());
    RunPaginator *paginator = client.paginateRuns();
    QSignalSpy finished(paginator, &PaginatorBase::finished);
    QSignalSpy failed(paginator, &PaginatorBase::errorOccurred);
    paginator->fetchAll();
    QVERIFY(finished.wait());
    QCOMPARE(failed.count(), 1);
    QCOMPARE(paginator->error().code, u"NOT_FOUND"_s);
    QCOMPARE(paginator->items().size(), 20); // what arrived before the error is kept
}

namespace {

QJsonObject runsPage(int first, int count, const QString &marker)
{
    QJsonArray runs;
    const QString padding(400, u'x'); // ~0.5 KB per run
    for (int i = first; i < first + count; ++i)
        runs.append(
            QJsonObject{{u"run_id"_s, u"run-%1"_s.arg(i)}, {u"status"_s, u"SUCCEEDED"_s}, {u"label"_s, padding}});
    return {{u"runs"_s, runs},
            {u"has_next_page"_s, !marker.isEmpty()},
            {u"marker"_s, marker.isEmpty() ? QJsonValue() : QJsonValue(marker)}};
}

} // namespace

void TestPaginator::pages_deliveredInOrderWhenParsesFinishOutOfOrder()
{
    // Page 1 is big (parsed on the thread pool, slowly); page 2 is small (parsed at once on arrival),
    // so page 2 is usually ready first. The paginator must still hand them over in order.
    FakeFlowsServer server;
    server.enqueueJson("GET", u"/runs"_s, 200, runsPage(0, 6000, u"p2"_s));
    server.enqueueJson("GET", u"/runs"_s, 200, runsPage(6000, 3, QString()));
    FlowsClient client(&m_network, server.baseUrl());
    client.transport()->setBackgroundParseThreshold(1024 * 1024);
    RunPaginator *paginator = client.paginateRuns();
    QStringList firstIdsPerPage;
    connect(paginator, &PaginatorBase::pageReady, this,
            [&] { firstIdsPerPage.append(paginator->lastPage().items.first().runId); });
    QSignalSpy finished(paginator, &PaginatorBase::finished);
    paginator->fetchAll();
    QVERIFY(finished.wait(20'000));
    QCOMPARE(firstIdsPerPage, QStringList({u"run-0"_s, u"run-6000"_s}));
    QCOMPARE(paginator->items().size(), 6003);
    for (int i : {0, 5999, 6000, 6002})
        QCOMPARE(paginator->items().at(i).runId, u"run-%1"_s.arg(i));
    QCOMPARE(server.requests().size(), 2);
}

void TestPaginator::abortAndDelete_duringBackgroundParse()
{
    FakeFlowsServer server;
    server.enqueueJson("GET", u"/runs"_s, 200, runsPage(0, 6000, QString()));
    FlowsClient client(&m_network, server.baseUrl());
    client.transport()->setBackgroundParseThreshold(0);

    RunPageReply *aborted = client.listRuns();
    QSignalSpy finished(aborted, &ApiReply::finished);
    QSignalSpy arrived(aborted, &ApiReply::bodyArrived);
    QVERIFY(arrived.wait(10'000)); // the parse is now running on the pool
    aborted->abort();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(aborted->error().kind, ApiError::Kind::Canceled);
    QTest::qWait(300); // the parse ends meanwhile and must not finish the reply a second time
    QCOMPARE(finished.count(), 1);
    QVERIFY(aborted->value().items.isEmpty());

    RunPageReply *deleted = client.listRuns();
    QSignalSpy deletedArrived(deleted, &ApiReply::bodyArrived);
    QVERIFY(deletedArrived.wait(10'000));
    delete deleted; // the continuation must not touch it (run under ASan in the asan preset)
    QTest::qWait(300);
}

QTEST_GUILESS_MAIN(TestPaginator)
#include "tst_paginator.moc"
