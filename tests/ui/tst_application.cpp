// SPDX-License-Identifier: GPL-3.0-or-later
// The composition root as main() builds it: the local profile lists the samples, switching to
// another service reloads the views, the choice is remembered, and a 401 from a Globus-style
// service leads to the sign-in dialog exactly once.
#include "app/application.h"
#include "core/models/flowsmodel.h"
#include "fakes/fakeflowsserver.h"
#include "ui/flowbrowser.h"
#include "ui/mainwindow.h"
#include "ui/signindialog.h"

#include <QApplication>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using Flowdeck::App::Application;
using Flowdeck::App::CommandLine;
using Flowdeck::Tests::FakeFlowsServer;

namespace {

QString statusText(Flowdeck::Ui::MainWindow *window)
{
    QStringList texts;
    for (QLabel *label : window->statusBar()->findChildren<QLabel *>())
        texts.append(label->text());
    return texts.join(u" | "_s);
}

} // namespace

class TestApplication : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void localProfile_thenSwitch_thenRemembered();
    void unauthorized_asksToSignInOnce();

private:
    QTemporaryDir m_data;
};

void TestApplication::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void TestApplication::localProfile_thenSwitch_thenRemembered()
{
    CommandLine commandLine = CommandLine::parse({u"flowdeck"_s, u"--data"_s, m_data.path()});
    QVERIFY(commandLine.usesLocalService());
    FakeFlowsServer fake;
    QVERIFY(fake.enqueueFixture(u"list_flows"_s, u"default"_s) > 0);
    {
        Application app(commandLine);
        app.show();
        auto *model = qobject_cast<Flowdeck::Core::FlowsModel *>(app.mainWindow()->flowBrowser()->view()->model());
        QVERIFY(model);
        QTRY_COMPARE(model->rowCount(), 6); // the sample library on the embedded service
        QTRY_VERIFY(statusText(app.mainWindow()).contains(u"connected"_s));
        QCOMPARE(app.profile().id(), u"local"_s);
        QVERIFY(statusText(app.mainWindow()).contains(u"Signed in as you (local)"_s));

        emit app.mainWindow()->profileRequested(u"custom:"_s + fake.baseUrl().toString());
        QTRY_VERIFY(model->rowCount() > 0 && model->rowCount() != 6); // the fake's recorded page
        QCOMPARE(model->flowAt(0).id,
                 FakeFlowsServer::fixtureBody(u"list_flows"_s, u"default"_s).value("flows"_L1)[0][u"id"_s].toString());
        QVERIFY(statusText(app.mainWindow()).contains(fake.baseUrl().toString()));
        QVERIFY(statusText(app.mainWindow()).contains(u"Not signed in"_s));
    }
    // The next start comes back to the profile the user chose.
    Application again(commandLine);
    QCOMPARE(again.profile().id(), u"custom:"_s + fake.baseUrl().toString());
    emit again.mainWindow()->profileRequested(u"local"_s);
    QCOMPARE(QSettings().value(u"profile/current"_s).toString(), u"local"_s);
}

void TestApplication::unauthorized_asksToSignInOnce()
{
    FakeFlowsServer fake;
    const QJsonObject expired{{u"error"_s, QJsonObject{{u"code"_s, u"AUTHENTICATION_ERROR"_s},
                                                       {u"detail"_s, u"Expired or invalid Bearer token"_s}}}};
    fake.enqueueJson("GET", u"/flows"_s, 401, expired);
    CommandLine commandLine =
        CommandLine::parse({u"flowdeck"_s, u"--data"_s, m_data.path(), u"--service-url"_s, fake.baseUrl().toString()});
    Application app(commandLine);
    app.show();
    int dialogs = 0;
    // Each time the sign-in dialog comes up, the user closes it.
    QTimer watcher;
    connect(&watcher, &QTimer::timeout, this, [&dialogs] {
        if (auto *dialog = qobject_cast<Flowdeck::Ui::SignInDialog *>(QApplication::activeModalWidget())) {
            ++dialogs;
            dialog->reject();
        }
    });
    watcher.start(20);
    QTRY_COMPARE(dialogs, 1);
    QTRY_VERIFY(statusText(app.mainWindow()).contains(u"not signed in"_s));
    app.mainWindow()->flowBrowser()->refresh(); // another 401: no second prompt (no double logins)
    QTest::qWait(500);
    QCOMPARE(dialogs, 1);
    QVERIFY(fake.requests().size() >= 2);
}

QTEST_MAIN(TestApplication)
#include "tst_application.moc"
