// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHttpServer>
#include <QObject>
#include <QStringList>
#include <QUrl>

class QHttpServerRequest;
class QHttpServerResponder;

namespace Flowdeck::Tests {

// Globus Auth's token endpoints on 127.0.0.1, enough for a native app: the code exchange checks the
// code, the client id, the redirect URI and the PKCE verifier against the challenge the app sent;
// refresh rotates the refresh token; revocations are recorded.
class FakeAuth
{
public:
    FakeAuth();

    QUrl url;
    QString expectedChallenge;
    QString expectedRedirect;
    QStringList revoked;
    int refreshes = 0;

private:
    void answer(const QHttpServerRequest &request, QHttpServerResponder &responder);

    QObject m_context;
    QHttpServer m_http;
};

} // namespace Flowdeck::Tests
