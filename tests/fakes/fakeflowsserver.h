// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QHttpServer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

#include <utility>

namespace Flowdeck::Tests {

// One request as the fake saw it; query items decoded, headers lower-cased.
struct RecordedRequest
{
    QByteArray method;
    QString path; // decoded
    QString encodedPath;
    QString encodedQuery;
    QList<std::pair<QString, QString>> query;
    QHash<QByteArray, QByteArray> headers;
    QByteArray body;

    QJsonObject json() const;
    QString queryValue(const QString &key) const;
};

struct ScriptedResponse
{
    int status = 200;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
};

// An in-process Flows service for tests on 127.0.0.1 with an OS-chosen port, built on QHttpServer.
// Answers each (method, path) with its queue of scripted responses in order (the last one repeats),
// serves the recorded fixtures of ../shared/reference/fixtures, and records every request.
// Also offers a port that accepts and never answers (timeouts) and one that drops connections.
class FakeFlowsServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeFlowsServer)

public:
    explicit FakeFlowsServer(QObject *parent = nullptr);

    QUrl baseUrl() const { return m_baseUrl; }
    QUrl silentUrl() const;   // accepts connections, reads, never answers
    QUrl droppingUrl() const; // accepts, reads the request, closes without a response
    int silentConnections() const { return m_silentConnections; }
    int droppedConnections() const { return m_droppedConnections; }

    void enqueue(const QByteArray &method, const QString &path, const ScriptedResponse &response);
    void enqueueJson(const QByteArray &method, const QString &path, int status, const QJsonObject &body);
    // Queues every response of a fixture case; returns how many.
    int enqueueFixture(const QString &operation, const QString &caseName);
    static QJsonObject fixture(const QString &operation);
    static QJsonObject fixtureBody(const QString &operation, const QString &caseName, int index = 0);

    const QList<RecordedRequest> &requests() const { return m_requests; }
    void clearRequests() { m_requests.clear(); }

private:
    ScriptedResponse respond(const QHttpServerRequest &request);

    QHttpServer m_http;
    QTcpServer m_silent;
    QTcpServer m_dropping;
    QUrl m_baseUrl;
    QHash<QString, QList<ScriptedResponse>> m_queues; // "METHOD /path" -> responses
    QList<RecordedRequest> m_requests;
    int m_silentConnections = 0;
    int m_droppedConnections = 0;
};

} // namespace Flowdeck::Tests
