// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakes/fakeflowsserver.h"

#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Flowdeck::Tests {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

QString routeKey(const QByteArray &method, const QString &path)
{
    return QString::fromLatin1(method) + u' ' + path;
}

void write(QHttpServerResponder &responder, const ScriptedResponse &response)
{
    responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    bool hasType = false;
    for (const auto &[key, value] : response.headers) {
        responder.writeHeader(key, value);
        hasType = hasType || key.compare("content-type", Qt::CaseInsensitive) == 0;
    }
    if (!hasType)
        responder.writeHeader("Content-Type", "application/json");
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    responder.writeBody(response.body);
}

} // namespace

QJsonObject RecordedRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QString RecordedRequest::queryValue(const QString &key) const
{
    for (const auto &[k, v] : query)
        if (k == key)
            return v;
    return {};
}

FakeFlowsServer::FakeFlowsServer(QObject *parent)
    : QObject(parent)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    m_http.setMissingHandler(this, [this](const QHttpServerRequest &request, QHttpServerResponder &responder) {
        write(responder, respond(request));
    });
#else
    m_http.setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        write(responder, respond(request));
    });
#endif
    auto *tcp = new QTcpServer(this);
    tcp->listen(QHostAddress::LocalHost);
    m_http.bind(tcp);
    m_baseUrl = QUrl(u"http://127.0.0.1:%1/"_s.arg(tcp->serverPort()));

    m_silent.listen(QHostAddress::LocalHost);
    connect(&m_silent, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_silent.nextPendingConnection()) {
            ++m_silentConnections;
            socket->setParent(this); // kept open, never answered
        }
    });
    m_dropping.listen(QHostAddress::LocalHost);
    connect(&m_dropping, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_dropping.nextPendingConnection()) {
            ++m_droppedConnections;
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->abort(); // the request arrived; the answer never will
                socket->deleteLater();
            });
        }
    });
}

QUrl FakeFlowsServer::silentUrl() const
{
    return QUrl(u"http://127.0.0.1:%1/"_s.arg(m_silent.serverPort()));
}

QUrl FakeFlowsServer::droppingUrl() const
{
    return QUrl(u"http://127.0.0.1:%1/"_s.arg(m_dropping.serverPort()));
}

void FakeFlowsServer::enqueue(const QByteArray &method, const QString &path, const ScriptedResponse &response)
{
    m_queues[routeKey(method, path)].append(response);
}

void FakeFlowsServer::enqueueJson(const QByteArray &method, const QString &path, int status, const QJsonObject &body)
{
    enqueue(method, path, {status, QJsonDocument(body).toJson(QJsonDocument::Compact), {}});
}

QJsonObject FakeFlowsServer::fixture(const QString &operation)
{
    QFile file(QStringLiteral(FLOWDECK_FIXTURES_DIR) + u'/' + operation + u".json"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("fixture %s not found", qPrintable(file.fileName()));
    return QJsonDocument::fromJson(file.readAll()).object();
}

QJsonObject FakeFlowsServer::fixtureBody(const QString &operation, const QString &caseName, int index)
{
    return fixture(operation)
        .value("cases"_L1)
        .toObject()
        .value(caseName)
        .toArray()
        .at(index)
        .toObject()
        .value("json"_L1)
        .toObject();
}

int FakeFlowsServer::enqueueFixture(const QString &operation, const QString &caseName)
{
    const QJsonArray responses = fixture(operation).value("cases"_L1).toObject().value(caseName).toArray();
    for (const QJsonValue &value : responses) {
        const QJsonObject r = value.toObject();
        enqueueJson(r.value("method"_L1).toString().toLatin1(), r.value("path"_L1).toString(),
                    r.value("status"_L1).toInt(), r.value("json"_L1).toObject());
    }
    return int(responses.size());
}

ScriptedResponse FakeFlowsServer::respond(const QHttpServerRequest &request)
{
    RecordedRequest recorded;
    recorded.method = methodName(request.method());
    recorded.path = request.url().path(QUrl::FullyDecoded);
    recorded.encodedPath = request.url().path(QUrl::FullyEncoded);
    recorded.encodedQuery = request.url().query(QUrl::FullyEncoded);
    const auto items = QUrlQuery(request.url()).queryItems(QUrl::FullyDecoded);
    for (const auto &item : items)
        recorded.query.append({item.first, item.second});
    for (const auto &[key, value] : request.headers())
        recorded.headers.insert(key.toLower(), value);
    recorded.body = request.body();
    m_requests.append(recorded);

    auto queue = m_queues.find(routeKey(recorded.method, recorded.encodedPath));
    if (queue == m_queues.end() || queue->isEmpty())
        queue = m_queues.find(routeKey(recorded.method, recorded.path));
    if (queue == m_queues.end() || queue->isEmpty()) {
        const QJsonObject error{{u"code"_s, u"NOT_FOUND"_s},
                                {u"detail"_s, QString(u"fake: nothing scripted for "_s + recorded.path)}};
        return {404, QJsonDocument(QJsonObject{{u"error"_s, error}}).toJson(QJsonDocument::Compact), {}};
    }
    return queue->size() > 1 ? queue->takeFirst() : queue->first();
}

} // namespace Flowdeck::Tests
