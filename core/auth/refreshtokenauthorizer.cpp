// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/auth/refreshtokenauthorizer.h"

#include "core/api/environment.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAuth, "flowdeck.auth", QtInfoMsg)

namespace Flowdeck::Core {

namespace {
constexpr qint64 ExpiresAdjustSeconds = 60; // renew this long before expiry, as the SDK does
}

RefreshTokenAuthorizer::RefreshTokenAuthorizer(QNetworkAccessManager *network, const QUrl &authBaseUrl,
                                               const QString &clientId, const TokenData &tokens, QObject *parent)
    : Authorizer(parent)
    , m_network(network)
    , m_tokenUrl(authBaseUrl.resolved(QUrl(u"v2/oauth2/token"_s)))
    , m_clientId(clientId)
    , m_tokens(tokens)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{}

QByteArray RefreshTokenAuthorizer::authorizationHeader() const
{
    return m_tokens.accessToken.isEmpty() ? QByteArray() : QByteArray("Bearer ") + m_tokens.accessToken;
}

bool RefreshTokenAuthorizer::needsRefresh() const
{
    if (!canRefresh())
        return false;
    return m_tokens.accessToken.isEmpty() || !m_tokens.expiresAt.isValid() ||
           m_clock().secsTo(m_tokens.expiresAt) < ExpiresAdjustSeconds;
}

bool RefreshTokenAuthorizer::canRefresh() const
{
    return !m_tokens.refreshToken.isEmpty();
}

void RefreshTokenAuthorizer::invalidate()
{
    m_tokens.accessToken.clear();
}

void RefreshTokenAuthorizer::refresh()
{
    if (m_pending)
        return; // single flight: everyone waiting gets the one refreshFinished()
    QString why;
    if (!Environment::isAcceptableBaseUrl(m_tokenUrl, &why)) {
        qCWarning(lcAuth) << "not sending a refresh token to" << m_tokenUrl.host() << ':' << why;
        Authorizer::refresh(); // reports failure
        return;
    }
    // Encoded by hand: QUrlQuery would leave '+' as is, which form decoding reads as a space.
    const QByteArray form = "grant_type=refresh_token&refresh_token=" +
                            QUrl::toPercentEncoding(QString::fromLatin1(m_tokens.refreshToken)) +
                            "&client_id=" + QUrl::toPercentEncoding(m_clientId);
    QNetworkRequest request(m_tokenUrl);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_timeoutMs);
    qCDebug(lcAuth) << "refreshing token for" << m_tokens.resourceServer; // never the token itself
    m_pending = m_network->post(request, form);
    connect(m_pending, &QNetworkReply::finished, this, &RefreshTokenAuthorizer::onRefreshReply);
}

void RefreshTokenAuthorizer::onRefreshReply()
{
    QNetworkReply *reply = m_pending;
    m_pending = nullptr;
    reply->deleteLater();
    const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
    const QByteArray access = body.value("access_token"_L1).toString().toLatin1();
    if (reply->error() != QNetworkReply::NoError || access.isEmpty()) {
        qCWarning(lcAuth) << "token refresh failed for" << m_tokens.resourceServer << "HTTP"
                          << reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        emit refreshFinished(false);
        return;
    }
    m_tokens.accessToken = access;
    m_tokens.expiresAt = m_clock().addSecs(body.value("expires_in"_L1).toInteger(7200));
    if (body.value("refresh_token"_L1).isString()) // Globus may rotate refresh tokens
        m_tokens.refreshToken = body.value("refresh_token"_L1).toString().toLatin1();
    if (body.value("scope"_L1).isString())
        m_tokens.scope = body.value("scope"_L1).toString();
    emit tokensChanged(m_tokens);
    emit refreshFinished(true);
}

} // namespace Flowdeck::Core
