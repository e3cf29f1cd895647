// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Flowdeck::Tests {

// A loopback HTTP relay in front of a real service that drops the client's connection after the
// service has answered a request whose first line starts with dropPrefix (e.g. "POST /flows/"):
// the service acted, the client never learns it. Everything else is relayed unchanged. One request
// at a time per connection, which is how QNetworkAccessManager talks HTTP/1.1.
class DroppingProxy final : public QObject
{
public:
    DroppingProxy(const QUrl &target, const QByteArray &dropPrefix, const QByteArray &dropSuffix)
        : m_target(target)
        , m_prefix(dropPrefix)
        , m_suffix(dropSuffix)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection())
                serve(client);
        });
        m_server.listen(QHostAddress::LocalHost);
    }

    QUrl url() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(m_server.serverPort())); }
    int dropped() const { return m_dropped; }

private:
    // The length of the first complete HTTP message in buffer, or 0 while it is incomplete.
    static qsizetype messageLength(const QByteArray &buffer)
    {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return 0;
        qsizetype length = 0;
        for (const QByteArray &line : buffer.left(end).split('\n'))
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        return buffer.size() >= end + 4 + length ? end + 4 + length : 0;
    }

    void serve(QTcpSocket *client)
    {
        auto *upstream = new QTcpSocket(client);
        auto buffer = std::make_shared<QByteArray>();
        auto answer = std::make_shared<QByteArray>();
        auto drop = std::make_shared<bool>(false);
        upstream->connectToHost(m_target.host(), quint16(m_target.port()));
        connect(client, &QTcpSocket::readyRead, this, [this, client, upstream, buffer, drop] {
            buffer->append(client->readAll());
            const qsizetype length = messageLength(*buffer);
            if (!length)
                return;
            const QByteArray request = buffer->left(length);
            buffer->remove(0, length);
            const QByteArray line = request.left(request.indexOf("\r\n"));
            *drop = line.startsWith(m_prefix) && line.left(line.lastIndexOf(' ')).endsWith(m_suffix);
            upstream->write(request);
        });
        connect(upstream, &QTcpSocket::readyRead, this, [this, client, upstream, answer, drop] {
            answer->append(upstream->readAll());
            const qsizetype length = messageLength(*answer);
            if (!length)
                return;
            const QByteArray response = answer->left(length);
            answer->remove(0, length);
            if (*drop) {
                ++m_dropped;
                client->abort();
                client->deleteLater();
                return;
            }
            client->write(response);
        });
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
    }

    QTcpServer m_server;
    QUrl m_target;
    QByteArray m_prefix;
    QByteArray m_suffix;
    int m_dropped = 0;
};

} // namespace Flowdeck::Tests
