// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/retrypolicy.h"
#include "core/auth/authorizer.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <optional>
#include <utility>

class QNetworkAccessManager;
class QNetworkReply;

namespace Flowdeck::Core {

// What one API call sends: method, path below the base URL (ids already percent-encoded), query
// items in order (not yet encoded), an optional JSON body and who authorizes it.
struct ApiRequest
{
    QByteArray method;
    QString path;
    QList<std::pair<QString, QString>> query;
    std::optional<QJsonObject> body;
    // False for calls where a second delivery would act twice (run_flow, create_flow, ...):
    // those are never re-sent once the server may have seen them.
    bool idempotent = true;
    QPointer<Authorizer> authorizer;
};

// Builds and sends HTTP requests for one service base URL: headers, timeout, the retry policy.
// Shared by FlowsClient and its SpecificFlowClients; lives on their thread. Not a singleton.
class Transport final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Transport)

public:
    Transport(QNetworkAccessManager *network, const QUrl &baseUrl, QObject *parent = nullptr);

    QUrl baseUrl() const { return m_baseUrl; }
    // Empty when the base URL is usable; otherwise why every request will fail (Usage error).
    QString baseUrlProblem() const { return m_baseUrlProblem; }

    const RetryPolicy &retryPolicy() const { return m_retryPolicy; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int milliseconds) { m_timeoutMs = milliseconds; }
    QByteArray userAgent() const { return m_userAgent; }
    // Response bodies this large or larger are parsed off the calling thread (0: always).
    qsizetype backgroundParseThreshold() const { return m_backgroundParseThreshold; }
    void setBackgroundParseThreshold(qsizetype bytes) { m_backgroundParseThreshold = bytes; }

    QUrl urlFor(const ApiRequest &request) const;
    QNetworkReply *send(const ApiRequest &request) const;

    static QString encodeQuery(const QList<std::pair<QString, QString>> &items);

private:
    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QString m_baseUrlProblem;
    RetryPolicy m_retryPolicy;
    int m_timeoutMs = 60'000; // the SDK's default HTTP timeout
    QByteArray m_userAgent;
    qsizetype m_backgroundParseThreshold = 32 * 1024; // a ~0.2 ms parse: below that a thread hop costs more
};

} // namespace Flowdeck::Core
