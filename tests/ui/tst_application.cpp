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
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

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
    void flowConsent_signsInWithTheFlowsScope();

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

// Starting a flow whose scope the user has not consented to (a 403 with authorization parameters
// from validate_run or run): the sign-in asks for the Flows scope, the flow's own scope and what the
// service's parameters require.
void TestApplication::flowConsent_signsInWithTheFlowsScope()
{
    FakeFlowsServer fake;
    CommandLine commandLine =
        CommandLine::parse({u"flowdeck"_s, u"--data"_s, m_data.path(), u"--service-url"_s, fake.baseUrl().toString()});
    Application app(commandLine);
    const QString flowId = u"24bc4997-b483-4c25-a19c-64b0afc00743"_s;
    const QString dependent =
        u"https://auth.globus.org/scopes/%1/flow_%2_user"
        "[*https://auth.globus.org/scopes/0f8d0c1a-0000-4000-8000-000000000001/data_access]"_s.arg(
            flowId, QString(flowId).replace(u'-', u'_'));
    Flowdeck::Core::ApiError error;
    error.httpStatus = 403;
    error.authorizationParameters = {{u"required_scopes"_s, QJsonArray{dependent}}};
    QUrl asked;
    QTimer watcher;
    connect(&watcher, &QTimer::timeout, this, [&asked] {
        auto *dialog = qobject_cast<Flowdeck::Ui::SignInDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        dialog->clientIdField()->setText(u"5b1e3a2c-1111-4222-8333-944455556666"_s);
        QTest::mouseClick(dialog->useCodeButton(), Qt::LeftButton); // builds the authorize address
        asked = dialog->authorizeUrl();
        dialog->reject();
    });
    watcher.start(20);
    emit app.mainWindow()->authorizationRequired(flowId, error);
    QTRY_VERIFY(asked.isValid());
    const QString scopes = QUrlQuery(asked).queryItemValue(u"scope"_s, QUrl::FullyDecoded);
    QVERIFY2(scopes.contains(u"https://auth.globus.org/scopes/eec9b274-0c81-4334-bdc2-54e90e689b9a/all"_s),
             qPrintable(scopes));
    QVERIFY2(scopes.contains(u"flow_24bc4997_b483_4c25_a19c_64b0afc00743_user"_s), qPrintable(scopes));
    QVERIFY2(scopes.contains(u"data_access"_s), qPrintable(scopes)); // the dependency the service asked for
}

QTEST_MAIN(TestApplication)
#include "tst_application.moc"
