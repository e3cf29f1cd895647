// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/flowsmodel.h"
#include "ui/codeeditor.h"
#include "ui/definitionstudio.h"
#include "ui/errorbanner.h"
#include "ui/flowbrowser.h"
#include "ui/mainwindow.h"
#include "ui/studiodocument.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using Flowdeck::Ui::MainWindow;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void menus_haveStandardEntries();
    void statusBar_showsService();
    void quitShortcut_closesWindow();
    void layout_isRememberedBetweenSessions();
    void profileMenu_requestsAndShowsTheProfile();
    void columnChoices_areRemembered();
    void keyboard_reachesEveryPartAndEachIsNamed();
    void darkPalette_keepsTheBannerReadable();
    void studio_isReachableAndGuardsUnsavedWork();
};

void TestMainWindow::menus_haveStandardEntries()
{
    Flowdeck::Core::FlowsModel model;
    MainWindow window(&model);
    QStringList titles;
    for (QAction *menu : window.menuBar()->actions())
        titles.append(menu->text());
    QCOMPARE(titles, QStringList({u"&File"_s, u"F&low"_s, u"&Runs"_s, u"&Studio"_s, u"&View"_s, u"&Help"_s}));
}

void TestMainWindow::studio_isReachableAndGuardsUnsavedWork()
{
    Flowdeck::Core::FlowsModel model;
    MainWindow window(&model);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Flowdeck::Ui::DefinitionStudio *studio = window.studio();
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QVERIFY(studio->isVisible());
    window.showView(0);
    QVERIFY(!studio->isVisible());
    QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier); // from anywhere: a new flow in the studio
    QVERIFY(studio->isVisible());
    QCOMPARE(studio->documents().size(), 1);
    studio->currentDocument()->definitionEditor()->insertAt(u" "_s, 0, 0);
    QVERIFY(studio->currentDocument()->isModified());

    const auto answer = [](QMessageBox::StandardButton button) {
        QTimer::singleShot(50, [button] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (box && box->button(button))
                box->button(button)->click();
            else if (QApplication::activeModalWidget())
                QApplication::activeModalWidget()->close();
        });
    };
    answer(QMessageBox::Cancel);
    window.close();
    QVERIFY(window.isVisible()); // the unsaved flow kept the window open
    QCOMPARE(studio->documents().size(), 1);
    answer(QMessageBox::Discard);
    window.close();
    QVERIFY(!window.isVisible());
}

void TestMainWindow::statusBar_showsService()
{
    Flowdeck::Core::FlowsModel model;
    MainWindow window(&model);
    window.setServiceDescription(u"Service: https://flows.example.org/"_s);
    const auto labels = window.statusBar()->findChildren<QLabel *>();
    const bool shown = std::any_of(labels.begin(), labels.end(), [](QLabel *label) {
        return label->text() == u"Service: https://flows.example.org/"_s && !label->accessibleName().isEmpty();
    });
    QVERIFY(shown);
}

void TestMainWindow::quitShortcut_closesWindow()
{
    Flowdeck::Core::FlowsModel model;
    MainWindow window(&model);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.isVisible());
    QTest::keyClick(&window, Qt::Key_Q, Qt::ControlModifier);
    QTRY_VERIFY(!window.isVisible());
}

void TestMainWindow::layout_isRememberedBetweenSessions()
{
    QSettings().clear();
    QList<int> sizes;
    {
        Flowdeck::Core::FlowsModel model;
        MainWindow window(&model);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.flowBrowser()->splitter()->setSizes({700, 300});
        sizes = window.flowBrowser()->splitter()->sizes();
        window.close();
    }
    Flowdeck::Core::FlowsModel model;
    MainWindow again(&model);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QCOMPARE(again.flowBrowser()->splitter()->sizes(), sizes);
    QVERIFY(!again.findChild<QListWidget *>()->accessibleName().isEmpty());
}

void TestMainWindow::profileMenu_requestsAndShowsTheProfile()
{
    Flowdeck::Core::FlowsModel model;
    MainWindow window(&model);
    QSignalSpy requested(&window, &MainWindow::profileRequested);
    QAction *sandbox = nullptr;
    QAction *local = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->data().toString() == "globus:sandbox"_L1)
            sandbox = action;
        if (action->data().toString() == "local"_L1)
            local = action;
    }
    QVERIFY(sandbox && local);
    window.setProfile(u"local"_s);
    QVERIFY(local->isChecked() && !sandbox->isChecked());
    sandbox->trigger();
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().first().toString(), u"globus:sandbox"_s);
    window.setProfile(u"globus:sandbox"_s);
    QVERIFY(sandbox->isChecked() && !local->isChecked());
}

void TestMainWindow::columnChoices_areRemembered()
{
    QSettings().clear();
    {
        Flowdeck::Core::FlowsModel model;
        MainWindow window(&model);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QHeaderView *header = window.flowBrowser()->view()->horizontalHeader();
        QAction *keywords = nullptr;
        for (QAction *action : header->actions())
            if (action->text() == "Keywords"_L1)
                keywords = action;
        QVERIFY(keywords && keywords->isChecked());
        keywords->trigger(); // what the header's context menu does
        QVERIFY(window.flowBrowser()->view()->isColumnHidden(Flowdeck::Core::FlowsModel::Keywords));
        window.close();
    }
    Flowdeck::Core::FlowsModel model;
    MainWindow again(&model);
    QVERIFY(again.flowBrowser()->view()->isColumnHidden(Flowdeck::Core::FlowsModel::Keywords));
    for (QAction *action : again.flowBrowser()->view()->horizontalHeader()->actions())
        QCOMPARE(action->isChecked(), action->text() != "Keywords"_L1);
}

// Tab goes through every part of the flows view, and each stop has a name a screen reader can say.
void TestMainWindow::keyboard_reachesEveryPartAndEachIsNamed()
{
    Flowdeck::Core::FlowsModel model;
    MainWindow window(&model);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QApplication::setActiveWindow(&window);
    window.flowBrowser()->focusSearch();
    QTRY_VERIFY(window.flowBrowser()->searchField()->hasFocus());
    QSet<QWidget *> visited;
    for (int i = 0; i < 40; ++i) {
        QWidget *focus = QApplication::focusWidget();
        QVERIFY(focus);
        visited.insert(focus);
        const auto *button = qobject_cast<QAbstractButton *>(focus);
        QVERIFY2(!focus->accessibleName().isEmpty() || (button && !button->text().isEmpty()),
                 qPrintable(u"unnamed: "_s + QString::fromLatin1(focus->metaObject()->className())));
        QTest::keyClick(focus, Qt::Key_Tab);
    }
    QVERIFY(visited.contains(window.flowBrowser()->view()));
    QVERIFY(visited.contains(window.flowBrowser()->searchField()));
    QVERIFY(std::any_of(visited.begin(), visited.end(),
                        [](QWidget *w) { return w->inherits("QTabBar") || w->inherits("QTextBrowser"); }));
}

void TestMainWindow::darkPalette_keepsTheBannerReadable()
{
    const QPalette original = QApplication::palette();
    Flowdeck::Core::FlowsModel model;
    MainWindow window(&model);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Flowdeck::Ui::ErrorBanner *banner = window.flowBrowser()->banner();
    QVERIFY(banner->palette().color(QPalette::Window).lightness() > 128);
    QPalette dark = original;
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x24));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    QApplication::setPalette(dark);
    QTRY_VERIFY(banner->palette().color(QPalette::Window).lightness() < 128);
    QVERIFY(banner->palette().color(QPalette::WindowText).lightness() > 128); // light text on dark red
    QApplication::setPalette(original);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
