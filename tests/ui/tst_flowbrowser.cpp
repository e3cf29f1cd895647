// SPDX-License-Identifier: GPL-3.0-or-later
// The flow browser driven with keys and clicks, headless, against the embedded local service with
// its sample library: browse, search, role chips, server-side sort, details, edit roles, delete.
#include "core/models/flowsmodel.h"
#include "engine/servicefixture.h"
#include "fakes/fakeflowsserver.h"
#include "ui/errorbanner.h"
#include "ui/flowbrowser.h"
#include "ui/flowmetadatadialog.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <Qsci/qsciscintilla.h>

using namespace Flowdeck::Core;
using namespace Flowdeck::Tests;
using Flowdeck::Tests::FakeFlowsServer;
using Flowdeck::Ui::FlowBrowser;
using Flowdeck::Ui::MainWindow;

namespace {

QStringList titles(const QAbstractItemModel &model)
{
    QStringList list;
    for (int row = 0; row < model.rowCount(); ++row)
        list.append(model.index(row, FlowsModel::Title).data().toString());
    return list;
}

// Runs action once the modal dialog it opens is up (exec() blocks until then).
template<class Dialog>
void whenModal(const std::function<void(Dialog *)> &action)
{
    QTimer::singleShot(0, qApp, [action] {
        QTRY_VERIFY(qobject_cast<Dialog *>(QApplication::activeModalWidget()));
        action(qobject_cast<Dialog *>(QApplication::activeModalWidget()));
    });
}

} // namespace

class TestFlowBrowser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void browse_listsTheSamples();
    void search_isDebouncedAndServerSide();
    void roleChips_filter();
    void headerClick_sortsOnTheServer();
    void keyboardSelection_showsDetails();
    void edit_rolesAreValidatedAndSaved();
    void delete_asksFirstThenRemoves();
    void copyId_toTheClipboard();
    void newFlowFromFile_andItsErrors();
    void errors_showABannerWithRetry();
    void scrolling_fetchesMorePages();
    void slowService_showsCancel();

private:
    std::unique_ptr<ServiceFixture> m_service;
    std::unique_ptr<FlowsModel> m_model;
    std::unique_ptr<MainWindow> m_window;
    FlowBrowser *browser() const { return m_window->flowBrowser(); }
};

void TestFlowBrowser::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestFlowBrowser::init()
{
    m_service = std::make_unique<ServiceFixture>(true);
    QVERIFY(m_service->start());
    m_model = std::make_unique<FlowsModel>();
    m_model->setCurrentIdentity(m_service->service->userUrn());
    m_window = std::make_unique<MainWindow>(m_model.get());
    m_window->setClient(m_service->client.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_COMPARE(m_model->rowCount(), 6);
}

void TestFlowBrowser::cleanup()
{
    m_window.reset();
    m_model.reset();
    m_service.reset();
}

void TestFlowBrowser::browse_listsTheSamples()
{
    QVERIFY(titles(*m_model).contains(u"Hello World"_s));
    QCOMPARE(browser()->countLabel()->text(), u"6 flows"_s);
    QCOMPARE(m_model->index(0, FlowsModel::Owner).data().toString(), u"You"_s);
    // The first flow is selected at once, so the details pane has something to show.
    QTRY_COMPARE(browser()->currentFlowId(), m_model->flowAt(0).id);
    QTRY_VERIFY(browser()->detailText().contains(m_model->flowAt(0).id));
}

void TestFlowBrowser::search_isDebouncedAndServerSide()
{
    browser()->focusSearch();
    QTest::keyClicks(browser()->searchField(), u"transfer"_s);
    QCOMPARE(m_model->rowCount(), 6); // nothing asked yet: the user may still be typing
    QTRY_COMPARE(m_model->rowCount(), 1);
    QCOMPARE(titles(*m_model), QStringList{u"Two-hop transfer"_s});
    QTRY_COMPARE(browser()->countLabel()->text(), u"1 flow"_s);
    browser()->searchField()->clear();
    QTRY_COMPARE(m_model->rowCount(), 6);
}

void TestFlowBrowser::roleChips_filter()
{
    QToolButton *viewer = browser()->roleChip(u"flow_viewer"_s);
    QVERIFY(viewer);
    QTest::mouseClick(viewer, Qt::LeftButton);
    QTRY_COMPARE(browser()->countLabel()->text(), u"0 flows"_s);
    QTest::mouseClick(browser()->roleChip(u"flow_owner"_s), Qt::LeftButton); // owner OR viewer
    QTRY_COMPARE(m_model->rowCount(), 6);
    QTest::mouseClick(viewer, Qt::LeftButton);
    QTest::mouseClick(browser()->roleChip(u"flow_owner"_s), Qt::LeftButton);
    QTRY_COMPARE(m_model->rowCount(), 6);
}

void TestFlowBrowser::headerClick_sortsOnTheServer()
{
    QHeaderView *header = browser()->view()->horizontalHeader();
    const QPoint title(header->sectionViewportPosition(FlowsModel::Title) + 20, header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, title);
    QTRY_COMPARE(m_model->query().orderby.value(0).left(5), u"title"_s);
    QTRY_VERIFY(!m_model->isLoading() && m_model->rowCount() == 6);
    QStringList expected = titles(*m_model);
    std::sort(expected.begin(), expected.end(),
              [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    if (header->sortIndicatorOrder() == Qt::DescendingOrder)
        std::reverse(expected.begin(), expected.end());
    QCOMPARE(titles(*m_model), expected);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, title); // the other way round
    QTRY_VERIFY(!m_model->isLoading() && m_model->rowCount() == 6);
    std::reverse(expected.begin(), expected.end());
    QCOMPARE(titles(*m_model), expected);
}

void TestFlowBrowser::keyboardSelection_showsDetails()
{
    QTableView *view = browser()->view();
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Home);
    QTest::keyClick(view, Qt::Key_Down);
    const Flow &flow = m_model->flowAt(view->currentIndex().row());
    QTRY_VERIFY(browser()->detailText().contains(flow.id));
    QVERIFY(browser()->detailText().contains(flow.title));
    auto *definition = qobject_cast<QsciScintilla *>(browser()->details()->widget(1));
    QVERIFY(definition);
    QVERIFY(definition->text().contains(u"\"StartAt\""_s));
    QVERIFY(definition->isReadOnly());
    auto *runs = browser()->details()->widget(3);
    QTRY_VERIFY(runs->findChildren<QObject *>().size() >= 0 && !browser()->currentFlowId().isEmpty());
}

void TestFlowBrowser::edit_rolesAreValidatedAndSaved()
{
    QTableView *view = browser()->view();
    view->setFocus();
    view->setCurrentIndex(m_model->index(0, 0));
    const QString id = browser()->currentFlowId();
    const QString viewer = u"urn:globus:auth:identity:11111111-2222-3333-4444-555555555555"_s;
    bool sawProblem = false;
    whenModal<Flowdeck::Ui::FlowMetadataDialog>([&](Flowdeck::Ui::FlowMetadataDialog *dialog) {
        auto *save = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
        QTest::keyClicks(dialog->roleEditor(u"flow_viewers"_s), u"bob@example.org"_s);
        sawProblem = !save->isEnabled() && dialog->problem().contains(u"not a principal"_s);
        dialog->roleEditor(u"flow_viewers"_s)->clear();
        QTest::keyClicks(dialog->roleEditor(u"flow_viewers"_s), viewer);
        dialog->titleEditor()->selectAll();
        QTest::keyClicks(dialog->titleEditor(), u"Renamed flow"_s);
        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
    });
    QTest::keyClick(view, Qt::Key_F2);
    QVERIFY(sawProblem);
    QTRY_COMPARE(m_model->index(m_model->rowOf(id), FlowsModel::Title).data().toString(), u"Renamed flow"_s);
    auto stored = ServiceFixture::wait(m_service->client->getFlow(id));
    QCOMPARE(stored->value().title, u"Renamed flow"_s);
    QCOMPARE(stored->value().flowViewers, QStringList{viewer});
    QTRY_VERIFY(browser()->detailText().contains(viewer));
}

void TestFlowBrowser::delete_asksFirstThenRemoves()
{
    QTableView *view = browser()->view();
    view->setFocus();
    view->setCurrentIndex(m_model->index(2, 0));
    const QString id = browser()->currentFlowId();
    whenModal<QMessageBox>([](QMessageBox *box) { QTest::keyClick(box, Qt::Key_Escape); }); // changed my mind
    QTest::keyClick(view, Qt::Key_Delete);
    QCOMPARE(m_model->rowCount(), 6);
    QApplication::setActiveWindow(m_window.get()); // the closed box handed focus back
    view->setFocus();
    QTRY_VERIFY(view->hasFocus());
    whenModal<QMessageBox>([](QMessageBox *box) {
        for (QAbstractButton *button : box->buttons())
            if (box->buttonRole(button) == QMessageBox::DestructiveRole)
                QTest::mouseClick(button, Qt::LeftButton);
    });
    QTest::keyClick(view, Qt::Key_Delete);
    QTRY_COMPARE(m_model->rowCount(), 5);
    QCOMPARE(m_model->rowOf(id), -1);
    QCOMPARE(ServiceFixture::wait(m_service->client->getFlow(id))->error().httpStatus, 404);
    QTRY_COMPARE(browser()->countLabel()->text(), u"5 flows"_s);
}

void TestFlowBrowser::copyId_toTheClipboard()
{
    QTableView *view = browser()->view();
    view->setFocus();
    view->setCurrentIndex(m_model->index(1, 0));
    QTest::keyClick(m_window.get(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(QApplication::clipboard()->text(), browser()->currentFlowId());
}

void TestFlowBrowser::newFlowFromFile_andItsErrors()
{
    QTemporaryDir dir;
    QFile good(dir.filePath(u"sensor-import.json"_s));
    QVERIFY(good.open(QIODevice::WriteOnly));
    good.write(R"j({"definition": {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                   "input_schema": {"type": "object", "properties": {"x": {"type": "string"}}}})j");
    good.close();
    whenModal<Flowdeck::Ui::FlowMetadataDialog>([](Flowdeck::Ui::FlowMetadataDialog *dialog) {
        QCOMPARE(dialog->titleEditor()->text(), u"sensor-import"_s); // from the file's name
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save), Qt::LeftButton);
    });
    browser()->createFromFile(good.fileName());
    QTRY_COMPARE(m_model->rowCount(), 7);
    QVERIFY(titles(*m_model).contains(u"sensor-import"_s));

    QFile bad(dir.filePath(u"broken.json"_s));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(R"j({"StartAt": "A", "States": {"A": {"Type": "Pass"}}})j"); // neither Next nor End
    bad.close();
    whenModal<Flowdeck::Ui::FlowMetadataDialog>([](Flowdeck::Ui::FlowMetadataDialog *dialog) {
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save), Qt::LeftButton);
    });
    browser()->createFromFile(bad.fileName());
    QTRY_VERIFY(browser()->banner()->message().contains(u"$.definition.States.A"_s));
    QCOMPARE(m_model->rowCount(), 7);
}

void TestFlowBrowser::errors_showABannerWithRetry()
{
    FlowsClient offline(&m_service->network, QUrl(u"http://127.0.0.1:1/"_s)); // nothing listens there
    offline.transport()->setRetryPolicy(fastRetries(0));
    m_window->setClient(&offline);
    QTRY_VERIFY(!browser()->banner()->message().isEmpty());
    QVERIFY(browser()->banner()->message().contains(u"could not be listed"_s));
    QCOMPARE(m_model->rowCount(), 0);
    m_window->setClient(m_service->client.get()); // back online
    QVERIFY(browser()->banner()->message().isEmpty());
    QTRY_COMPARE(m_model->rowCount(), 6);
}

void TestFlowBrowser::scrolling_fetchesMorePages()
{
    const QStringList ids =
        m_service->createFlows(QStringList(120, u"Extra"_s),
                               jsonObject(R"j({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}})j"));
    QVERIFY(!ids.contains(QString()));
    m_model->setPageSize(50);
    browser()->refresh();
    QTRY_VERIFY(m_model->rowCount() >= 50 && !m_model->isLoading());
    QTableView *view = browser()->view();
    for (int i = 0; i < 10 && m_model->rowCount() < 126; ++i) { // the view asks for more near the end
        view->scrollToBottom();
        QTest::qWait(100);
    }
    QTRY_COMPARE(m_model->rowCount(), 126);
    QCOMPARE(browser()->countLabel()->text(), u"126 flows"_s);
}

void TestFlowBrowser::slowService_showsCancel()
{
    FakeFlowsServer silent; // accepts connections and never answers
    FlowsClient slow(&m_service->network, silent.silentUrl());
    m_window->setClient(&slow);
    QVERIFY(m_model->isLoading());
    QVERIFY(!browser()->cancelButton()->isVisible()); // a moment is not yet slow
    QTRY_VERIFY(browser()->cancelButton()->isVisible());
    QCOMPARE(browser()->countLabel()->text(), u"Loading…"_s);
    QTest::mouseClick(browser()->cancelButton(), Qt::LeftButton);
    QVERIFY(!m_model->isLoading());
    QVERIFY(!browser()->cancelButton()->isVisible());
    QCOMPARE(browser()->countLabel()->text(), u"0 flows"_s);
    m_window->setClient(m_service->client.get());
    QTRY_COMPARE(m_model->rowCount(), 6);
}

QTEST_MAIN(TestFlowBrowser)
#include "tst_flowbrowser.moc"
