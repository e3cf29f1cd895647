// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/auth/authorizer.h"

#include <QDateTime>
#include <QPointer>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace Flowdeck::Core {

// The tokens of one resource server, as Globus Auth returns them.
struct TokenData
{
    QString resourceServer;
    QString scope;
    QByteArray accessToken;
    QByteArray refreshToken;
    QDateTime expiresAt;
    QString identity; // who signed in (the id_token's preferred_username), for display
};

// Renews an access token with a refresh token at Globus Auth (native app: no client secret).
// Renews ahead of expiry (60 s, as the SDK) and after a 401. Emits tokensChanged() after each
// renewal so the token store can persist rotated refresh tokens, then refreshFinished().
class RefreshTokenAuthorizer final : public Authorizer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefreshTokenAuthorizer)

public:
    RefreshTokenAuthorizer(QNetworkAccessManager *network, const QUrl &authBaseUrl, const QString &clientId,
                           const TokenData &tokens, QObject *parent = nullptr);

    QByteArray authorizationHeader() const override;
    bool needsRefresh() const override;
    bool canRefresh() const override;
    void refresh() override;
    void invalidate() override;

    const TokenData &tokens() const { return m_tokens; }
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

signals:
    void tokensChanged(const Flowdeck::Core::TokenData &tokens);

private:
    void onRefreshReply();

    QNetworkAccessManager *m_network;
    QUrl m_tokenUrl;
    QString m_clientId;
    TokenData m_tokens;
    QPointer<QNetworkReply> m_pending;
    std::function<QDateTime()> m_clock;
    int m_timeoutMs = 60'000;
};

} // namespace Flowdeck::Core
