// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/auth/tokenstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

TokenStore::TokenStore(const QString &service, const QString &fallbackFile, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_fallbackFile(fallbackFile)
{}

QByteArray TokenStore::serialize(const QList<TokenData> &tokens)
{
    QJsonArray array;
    for (const TokenData &t : tokens)
        array.append(QJsonObject{{u"resource_server"_s, t.resourceServer},
                                 {u"scope"_s, t.scope},
                                 {u"access_token"_s, QString::fromLatin1(t.accessToken)},
                                 {u"refresh_token"_s, QString::fromLatin1(t.refreshToken)},
                                 {u"expires_at_seconds"_s, t.expiresAt.toSecsSinceEpoch()},
                                 {u"identity"_s, t.identity}});
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QList<TokenData> TokenStore::deserialize(const QByteArray &data)
{
    QList<TokenData> tokens;
    for (const QJsonValue &value : QJsonDocument::fromJson(data).array())
        tokens.append({value[u"resource_server"_s].toString(), value[u"scope"_s].toString(),
                       value[u"access_token"_s].toString().toLatin1(), value[u"refresh_token"_s].toString().toLatin1(),
                       QDateTime::fromSecsSinceEpoch(value[u"expires_at_seconds"_s].toInteger(), Qt::UTC),
                       value[u"identity"_s].toString()});
    return tokens;
}

void TokenStore::useFallback(const QString &why)
{
    if (!m_fallbackInUse) {
        m_fallbackInUse = true;
        emit fallbackActivated(why);
    }
}

void TokenStore::save(const QString &profile, const QList<TokenData> &tokens)
{
    const QByteArray data = serialize(tokens);
    if (!m_keychainEnabled) {
        useFallback(tr("The keychain is not used"));
        const bool ok = writeFile(profile, &data);
        QTimer::singleShot(0, this, [this, profile, ok] { emit saved(profile, ok); });
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(profile);
    job->setBinaryData(data);
    job->setInsecureFallback(false); // its fallback writes plain text on some desktops: ours is 0600
    connect(job, &QKeychain::Job::finished, this, [this, job, profile, data] {
        bool ok = job->error() == QKeychain::NoError;
        if (!ok) {
            useFallback(tr("No keychain is available (%1)").arg(job->errorString()));
            ok = writeFile(profile, &data);
        } else {
            writeFile(profile, nullptr); // an older fallback copy must not outlive the keychain entry
        }
        emit saved(profile, ok);
    });
    job->start();
}

void TokenStore::load(const QString &profile)
{
    if (!m_keychainEnabled) {
        const QList<TokenData> tokens = deserialize(readFile(profile));
        QTimer::singleShot(0, this, [this, profile, tokens] { emit loaded(profile, tokens); });
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(profile);
    connect(job, &QKeychain::Job::finished, this, [this, job, profile] {
        QByteArray data = job->error() == QKeychain::NoError ? job->binaryData() : QByteArray();
        if (data.isEmpty())
            data = readFile(profile);
        emit loaded(profile, deserialize(data));
    });
    job->start();
}

void TokenStore::remove(const QString &profile)
{
    writeFile(profile, nullptr);
    if (!m_keychainEnabled) {
        QTimer::singleShot(0, this, [this, profile] { emit removed(profile); });
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(profile);
    connect(job, &QKeychain::Job::finished, this, [this, profile] { emit removed(profile); });
    job->start();
}

QByteArray TokenStore::readFile(const QString &profile) const
{
    QFile file(m_fallbackFile);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(profile).toString().toUtf8();
}

bool TokenStore::writeFile(const QString &profile, const QByteArray *data)
{
    QFile file(m_fallbackFile);
    QJsonObject all;
    if (file.open(QIODevice::ReadOnly))
        all = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    if (!data && !all.contains(profile))
        return true;
    if (data)
        all.insert(profile, QString::fromUtf8(*data));
    else
        all.remove(profile);
    QDir().mkpath(QFileInfo(m_fallbackFile).path());
    // Permissions first, tokens second: the file is never readable by others while it holds them.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return false;
    return file.write(QJsonDocument(all).toJson(QJsonDocument::Compact)) >= 0 && file.flush();
}

} // namespace Flowdeck::Core
