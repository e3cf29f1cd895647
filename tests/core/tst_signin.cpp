// SPDX-License-Identifier: GPL-3.0-or-later
// Globus sign-in against a local fake of Globus Auth: authorize (the browser is simulated) →
// loopback redirect → code exchange with PKCE checked by the fake → refresh → revoke; the paste-
// the-code fallback; token storage in the keychain or the 0600 fallback file; no token in logs.
#include "core/auth/nativeapplogin.h"
#include "core/auth/tokenstore.h"
#include "fakes/fakeglobusauth.h"

#include <QCryptographicHash>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core;
using Flowdeck::Tests::FakeAuth;

namespace {

QStringList g_log;
void capture(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_log.append(message);
}

NativeAppLogin::Options options(const QUrl &auth)
{
    NativeAppLogin::Options o;
    o.authBaseUrl = auth;
    o.clientId = u"client-1"_s;
    o.scopes = {u"https://auth.globus.org/scopes/eec9b274-0c81-4334-bdc2-54e90e689b9a/all"_s};
    o.prefillNamedGrant = u"Flowdeck on test"_s;
    return o;
}

// What the system browser does after the user signs in: follow Globus' redirect to the listener.
QByteArray visit(QNetworkAccessManager &network, const QUrl &url)
{
    std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(url)));
    QSignalSpy done(reply.get(), &QNetworkReply::finished);
    done.wait(5000);
    return reply->readAll();
}

} // namespace

class TestSignIn : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qInstallMessageHandler(capture); }
    void cleanupTestCase();
    void pkce_matchesRfc7636();
    void authorizeUrl_carriesEverything();
    void sessionRequirements_reachTheAuthorizeUrl();
    void roundTrip_loopbackExchangeRefreshRevoke();
    void strayRequests_areIgnored_andErrorsReported();
    void pastedCode_fallback();
    void tokenStore_fallbackFileIs0600();
    void tokenStore_keychainOrVisibleFallback();
};

void TestSignIn::cleanupTestCase()
{
    qInstallMessageHandler(nullptr);
    for (const QString &line : std::as_const(g_log))
        for (const char *secret : {"ACCESS-1", "REFRESH-1", "ACCESS-2", "REFRESH-2"})
            QVERIFY2(!line.contains(QLatin1StringView(secret)), qPrintable(u"a token reached the log: "_s + line));
}

void TestSignIn::pkce_matchesRfc7636()
{
    // RFC 7636, appendix B.
    QCOMPARE(NativeAppLogin::challengeFor(u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s),
             u"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"_s);
    const QString verifier = NativeAppLogin::makeVerifier();
    QCOMPARE(verifier.size(), 43);
    QVERIFY(QRegularExpression(u"^[A-Za-z0-9_-]+$"_s).match(verifier).hasMatch());
    QVERIFY(NativeAppLogin::makeVerifier() != verifier);
}

void TestSignIn::authorizeUrl_carriesEverything()
{
    QNetworkAccessManager network;
    NativeAppLogin login(&network, options(QUrl(u"https://auth.globus.org/"_s)));
    const QUrl url = login.start();
    QCOMPARE(url.host(), u"auth.globus.org"_s);
    QCOMPARE(url.path(), u"/v2/oauth2/authorize"_s);
    const QUrlQuery query(url);
    QCOMPARE(query.queryItemValue(u"client_id"_s), u"client-1"_s);
    QCOMPARE(query.queryItemValue(u"response_type"_s), u"code"_s);
    QCOMPARE(query.queryItemValue(u"code_challenge_method"_s), u"S256"_s);
    QCOMPARE(query.queryItemValue(u"access_type"_s), u"offline"_s);
    QCOMPARE(query.queryItemValue(u"scope"_s, QUrl::FullyDecoded),
             u"openid https://auth.globus.org/scopes/eec9b274-0c81-4334-bdc2-54e90e689b9a/all"_s);
    QCOMPARE(query.queryItemValue(u"prefill_named_grant"_s, QUrl::FullyDecoded), u"Flowdeck on test"_s);
    const QUrl redirect(query.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded));
    QCOMPARE(redirect.host(), u"127.0.0.1"_s);
    QVERIFY(redirect.port() > 0);
    QCOMPARE(redirect, login.redirectUri());
    QCOMPARE(query.queryItemValue(u"code_challenge"_s).size(), 43);
}

// A 403 with a GARE (consent or session requirement): its parameters shape the next sign-in.
void TestSignIn::sessionRequirements_reachTheAuthorizeUrl()
{
    QNetworkAccessManager network;
    NativeAppLogin::Options o = options(QUrl(u"https://auth.globus.org/"_s));
    o.authorizationParameters = QJsonDocument::fromJson(R"j({"session_message": "Please use your campus login",
        "session_required_identities": ["6f3c-a", "7a1d-b"], "session_required_mfa": true,
        "required_scopes": ["https://auth.globus.org/scopes/f1/flow_f1_user"]})j")
                                    .object();
    NativeAppLogin login(&network, o);
    const QUrlQuery query(login.start());
    QCOMPARE(query.queryItemValue(u"session_message"_s, QUrl::FullyDecoded), u"Please use your campus login"_s);
    QCOMPARE(query.queryItemValue(u"session_required_identities"_s, QUrl::FullyDecoded), u"6f3c-a,7a1d-b"_s);
    QCOMPARE(query.queryItemValue(u"session_required_mfa"_s), u"True"_s);
    QVERIFY(query.queryItemValue(u"scope"_s, QUrl::FullyDecoded)
                .endsWith(u" https://auth.globus.org/scopes/f1/flow_f1_user"_s));
    QVERIFY(!query.hasQueryItem(u"prompt"_s));
}

void TestSignIn::roundTrip_loopbackExchangeRefreshRevoke()
{
    FakeAuth auth;
    QNetworkAccessManager network;
    NativeAppLogin login(&network, options(auth.url));
    QSignalSpy succeeded(&login, &NativeAppLogin::succeeded);
    QSignalSpy failed(&login, &NativeAppLogin::failed);
    const QUrlQuery authorize(login.start());
    auth.expectedChallenge = authorize.queryItemValue(u"code_challenge"_s);
    auth.expectedRedirect = login.redirectUri().toString();
    QUrl back = login.redirectUri();
    back.setQuery(u"code=good-code&state="_s + authorize.queryItemValue(u"state"_s));
    QVERIFY(visit(network, back).contains("Signed in"));
    QTRY_COMPARE(succeeded.count(), 1); // the exchange may finish before the browser's page arrives
    QCOMPARE(failed.count(), 0);
    const QList<TokenData> tokens = succeeded.first().first().value<QList<TokenData>>();
    QCOMPARE(tokens.size(), 2);
    const TokenData flows = tokens.at(1);
    QCOMPARE(flows.resourceServer, u"flows.globus.org"_s);
    QCOMPARE(flows.refreshToken, "FLOWS-REFRESH-1"_ba);
    QCOMPARE(flows.identity, u"ada@example.org"_s); // from the id_token, for the status bar
    QVERIFY(flows.expiresAt > QDateTime::currentDateTimeUtc().addSecs(7000));

    RefreshTokenAuthorizer authorizer(&network, auth.url, u"client-1"_s, flows);
    QSignalSpy refreshed(&authorizer, &Authorizer::refreshFinished);
    authorizer.invalidate();
    authorizer.refresh();
    QVERIFY(refreshed.wait());
    QCOMPARE(refreshed.first().first().toBool(), true);
    QCOMPARE(authorizer.authorizationHeader(), "Bearer FLOWS-ACCESS-2"_ba);
    QCOMPARE(authorizer.tokens().refreshToken, "FLOWS-REFRESH-2"_ba); // rotated
    QCOMPARE(auth.refreshes, 1);

    QNetworkReply *revoke = revokeToken(&network, auth.url, u"client-1"_s, authorizer.tokens().refreshToken, this);
    QSignalSpy revoked(revoke, &QNetworkReply::finished);
    QVERIFY(revoked.wait());
    QCOMPARE(auth.revoked, QStringList{u"FLOWS-REFRESH-2"_s});
}

void TestSignIn::strayRequests_areIgnored_andErrorsReported()
{
    FakeAuth auth;
    QNetworkAccessManager network;
    NativeAppLogin login(&network, options(auth.url));
    QSignalSpy failed(&login, &NativeAppLogin::failed);
    const QUrlQuery authorize(login.start());
    QUrl stray = login.redirectUri();
    stray.setPath(u"/favicon.ico"_s);
    visit(network, stray); // no state: not the answer, keep listening
    QCOMPARE(failed.count(), 0);
    QUrl denied = login.redirectUri();
    denied.setQuery(u"error=access_denied&error_description=The+user+declined&state="_s +
                    authorize.queryItemValue(u"state"_s));
    visit(network, denied);
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY(failed.first().first().toString().contains(u"The user declined"_s));

    NativeAppLogin wrongCode(&network, options(auth.url));
    QSignalSpy refused(&wrongCode, &NativeAppLogin::failed);
    const QUrlQuery second(wrongCode.start());
    auth.expectedChallenge = second.queryItemValue(u"code_challenge"_s);
    auth.expectedRedirect = wrongCode.redirectUri().toString();
    QUrl back = wrongCode.redirectUri();
    back.setQuery(u"code=bad-code&state="_s + second.queryItemValue(u"state"_s));
    visit(network, back);
    QTRY_COMPARE(refused.count(), 1);
    QVERIFY(refused.first().first().toString().contains(u"The code or verifier is wrong"_s));
}

void TestSignIn::pastedCode_fallback()
{
    FakeAuth auth;
    QNetworkAccessManager network;
    NativeAppLogin login(&network, options(auth.url));
    QSignalSpy succeeded(&login, &NativeAppLogin::succeeded);
    const QUrlQuery authorize(login.startWithPastedCode());
    QCOMPARE(login.redirectUri(), auth.url.resolved(QUrl(u"v2/web/auth-code"_s)));
    auth.expectedChallenge = authorize.queryItemValue(u"code_challenge"_s);
    auth.expectedRedirect = login.redirectUri().toString();
    login.submitCode(u"  good-code \n"_s); // pasted with stray whitespace
    QVERIFY(succeeded.wait());
}

void TestSignIn::tokenStore_fallbackFileIs0600()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"secrets/tokens.json"_s);
    TokenStore store(u"flowdeck-test"_s, file);
    store.setKeychainEnabled(false);
    QSignalSpy fallback(&store, &TokenStore::fallbackActivated);
    QSignalSpy saved(&store, &TokenStore::saved);
    const QList<TokenData> tokens{{u"flows.globus.org"_s, u"s"_s, "ACCESS-1"_ba, "REFRESH-1"_ba,
                                   QDateTime::fromSecsSinceEpoch(2'000'000'000, Qt::UTC), u"ada"_s}};
    store.save(u"globus:sandbox"_s, tokens);
    QVERIFY(saved.wait());
    QCOMPARE(saved.first().at(1).toBool(), true);
    QCOMPARE(fallback.count(), 1); // the window shows this as a warning
    QVERIFY(store.fallbackInUse());
    struct stat info
    {
    };
    QCOMPARE(::stat(QFile::encodeName(file).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, mode_t(0600));
    QSignalSpy loaded(&store, &TokenStore::loaded);
    store.load(u"globus:sandbox"_s);
    QVERIFY(loaded.wait());
    const QList<TokenData> back = loaded.first().at(1).value<QList<TokenData>>();
    QCOMPARE(back.size(), 1);
    QCOMPARE(back.first().refreshToken, "REFRESH-1"_ba);
    QCOMPARE(back.first().expiresAt, tokens.first().expiresAt);
    QCOMPARE(back.first().identity, u"ada"_s);
    QSignalSpy removed(&store, &TokenStore::removed);
    store.remove(u"globus:sandbox"_s);
    QVERIFY(removed.wait());
    store.load(u"globus:sandbox"_s);
    QVERIFY(loaded.wait());
    QVERIFY(loaded.last().at(1).value<QList<TokenData>>().isEmpty());
}

// With a keyring (CI can run one headless) tokens go there; without, to the 0600 file, visibly.
void TestSignIn::tokenStore_keychainOrVisibleFallback()
{
    QTemporaryDir dir;
    TokenStore store(u"flowdeck-test"_s, dir.filePath(u"tokens.json"_s));
    QSignalSpy saved(&store, &TokenStore::saved);
    QSignalSpy fallback(&store, &TokenStore::fallbackActivated);
    store.save(u"globus:test"_s, {{u"rs"_s, {}, "ACCESS-1"_ba, "REFRESH-1"_ba, QDateTime::currentDateTimeUtc(), {}}});
    QVERIFY(saved.wait(15'000));
    QCOMPARE(saved.first().at(1).toBool(), true);
    if (qEnvironmentVariableIsSet("FLOWDECK_EXPECT_KEYRING")) // CI runs this once inside a real keyring
        QVERIFY2(!store.fallbackInUse(), "a keyring was running but the tokens went to the file");
    QCOMPARE(QFile::exists(dir.filePath(u"tokens.json"_s)), store.fallbackInUse());
    QCOMPARE(fallback.count(), store.fallbackInUse() ? 1 : 0);
    QSignalSpy loaded(&store, &TokenStore::loaded);
    store.load(u"globus:test"_s);
    QVERIFY(loaded.wait(15'000));
    QCOMPARE(loaded.first().at(1).value<QList<TokenData>>().value(0).accessToken, "ACCESS-1"_ba);
    QSignalSpy removed(&store, &TokenStore::removed);
    store.remove(u"globus:test"_s);
    QVERIFY(removed.wait(15'000));
}

QTEST_GUILESS_MAIN(TestSignIn)
#include "tst_signin.moc"
