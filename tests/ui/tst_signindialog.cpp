// SPDX-License-Identifier: GPL-3.0-or-later
// The sign-in dialog driven with clicks and keys against a fake Globus Auth: the client id is asked
// for first, the browser is "opened" (the URL captured) and "comes back" to the loopback listener;
// the paste-the-code path works too.
#include "fakes/fakeglobusauth.h"
#include "ui/signindialog.h"

#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core;
using Flowdeck::Tests::FakeAuth;
using Flowdeck::Ui::SignInDialog;

class TestSignInDialog : public QObject
{
    Q_OBJECT

private slots:
    void browserRoundTrip();
    void pastedCode();

private:
    NativeAppLogin::Options options(const FakeAuth &auth)
    {
        NativeAppLogin::Options o;
        o.authBaseUrl = auth.url;
        o.scopes = {u"https://auth.globus.org/scopes/eec9b274-0c81-4334-bdc2-54e90e689b9a/all"_s};
        return o;
    }
};

void TestSignInDialog::browserRoundTrip()
{
    FakeAuth auth;
    QNetworkAccessManager network;
    SignInDialog dialog(&network, options(auth));
    QUrl opened;
    dialog.setBrowserOpener([&opened](const QUrl &url) {
        opened = url;
        return true;
    });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::mouseClick(dialog.openBrowserButton(), Qt::LeftButton);
    QVERIFY(opened.isEmpty()); // no client id yet: explained, nothing opened
    QVERIFY(dialog.status().contains(u"client id"_s));
    QTest::keyClicks(dialog.clientIdField(), u"client-1"_s);
    QTest::mouseClick(dialog.openBrowserButton(), Qt::LeftButton);
    QVERIFY(!opened.isEmpty());
    const QUrlQuery query(opened);
    auth.expectedChallenge = query.queryItemValue(u"code_challenge"_s);
    auth.expectedRedirect = query.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QUrl back(auth.expectedRedirect);
    back.setQuery(u"code=good-code&state="_s + query.queryItemValue(u"state"_s));
    std::unique_ptr<QNetworkReply> browser(network.get(QNetworkRequest(back)));
    QVERIFY(accepted.wait());
    QCOMPARE(dialog.tokens().size(), 2);
    QCOMPARE(dialog.clientId(), u"client-1"_s);
}

void TestSignInDialog::pastedCode()
{
    FakeAuth auth;
    QNetworkAccessManager network;
    NativeAppLogin::Options o = options(auth);
    o.clientId = u"client-1"_s; // remembered from an earlier sign-in
    SignInDialog dialog(&network, o);
    QUrl opened;
    dialog.setBrowserOpener([&opened](const QUrl &url) {
        opened = url;
        return true;
    });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.codeField()->isEnabled());
    QTest::mouseClick(dialog.useCodeButton(), Qt::LeftButton);
    QVERIFY(dialog.codeField()->isEnabled());
    const QUrlQuery query(opened);
    QCOMPARE(QUrl(query.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded)).path(), u"/v2/web/auth-code"_s);
    auth.expectedChallenge = query.queryItemValue(u"code_challenge"_s);
    auth.expectedRedirect = query.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::keyClicks(dialog.codeField(), u"bad-code"_s);
    QTest::keyClick(dialog.codeField(), Qt::Key_Return);
    QTRY_VERIFY(dialog.status().contains(u"wrong"_s)); // the fake's refusal, shown
    QCOMPARE(accepted.count(), 0);
    // Try again: a fresh sign-in (new verifier and state), and the right code this time.
    QTest::mouseClick(dialog.useCodeButton(), Qt::LeftButton);
    const QUrlQuery again(opened);
    QVERIFY(again.queryItemValue(u"code_challenge"_s) != auth.expectedChallenge);
    auth.expectedChallenge = again.queryItemValue(u"code_challenge"_s);
    dialog.codeField()->clear();
    QTest::keyClicks(dialog.codeField(), u"good-code"_s);
    QTest::keyClick(dialog.codeField(), Qt::Key_Return);
    QVERIFY(accepted.wait());
    QCOMPARE(dialog.tokens().value(1).resourceServer, u"flows.globus.org"_s);
}

QTEST_MAIN(TestSignInDialog)
#include "tst_signindialog.moc"
