// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/transport.h"

#include "core/api/environment.h"
#include "core/auth/authorizer.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <cstring>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

namespace {

// A request body that can be read once and never rewound. Qt 6.4's HTTP channel silently re-sends
// a request whose connection closed before the answer, whatever its method (newer Qt checks
// idempotency first); it can only do so by rewinding the body. With this device the rewind fails
// and Qt reports ContentReSendError instead, so a run is never started twice behind our back.
class OneShotBody final : public QIODevice
{
public:
    explicit OneShotBody(QByteArray data)
        : m_data(std::move(data))
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override { return m_data.size() - m_position + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min(maxSize, qint64(m_data.size()) - m_position);
        std::memcpy(data, m_data.constData() + m_position, size_t(n));
        m_position += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_position = 0;
};

} // namespace

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
    // Qt copies the Authorization header onto redirected requests: follow redirects only within
    // the same host, as python-requests (which drops the header on a host change) effectively does.
    http.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
    QByteArray data;
    if (request.body) {
        http.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        data = QJsonDocument(*request.body).toJson(QJsonDocument::Compact);
    }
    if (request.idempotent)
        return m_network->sendCustomRequest(http, request.method, data);
    http.setHeader(QNetworkRequest::ContentLengthHeader, data.size());
    http.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
    auto *body = new OneShotBody(data);
    QNetworkReply *reply = m_network->sendCustomRequest(http, request.method, body);
    body->setParent(reply);
    return reply;
}

} // namespace Flowdeck::Core
