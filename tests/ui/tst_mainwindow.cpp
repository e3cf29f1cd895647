// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/flowsmodel.h"
#include "ui/flowbrowser.h"
#include "ui/mainwindow.h"

#include <QAction>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>

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
};

void TestMainWindow::menus_haveStandardEntries()
{
    Flowdeck::Core::FlowsModel model;
    MainWindow window(&model);
    QStringList titles;
    for (QAction *menu : window.menuBar()->actions())
        titles.append(menu->text());
    QCOMPARE(titles, QStringList({u"&File"_s, u"F&low"_s, u"&Help"_s}));
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

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
