// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakes/fakeglobusauth.h"

#include <QCryptographicHash>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Flowdeck::Tests {

FakeAuth::FakeAuth()
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    m_http.setMissingHandler(&m_context,
                             [this](const QHttpServerRequest &r, QHttpServerResponder &w) { answer(r, w); });
#else
    m_http.setMissingHandler([this](const QHttpServerRequest &r, QHttpServerResponder &&w) { answer(r, w); });
#endif
    auto *tcp = new QTcpServer(&m_context);
    tcp->listen(QHostAddress::LocalHost);
    m_http.bind(tcp);
    url = QUrl(u"http://127.0.0.1:%1/"_s.arg(tcp->serverPort()));
}

void FakeAuth::answer(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    const QUrlQuery form(QString::fromUtf8(request.body()));
    auto value = [&](const char *key) { return form.queryItemValue(QLatin1StringView(key), QUrl::FullyDecoded); };
    QJsonObject body;
    int status = 200;
    const QString path = request.url().path();
    if (path == "/v2/oauth2/token/revoke"_L1) {
        revoked.append(value("token"));
        body = {{u"active"_s, false}};
    } else if (path == "/v2/oauth2/token"_L1 && value("grant_type") == "authorization_code"_L1) {
        const QString challenge =
            QString::fromLatin1(QCryptographicHash::hash(value("code_verifier").toLatin1(), QCryptographicHash::Sha256)
                                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        if (value("code") != "good-code"_L1 || challenge != expectedChallenge ||
            value("redirect_uri") != expectedRedirect || value("client_id") != "client-1"_L1) {
            status = 400;
            body = {{u"error"_s, u"invalid_grant"_s}, {u"error_description"_s, u"The code or verifier is wrong"_s}};
        } else {
            body = {{u"access_token"_s, u"AUTH-ACCESS-1"_s},
                    {u"refresh_token"_s, u"AUTH-REFRESH-1"_s},
                    {u"expires_in"_s, 7200},
                    {u"resource_server"_s, u"auth.globus.org"_s},
                    {u"scope"_s, u"openid"_s},
                    {u"id_token"_s,
                     QString::fromLatin1("eyJhbGciOiJSUzI1NiJ9." +
                                         QByteArray(R"({"sub":"6f3c","preferred_username":"ada@example.org"})")
                                             .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) +
                                         ".c2ln")},
                    {u"token_type"_s, u"Bearer"_s},
                    {u"other_tokens"_s, QJsonArray{QJsonObject{{u"access_token"_s, u"FLOWS-ACCESS-1"_s},
                                                               {u"refresh_token"_s, u"FLOWS-REFRESH-1"_s},
                                                               {u"expires_in"_s, 7200},
                                                               {u"resource_server"_s, u"flows.globus.org"_s},
                                                               {u"scope"_s, u"flows-all"_s}}}}};
        }
    } else if (path == "/v2/oauth2/token"_L1 && value("grant_type") == "refresh_token"_L1 &&
               value("refresh_token") == "FLOWS-REFRESH-1"_L1) {
        ++refreshes;
        body = {{u"access_token"_s, u"FLOWS-ACCESS-2"_s},
                {u"expires_in"_s, 7200},
                {u"resource_server"_s, u"flows.globus.org"_s},
                {u"refresh_token"_s, u"FLOWS-REFRESH-2"_s}};
    } else {
        status = 400;
        body = {{u"error"_s, u"unsupported_grant_type"_s}};
    }
    const QByteArray bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
    responder.writeStatusLine(QHttpServerResponder::StatusCode(status));
    responder.writeHeader("Content-Type", "application/json");
    responder.writeHeader("Content-Length", QByteArray::number(bytes.size()));
    responder.writeBody(bytes);
}

} // namespace Flowdeck::Tests
