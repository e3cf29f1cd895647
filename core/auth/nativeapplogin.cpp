// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/auth/nativeapplogin.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

namespace {

QString base64Url(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// application/x-www-form-urlencoded by hand: QUrlQuery leaves '+' alone, which form decoding reads as a space.
QByteArray form(const QList<std::pair<QString, QString>> &fields)
{
    QByteArray out;
    for (const auto &[key, value] : fields) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

QNetworkRequest formRequest(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
    request.setTransferTimeout(60'000);
    return request;
}

const QByteArray DonePage = "<!doctype html><meta charset=utf-8><title>Flowdeck</title>"
                            "<body style=\"font-family:sans-serif;margin:3em\"><h1>Signed in</h1>"
                            "<p>You can close this tab and return to Flowdeck.</p>";

} // namespace

NativeAppLogin::NativeAppLogin(QNetworkAccessManager *network, const Options &options, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_options(options)
    , m_verifier(makeVerifier())
    , m_state(makeVerifier().left(16))
{}

NativeAppLogin::~NativeAppLogin()
{
    if (m_exchange)
        m_exchange->abort();
}

QString NativeAppLogin::makeVerifier()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return base64Url(bytes);
}

QString NativeAppLogin::challengeFor(const QString &verifier)
{
    return base64Url(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256));
}

QUrl NativeAppLogin::start()
{
    m_listener = new QTcpServer(this);
    if (!m_listener->listen(QHostAddress::LocalHost)) {
        finish(tr("Cannot open a port on this computer for the sign-in: %1").arg(m_listener->errorString()));
        return {};
    }
    m_redirect = QUrl(u"http://127.0.0.1:%1/"_s.arg(m_listener->serverPort()));
    connect(m_listener, &QTcpServer::newConnection, this, &NativeAppLogin::onConnection);
    return authorizeUrl();
}

QUrl NativeAppLogin::startWithPastedCode()
{
    if (m_listener) // one way back only: a late browser redirect must not race the pasted code
        m_listener->close();
    m_redirect = m_options.authBaseUrl.resolved(QUrl(u"v2/web/auth-code"_s));
    return authorizeUrl();
}

QUrl NativeAppLogin::authorizeUrl() const
{
    QStringList scopes = m_options.scopes;
    const QJsonObject &gare = m_options.authorizationParameters;
    for (const QJsonValue &scope : gare.value("required_scopes"_L1).toArray())
        if (!scopes.contains(scope.toString()))
            scopes.append(scope.toString());
    if (!scopes.contains(u"openid"_s))
        scopes.prepend(u"openid"_s);
    QUrlQuery query;
    query.addQueryItem(u"client_id"_s, m_options.clientId);
    query.addQueryItem(u"redirect_uri"_s, m_redirect.toString());
    query.addQueryItem(u"scope"_s, scopes.join(u' '));
    query.addQueryItem(u"state"_s, m_state);
    query.addQueryItem(u"response_type"_s, u"code"_s);
    query.addQueryItem(u"code_challenge"_s, challengeFor(m_verifier));
    query.addQueryItem(u"code_challenge_method"_s, u"S256"_s);
    query.addQueryItem(u"access_type"_s, m_options.refreshTokens ? u"offline"_s : u"online"_s);
    if (!m_options.prefillNamedGrant.isEmpty())
        query.addQueryItem(u"prefill_named_grant"_s, m_options.prefillNamedGrant);
    // Session requirements go to Globus Auth as the SDK sends them: lists comma-joined.
    for (const char *key : {"session_required_identities", "session_required_single_domain",
                            "session_required_policies", "session_required_mfa", "session_message", "prompt"}) {
        const QJsonValue value = gare.value(QLatin1StringView(key));
        QStringList parts;
        for (const QJsonValue &part : value.isArray() ? value.toArray() : QJsonArray{value})
            if (part.isString() || part.isBool())
                parts.append(part.isBool() ? (part.toBool() ? u"True"_s : u"False"_s) : part.toString());
        if (!parts.isEmpty())
            query.addQueryItem(QLatin1StringView(key), parts.join(u','));
    }
    QUrl url = m_options.authBaseUrl.resolved(QUrl(u"v2/oauth2/authorize"_s));
    // Fully encoded: scope URLs contain ':' and '/', and QUrlQuery would leave '+' ambiguous.
    QString encoded;
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
        encoded +=
            (encoded.isEmpty() ? QString() : u"&"_s) + key + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(value));
    url.setQuery(encoded, QUrl::StrictMode);
    return url;
}

// The browser arrives at the listener with ?code=...&state=... (or ?error=...).
void NativeAppLogin::onConnection()
{
    while (QTcpSocket *socket = m_listener->nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            if (!socket->canReadLine())
                return;
            const QList<QByteArray> requestLine = socket->readLine().trimmed().split(' ');
            const QUrl target(QString::fromLatin1(requestLine.value(1)));
            const QUrlQuery query(target);
            const bool ours = query.queryItemValue(u"state"_s) == m_state;
            const QString code = query.queryItemValue(u"code"_s, QUrl::FullyDecoded);
            const QByteArray page = ours && !code.isEmpty() ? DonePage
                                                            : "<!doctype html><title>Flowdeck</title><p>Sign-in "
                                                              "did not complete; return to Flowdeck.";
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\n"
                          "Content-Length: " +
                          QByteArray::number(page.size()) + "\r\n\r\n" + page);
            socket->disconnectFromHost();
            if (!ours)
                return; // a stray request (a favicon, another tab): keep waiting
            m_listener->close();
            QString why = query.queryItemValue(u"error_description"_s, QUrl::FullyDecoded);
            if (why.isEmpty())
                why = query.queryItemValue(u"error"_s, QUrl::FullyDecoded);
            if (code.isEmpty())
                finish(tr("Globus Auth did not sign you in: %1").arg(why.replace(u'+', u' ')));
            else
                exchange(code);
        });
    }
}

void NativeAppLogin::submitCode(const QString &code)
{
    if (code.trimmed().isEmpty())
        return finish(tr("The code is empty: copy it from the page Globus showed after you signed in"));
    exchange(code.trimmed());
}

void NativeAppLogin::exchange(const QString &code)
{
    if (m_done || m_exchange)
        return;
    const QByteArray body = form({{u"client_id"_s, m_options.clientId},
                                  {u"grant_type"_s, u"authorization_code"_s},
                                  {u"code"_s, code},
                                  {u"code_verifier"_s, m_verifier},
                                  {u"redirect_uri"_s, m_redirect.toString()}});
    m_exchange = m_network->post(formRequest(m_options.authBaseUrl.resolved(QUrl(u"v2/oauth2/token"_s))), body);
    QNetworkReply *reply = m_exchange;
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        if (reply->error() != QNetworkReply::NoError) {
            const QString why = answer.value("error_description"_L1).toString(answer.value("error"_L1).toString());
            return finish(tr("Globus Auth refused the sign-in: %1").arg(why.isEmpty() ? reply->errorString() : why));
        }
        const QList<TokenData> tokens = parseTokens(answer, QDateTime::currentDateTimeUtc());
        if (tokens.isEmpty())
            return finish(tr("Globus Auth answered without tokens"));
        finish({}, tokens);
    });
}

void NativeAppLogin::cancel()
{
    finish(tr("Sign-in canceled"));
}

void NativeAppLogin::finish(const QString &error, const QList<TokenData> &tokens)
{
    if (m_done)
        return;
    m_done = true;
    if (m_listener)
        m_listener->close();
    if (m_exchange)
        m_exchange->abort();
    if (error.isEmpty())
        emit succeeded(tokens);
    else
        emit failed(error);
}

// The id_token's claims (a JWT's middle part). Only for display: the tokens themselves come from
// Globus Auth over TLS, so the signature is not what protects anything here.
QString identityOf(const QJsonObject &body)
{
    const QList<QByteArray> parts = body.value("id_token"_L1).toString().toLatin1().split('.');
    if (parts.size() != 3)
        return {};
    const QJsonObject claims =
        QJsonDocument::fromJson(QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding)).object();
    for (const char *claim : {"preferred_username", "email", "sub"})
        if (claims.value(QLatin1StringView(claim)).isString())
            return claims.value(QLatin1StringView(claim)).toString();
    return {};
}

QList<TokenData> NativeAppLogin::parseTokens(const QJsonObject &body, const QDateTime &now)
{
    const QString identity = identityOf(body);
    QList<TokenData> tokens;
    QJsonArray all = body.value("other_tokens"_L1).toArray();
    all.prepend(body);
    for (const QJsonValue &value : all) {
        const QJsonObject token = value.toObject();
        if (!token.value("access_token"_L1).isString())
            continue;
        tokens.append({token.value("resource_server"_L1).toString(), token.value("scope"_L1).toString(),
                       token.value("access_token"_L1).toString().toLatin1(),
                       token.value("refresh_token"_L1).toString().toLatin1(),
                       now.addSecs(token.value("expires_in"_L1).toInteger(7200)), identity});
    }
    return tokens;
}

QNetworkReply *revokeToken(QNetworkAccessManager *network, const QUrl &authBaseUrl, const QString &clientId,
                           const QByteArray &token, QObject *context)
{
    QNetworkReply *reply = network->post(formRequest(authBaseUrl.resolved(QUrl(u"v2/oauth2/token/revoke"_s))),
                                         form({{u"token"_s, QString::fromLatin1(token)}, {u"client_id"_s, clientId}}));
    reply->setParent(context);
    QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    return reply;
}

} // namespace Flowdeck::Core
