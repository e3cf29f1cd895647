// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/apireply.h"

#include "core/auth/authorizer.h"

#include <QDateTime>
#include <QFuture>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QPromise>
#include <QThreadPool>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcApi, "flowdeck.api", QtInfoMsg)

namespace Flowdeck::Core {

namespace {

// Failures that happen before the request leaves this machine: safe to re-send anything.
bool neverReachedServer(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
        return true;
    default:
        return false;
    }
}

} // namespace

ApiReply::ApiReply(Transport *transport, ApiRequest request, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_request(std::move(request))
{
    if (transport) {
        m_retryPolicy = transport->retryPolicy();
        m_timeoutMs = transport->timeoutMs();
        m_backgroundParseThreshold = transport->backgroundParseThreshold();
    }
}

ApiReply::~ApiReply()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ApiReply::start()
{
    if (m_started)
        return;
    m_started = true;
    m_clock.start();
    const QString problem = m_transport ? m_transport->baseUrlProblem() : tr("The Flows client was closed");
    if (!problem.isEmpty()) {
        // Refused before sending; still reported from the event loop, like every other outcome.
        const ApiError error = ApiError::make(ApiError::Kind::Usage, problem);
        QTimer::singleShot(0, this, [this, error] { finishWith(error); });
        return;
    }
    sendAttempt();
}

void ApiReply::sendAttempt()
{
    if (m_request.authorizer && m_request.authorizer->needsRefresh())
        renewThen(false);
    else
        sendNow();
}

void ApiReply::sendNow()
{
    if (!m_transport) {
        finishWith(ApiError::make(ApiError::Kind::Canceled, tr("The Flows client was closed")));
        return;
    }
    ++m_attempts;
    m_reply = m_transport->send(m_request);
    connect(m_reply, &QNetworkReply::finished, this, &ApiReply::onNetworkFinished);
}

void ApiReply::renewThen(bool afterUnauthorized)
{
    Authorizer *authorizer = m_request.authorizer;
    auto stopWaiting = [this] {
        disconnect(m_refreshConnection);
        disconnect(m_authorizerGoneConnection);
    };
    auto giveUp = [this, stopWaiting] {
        stopWaiting();
        if (m_unauthorized.isError()) { // the service's own 401 says best what is wrong
            finishWith(m_unauthorized);
            return;
        }
        ApiError error = ApiError::make(ApiError::Kind::Http, tr("Your sign-in has expired and could not be renewed; "
                                                                 "please sign in again"));
        error.httpStatus = 401;
        finishWith(error);
    };
    if (!authorizer) {
        giveUp();
        return;
    }
    m_refreshConnection = connect(authorizer, &Authorizer::refreshFinished, this, [this, giveUp, stopWaiting](bool ok) {
        if (!ok) {
            giveUp();
            return;
        }
        stopWaiting();
        sendNow();
    });
    // An authorizer deleted mid-renewal would otherwise leave this reply waiting forever.
    m_authorizerGoneConnection = connect(authorizer, &QObject::destroyed, this, giveUp);
    if (afterUnauthorized)
        authorizer->invalidate();
    authorizer->refresh();
}

ApiError ApiReply::errorOf(QNetworkReply *reply, const QByteArray &body) const
{
    if (m_httpStatus >= 300 && m_httpStatus < 400) {
        // Redirects are followed only within the same host (the token must not travel elsewhere).
        ApiError redirect =
            ApiError::make(ApiError::Kind::Http,
                           tr("The service redirected to %1, another host; Flowdeck does not follow such redirects")
                               .arg(reply->header(QNetworkRequest::LocationHeader).toUrl().toString()));
        redirect.httpStatus = m_httpStatus;
        return redirect;
    }
    if (m_httpStatus >= 400)
        return ApiError::fromHttpResponse(m_httpStatus, body,
                                          reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
                                          reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
    if (reply->error() == QNetworkReply::NoError)
        return {};
    if (m_abortRequested)
        return ApiError::make(ApiError::Kind::Canceled, tr("Canceled"), reply->error());
    // Qt reports an expired transfer timeout as OperationCanceledError, the same as abort().
    if (reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError)
        return ApiError::make(ApiError::Kind::Timeout,
                              tr("The server did not answer within %1 s").arg(m_timeoutMs / 1000.0), reply->error());
    // Qt wanted to send the request a second time and was not allowed to (see OneShotBody).
    if (reply->error() == QNetworkReply::ContentReSendError)
        return ApiError::make(ApiError::Kind::Network, tr("The connection closed before the server answered"),
                              reply->error());
    return ApiError::make(ApiError::Kind::Network, reply->errorString(), reply->error());
}

void ApiReply::onNetworkFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    const QByteArray body = reply->readAll();
    m_httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const ApiError error = errorOf(reply, body);
    qCDebug(lcApi).noquote() << m_request.method << m_request.path << "->" << m_httpStatus
                             << ApiError::kindName(error.kind) << "attempt" << m_attempts << m_clock.elapsed() << "ms";

    if (m_httpStatus == 401 && !m_renewedAfter401 && m_request.authorizer && m_request.authorizer->canRefresh()) {
        m_renewedAfter401 = true; // once per call, as the SDK: a second 401 is the user's to solve
        m_unauthorized = error;
        renewThen(true);
        return;
    }
    if (error.isError() && !m_abortRequested && retryIfWorthIt(error, reply->rawHeader("Retry-After")))
        return;
    if (error.isError()) {
        finishWith(error);
        return;
    }
    const QPointer<ApiReply> self(this);
    emit bodyArrived(body);
    if (!self)
        return; // a slot deleted the reply
    m_body = body;
    parse(body);
}

void ApiReply::parse(const QByteArray &body)
{
    const ParseJob job = parseJob(body);
    if (body.size() < m_backgroundParseThreshold) {
        QString why;
        const bool ok = job(&why);
        finishParse(ok, why);
        return;
    }
    // Big bodies are parsed on the thread pool so the GUI thread stays responsive. The watcher is a
    // child of the reply: deleting the reply unregisters it from the future under Qt's lock, so a
    // parse that ends later never touches a dead reply (QFuture::then(context) asserts in Qt 6.4).
    struct Outcome
    {
        bool ok = false;
        QString why;
    };
    auto promise = std::make_shared<QPromise<Outcome>>();
    QFuture<Outcome> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, job] {
        Outcome outcome;
        outcome.ok = job(&outcome.why);
        promise->addResult(outcome);
        promise->finish();
    });
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        const Outcome outcome = watcher->result();
        watcher->deleteLater();
        finishParse(outcome.ok, outcome.why);
    });
    watcher->setFuture(future);
}

void ApiReply::finishParse(bool ok, const QString &why)
{
    if (m_finished)
        return; // aborted while the body was being parsed
    if (!ok) {
        ApiError parse = ApiError::make(ApiError::Kind::Parse, why.isEmpty() ? tr("Unexpected response format") : why);
        parse.httpStatus = m_httpStatus;
        parse.outcomeUnknown = !m_request.idempotent; // the server said yes; we only failed to read how
        finishWith(parse);
        return;
    }
    adoptParsed();
    finishWith({});
}

bool ApiReply::retryIfWorthIt(const ApiError &error, const QByteArray &retryAfter)
{
    const bool transportFailure = error.kind == ApiError::Kind::Network || error.kind == ApiError::Kind::Timeout;
    if (!transportFailure && !RetryPolicy::isTransientStatus(m_httpStatus))
        return false;
    const bool safe = m_request.idempotent || m_httpStatus == 429 ||
                      (transportFailure && neverReachedServer(QNetworkReply::NetworkError(error.networkError)));
    const RetryPolicy &policy = m_retryPolicy;
    if (!safe || m_attempts > policy.maxRetries)
        return false;
    const auto delay = policy.delayFor(m_attempts - 1, m_httpStatus, retryAfter, QDateTime::currentDateTimeUtc());
    qCDebug(lcApi).noquote() << "retrying" << m_request.method << m_request.path << "in" << delay.count() << "ms";
    if (!m_retryTimer) {
        m_retryTimer = new QTimer(this);
        m_retryTimer->setSingleShot(true);
        connect(m_retryTimer, &QTimer::timeout, this, &ApiReply::sendAttempt);
    }
    m_retryTimer->start(delay);
    return true;
}

void ApiReply::finishWith(const ApiError &error)
{
    if (m_finished)
        return;
    m_error = error;
    // A non-idempotent call that failed after the server may have received it: say so.
    const bool mayHaveActed = error.kind == ApiError::Kind::Timeout ||
                              (error.kind == ApiError::Kind::Network &&
                               !neverReachedServer(QNetworkReply::NetworkError(error.networkError))) ||
                              m_httpStatus >= 500 || m_abortedInFlight;
    if (!m_request.idempotent && mayHaveActed)
        m_error.outcomeUnknown = true;
    m_finished = true;
    const QPointer<ApiReply> self(this);
    if (m_error.isError())
        emit errorOccurred(m_error);
    if (self) // a slot may have deleted the reply
        emit finished();
}

QJsonObject ApiReply::json() const
{
    return QJsonDocument::fromJson(m_body).object();
}

bool parseJsonObject(const QByteArray &body, QJsonObject *out, QString *why)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        *why =
            ApiReply::tr("The response is not valid JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset);
        return false;
    }
    if (!document.isObject()) {
        *why = ApiReply::tr("The response is not a JSON object");
        return false;
    }
    *out = document.object();
    return true;
}

void ApiReply::abort()
{
    if (m_finished)
        return;
    m_abortRequested = true;
    if (m_retryTimer)
        m_retryTimer->stop();
    disconnect(m_refreshConnection);
    disconnect(m_authorizerGoneConnection);
    if (m_reply) {
        m_abortedInFlight = true; // the request may already have reached the server
        m_reply->abort();         // emits QNetworkReply::finished -> onNetworkFinished -> Canceled
        return;
    }
    finishWith(ApiError::make(ApiError::Kind::Canceled, tr("Canceled")));
}

} // namespace Flowdeck::Core
