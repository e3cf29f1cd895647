// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/apierror.h"
#include "core/api/transport.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QNetworkReply;
class QTimer;

namespace Flowdeck::Core {

// Handle for one Flows API call, retries included. Owns its QNetworkReply. Emits errorOccurred()
// (only on failure) and then finished(), exactly once, from the event loop, so connecting right
// after the call is always in time. Parent it to the requester: deleting it cancels the call.
class ApiReply : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiReply)

public:
    ~ApiReply() override;

    bool isFinished() const { return m_finished; }
    const ApiError &error() const { return m_error; }
    // The whole JSON body of a successful response, parsed on each call (typed replies expose the
    // typed value, which is usually what you want; this is for the raw-JSON views).
    QJsonObject json() const;
    int httpStatus() const { return m_httpStatus; }
    int attempts() const { return m_attempts; }
    const ApiRequest &request() const { return m_request; }
    // Cancels the call: finished() follows with error kind Canceled (not Timeout).
    void abort();
    // Sends the request; called once by the client right after construction (later calls do nothing).
    void start();

signals:
    // A 2xx body has arrived and is about to be parsed (emitted before finished()). Lets the
    // paginator request the next page while this one is parsed.
    void bodyArrived(const QByteArray &body);
    void errorOccurred(const Flowdeck::Core::ApiError &error);
    void finished();

protected:
    ApiReply(Transport *transport, ApiRequest request, QObject *parent);
    // Turns a 2xx body into the typed result: parseJob() returns work that may run on any thread
    // and keeps its result to itself; adoptParsed() then takes that result, on this reply's thread.
    using ParseJob = std::function<bool(QString *why)>;
    virtual ParseJob parseJob(const QByteArray &body) = 0;
    virtual void adoptParsed() = 0;

private:
    void sendAttempt();
    void sendNow();
    void renewThen(bool afterUnauthorized);
    void onNetworkFinished();
    void parse(const QByteArray &body);
    void finishParse(bool ok, const QString &why);
    bool retryIfWorthIt(const ApiError &error, const QByteArray &retryAfter);
    void finishWith(const ApiError &error);
    ApiError errorOf(QNetworkReply *reply, const QByteArray &body) const;

    QPointer<Transport> m_transport; // null once the client is gone: the reply then fails cleanly
    RetryPolicy m_retryPolicy;       // copied from the transport, so a reply outliving it still works
    int m_timeoutMs = 0;
    qsizetype m_backgroundParseThreshold = 0;
    ApiRequest m_request;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_retryTimer = nullptr;
    QMetaObject::Connection m_refreshConnection;
    QMetaObject::Connection m_authorizerGoneConnection;
    QElapsedTimer m_clock;
    ApiError m_error;
    QByteArray m_body;
    int m_httpStatus = 0;
    int m_attempts = 0;
    ApiError m_unauthorized; // the 401 that started a renewal, reported if the renewal fails
    bool m_renewedAfter401 = false;
    bool m_abortRequested = false; // tells a user abort() apart from a transfer timeout
    bool m_abortedInFlight = false;
    bool m_started = false;
    bool m_finished = false;
};

// For calls whose result is best kept as plain JSON (e.g. respond_to_web_input's {"status": "ok"}).
inline bool fromJson(const QJsonObject &body, QJsonObject &out, QString *)
{
    out = body;
    return true;
}

// Parses a response body as a JSON object with Qt and hands it to fromJson(QJsonObject, T).
bool parseJsonObject(const QByteArray &body, QJsonObject *out, QString *why);

// How a T comes out of response bytes. Hot types (runs) overload this with a faster parser.
template<typename T>
bool fromBytes(const QByteArray &body, T &out, QString *why)
{
    QJsonObject object;
    return parseJsonObject(body, &object, why) && fromJson(object, out, why);
}

// A reply whose result is a T, parsed by an overload `bool fromJson(const QJsonObject &, T &, QString *why)`.
// No Q_OBJECT of its own: the signals are ApiReply's.
template<typename T>
class TypedReply final : public ApiReply
{
public:
    TypedReply(Transport *transport, ApiRequest request, QObject *parent)
        : ApiReply(transport, std::move(request), parent)
    {}
    const T &value() const { return m_value; }

private:
    // All or nothing: a body that fails half-way leaves no partial result behind.
    ParseJob parseJob(const QByteArray &body) override
    {
        auto parsed = std::make_shared<T>();
        m_parsed = parsed;
        return [body, parsed](QString *why) { return fromBytes(body, *parsed, why); };
    }
    void adoptParsed() override
    {
        m_value = std::move(*m_parsed);
        m_parsed.reset();
    }
    T m_value{};
    std::shared_ptr<T> m_parsed;
};

using JsonReply = TypedReply<QJsonObject>;

} // namespace Flowdeck::Core
