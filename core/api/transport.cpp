// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/transport.h"

#include "core/api/environment.h"
#include "core/auth/authorizer.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

Transport::Transport(QNetworkAccessManager *network, const QUrl &baseUrl, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_baseUrl(baseUrl)
    , m_userAgent("Flowdeck/" FLOWDECK_VERSION " (Qt " QT_VERSION_STR ")")
{
    Environment::isAcceptableBaseUrl(baseUrl, &m_baseUrlProblem);
}

QString Transport::encodeQuery(const QList<std::pair<QString, QString>> &items)
{
    // Encoded by hand: QUrlQuery leaves '+' bare, which servers read as a space, and that would
    // corrupt time filters such as "2024-01-01T00:00:00+00:00".
    QByteArray out;
    for (const auto &[key, value] : items) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return QString::fromLatin1(out);
}

QUrl Transport::urlFor(const ApiRequest &request) const
{
    QByteArray base = m_baseUrl.toEncoded(QUrl::RemoveQuery | QUrl::RemoveFragment);
    while (base.endsWith('/'))
        base.chop(1);
    QByteArray full = base + request.path.toLatin1();
    if (!request.query.isEmpty())
        full += '?' + encodeQuery(request.query).toLatin1();
    return QUrl::fromEncoded(full, QUrl::StrictMode);
}

QNetworkReply *Transport::send(const ApiRequest &request) const
{
    QNetworkRequest http(urlFor(request));
    http.setRawHeader("Accept", "application/json");
    http.setRawHeader("User-Agent", m_userAgent);
    http.setRawHeader("X-Globus-Client-Info", "product=flowdeck,version=" FLOWDECK_VERSION);
    if (request.authorizer) {
        const QByteArray header = request.authorizer->authorizationHeader();
        if (!header.isEmpty())
            http.setRawHeader("Authorization", header);
    }
    http.setTransferTimeout(m_timeoutMs);
    QByteArray data;
    if (request.body) {
        http.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        data = QJsonDocument(*request.body).toJson(QJsonDocument::Compact);
    }
    return m_network->sendCustomRequest(http, request.method, data);
}

} // namespace Flowdeck::Core
