// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow.h"

#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>

using namespace Qt::StringLiterals;
using Flowdeck::Ui::MainWindow;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void menus_haveStandardEntries();
    void statusBar_showsService();
    void quitShortcut_closesWindow();
};

void TestMainWindow::menus_haveStandardEntries()
{
    MainWindow window;
    QStringList titles;
    for (QAction *menu : window.menuBar()->actions())
        titles.append(menu->text());
    QCOMPARE(titles, QStringList({u"&File"_s, u"&Help"_s}));
}

void TestMainWindow::statusBar_showsService()
{
    MainWindow window;
    window.setServiceDescription(u"Service: https://flows.example.org/"_s);
    const auto labels = window.statusBar()->findChildren<QLabel *>();
    const bool shown = std::any_of(labels.begin(), labels.end(), [](QLabel *label) {
        return label->text() == u"Service: https://flows.example.org/"_s && !label->accessibleName().isEmpty();
    });
    QVERIFY(shown);
}

void TestMainWindow::quitShortcut_closesWindow()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.isVisible());
    QTest::keyClick(&window, Qt::Key_Q, Qt::ControlModifier);
    QTRY_VERIFY(!window.isVisible());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
