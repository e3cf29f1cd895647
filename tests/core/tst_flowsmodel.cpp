// SPDX-License-Identifier: GPL-3.0-or-later
// FlowsModel against the embedded local service: paging with fetchMore, server-side filters and
// sorting, outdated pages dropped, rows updated and removed in place; QAbstractItemModelTester
// watches every change.
#include "core/models/flowsmodel.h"
#include "engine/servicefixture.h"

#include <QAbstractItemModelTester>

using namespace Flowdeck::Core;
using namespace Flowdeck::Tests;

namespace {

const char *Definition = R"j({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}})j";

// Loads every page, as a view scrolling to the end would.
bool loadAll(FlowsModel &model)
{
    QSignalSpy loading(&model, &FlowsModel::loadingChanged);
    for (int guard = 0; guard < 1000; ++guard) {
        if (model.isLoading() && !QTest::qWaitFor([&] { return !model.isLoading(); }, 10'000))
            return false;
        if (!model.canFetchMore({}))
            return true;
        model.fetchMore({});
    }
    return false;
}

} // namespace

class TestFlowsModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pagesThroughAThousandFlows();
    void filtersAndSortsOnTheServer();
    void outdatedPagesAreIgnored();
    void rowsUpdateAndDisappearInPlace();
    void errorsAreReportedAndNothingIsShown();

private:
    ServiceFixture m_service;
};

void TestFlowsModel::initTestCase()
{
    QVERIFY(m_service.start());
    QStringList titles;
    for (int i = 0; i < 1000; ++i)
        titles.append(u"Flow %1"_s.arg(i, 4, 10, QChar(u'0')));
    const QStringList ids = m_service.createFlows(titles, jsonObject(Definition), [](int i) {
        CreateFlowOptions options;
        options.keywords = QStringList{i % 10 == 0 ? u"tenth"_s : u"other"_s};
        return options;
    });
    QCOMPARE(ids.size(), 1000);
    QVERIFY(!ids.contains(QString()));
}

void TestFlowsModel::pagesThroughAThousandFlows()
{
    FlowsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(100);
    model.setCurrentIdentity(m_service.service->userUrn());
    QSignalSpy pages(&model, &FlowsModel::pageLoaded);
    model.setClient(m_service.client.get());
    QVERIFY(loadAll(model));
    QCOMPARE(model.rowCount(), 1000);
    QCOMPARE(pages.count(), 10);
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.data(model.index(0, FlowsModel::Owner)).toString(), u"You"_s);
    QCOMPARE(model.data(model.index(0, FlowsModel::Roles)).toString(), u"owner"_s);
    QCOMPARE(model.headerData(FlowsModel::Updated, Qt::Horizontal).toString(), u"Updated"_s);
    QSet<QString> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.insert(model.data(model.index(row, 0), FlowsModel::FlowIdRole).toString());
    QCOMPARE(ids.size(), 1000); // no flow twice, none missing
}

void TestFlowsModel::filtersAndSortsOnTheServer()
{
    FlowsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(30);
    model.setClient(m_service.client.get());
    model.setQuery({u"tenth"_s, {}, {u"title DESC"_s}});
    QVERIFY(loadAll(model));
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.data(model.index(0, FlowsModel::Title)).toString(), u"Flow 0990"_s);
    QCOMPARE(model.data(model.index(99, FlowsModel::Title)).toString(), u"Flow 0000"_s);
    model.setQuery({{}, {u"flow_viewer"_s}, {}}); // the owner has no viewer role on these
    QVERIFY(loadAll(model));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(FlowsModel::sortField(FlowsModel::Title), u"title"_s);
    QVERIFY(FlowsModel::sortField(FlowsModel::Keywords).isEmpty()); // the service cannot sort by it
}

void TestFlowsModel::outdatedPagesAreIgnored()
{
    FlowsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClient(m_service.client.get());
    // Typing fast: three queries before any answer. Only the last one may show.
    model.setQuery({u"Flow 00"_s, {}, {}});
    model.setQuery({u"Flow 01"_s, {}, {}});
    model.setQuery({u"Flow 0123"_s, {}, {}});
    QVERIFY(loadAll(model));
    QTest::qWait(100); // any late answer to the earlier queries would arrive meanwhile
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.data(model.index(0, FlowsModel::Title)).toString(), u"Flow 0123"_s);
}

void TestFlowsModel::rowsUpdateAndDisappearInPlace()
{
    FlowsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClient(m_service.client.get());
    model.setQuery({u"Flow 02"_s, {}, {u"title ASC"_s}});
    QVERIFY(loadAll(model));
    QCOMPARE(model.rowCount(), 100); // Flow 0200 to Flow 0299
    Flow flow = model.flowAt(3);
    QSignalSpy changed(&model, &FlowsModel::dataChanged);
    model.updateFlow(flow);
    QCOMPARE(changed.count(), 0); // nothing changed: quiet
    flow.title = u"Renamed"_s;
    model.updateFlow(flow);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 3);
    QCOMPARE(changed.first().at(1).toModelIndex().row(), 3);
    QCOMPARE(model.data(model.index(3, FlowsModel::Title)).toString(), u"Renamed"_s);
    model.removeFlow(flow.id);
    QCOMPARE(model.rowCount(), 99);
    QCOMPARE(model.rowOf(flow.id), -1);
}

void TestFlowsModel::errorsAreReportedAndNothingIsShown()
{
    FlowsClient wrong(&m_service.network, m_service.service->url());
    wrong.setAuthorizer(new StaticTokenAuthorizer("wrong", &wrong));
    FlowsModel model;
    QSignalSpy errors(&model, &FlowsModel::errorOccurred);
    model.setClient(&wrong);
    QVERIFY(errors.wait());
    QCOMPARE(errors.first().first().value<ApiError>().httpStatus, 401);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.isLoading());
    QVERIFY(!model.canFetchMore({}));
}

QTEST_GUILESS_MAIN(TestFlowsModel)
#include "tst_flowsmodel.moc"
