// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace Flowdeck::Core::Engine {

struct LocalServiceOptions
{
    // Where the database (and the sample collections and mock files) live; empty: in memory only.
    QString dataDirectory;
    quint16 port = 0;          // 0: the OS chooses
    QString token;             // the local user's bearer token; empty: a random one for this start
    double timeScale = 1.0;    // Wait states and provider delays take this fraction of real time (tests)
    bool createSamples = true; // the sample library, on first start
    // Extra local collections for the Transfer providers: collection id -> directory.
    QHash<QString, QString> collections;
};

class ServiceCore;

// Flowdeck's embedded Flows service: the HTTP API of Globus Flows on 127.0.0.1, backed by SQLite,
// with an executor for the flow language and local action providers. Lives on the thread that
// starts it (the app gives it its own thread, see LocalServiceHost); never reaches the network
// beyond loopback and never runs user code.
class LocalService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalService)

public:
    explicit LocalService(const LocalServiceOptions &options, QObject *parent = nullptr);
    ~LocalService() override;

    bool start(QString *error);
    QUrl url() const;      // "http://127.0.0.1:<port>/"
    QString token() const; // the local user's
    QString userUrn() const;
    // Another local identity (for roles and permissions); returns its bearer token.
    QString addIdentity(const QString &urn);
    // What the notify provider recorded instead of sending (oldest first).
    QList<QJsonObject> recordedNotifications() const;
    int activeRunCount() const;

signals:
    void runFinished(const QString &runId, const QString &status);

private:
    std::unique_ptr<ServiceCore> d;
};

} // namespace Flowdeck::Core::Engine
