// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/auth/refreshtokenauthorizer.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QTcpServer;

namespace Flowdeck::Core {

// Globus Auth's native-app sign-in (reference §3.4): Authorization Code with PKCE, no client secret.
// start() gives the URL to open in the system browser; Globus sends the browser back to a one-shot
// listener on 127.0.0.1, whose code is exchanged for tokens. Where the browser cannot reach this
// computer, startWithPastedCode() uses Globus' own page that shows the code for the user to paste
// (submitCode()). Ends with exactly one of succeeded() or failed(). GUI thread.
class NativeAppLogin final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NativeAppLogin)

public:
    struct Options
    {
        QUrl authBaseUrl{QStringLiteral("https://auth.globus.org/")};
        QString clientId;
        QStringList scopes;        // joined with spaces; "openid" is added
        bool refreshTokens = true; // access_type=offline
        QString prefillNamedGrant; // "Flowdeck on <host>"
        // A 403's authorization parameters (a GARE): required scopes and session requirements
        // (identities, domains, policies, MFA, a message for the login page, prompt=login).
        QJsonObject authorizationParameters;
    };

    NativeAppLogin(QNetworkAccessManager *network, const Options &options, QObject *parent = nullptr);
    ~NativeAppLogin() override;

    QUrl start();               // listener mode; empty URL (and failed()) if no port can be opened
    QUrl startWithPastedCode(); // Globus shows the code; call submitCode()
    void submitCode(const QString &code);
    void cancel();
    QUrl redirectUri() const { return m_redirect; }

    // PKCE pieces, exposed for tests: 43 characters of base64url; base64url(sha256(verifier)).
    static QString makeVerifier();
    static QString challengeFor(const QString &verifier);
    // The tokens of a token response, one per resource server ("other_tokens" included).
    static QList<TokenData> parseTokens(const QJsonObject &body, const QDateTime &now);

signals:
    void succeeded(const QList<Flowdeck::Core::TokenData> &tokens);
    void failed(const QString &message);

private:
    QUrl authorizeUrl() const;
    void onConnection();
    void exchange(const QString &code);
    void finish(const QString &error, const QList<TokenData> &tokens = {});

    QNetworkAccessManager *m_network;
    Options m_options;
    QString m_verifier;
    QString m_state;
    QUrl m_redirect;
    QTcpServer *m_listener = nullptr;
    QPointer<QNetworkReply> m_exchange;
    bool m_done = false;
};

// Revokes a token at Globus Auth (sign-out): POST /v2/oauth2/token/revoke. Fire and forget; the
// reply is parented to context.
QNetworkReply *revokeToken(QNetworkAccessManager *network, const QUrl &authBaseUrl, const QString &clientId,
                           const QByteArray &token, QObject *context);

} // namespace Flowdeck::Core
