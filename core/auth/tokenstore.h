// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/auth/refreshtokenauthorizer.h"

#include <QObject>

namespace Flowdeck::Core {

// Keeps the tokens of each profile in the OS keychain (QtKeychain). Where no keychain answers, in
// a file only the user may read (0600), and says so through fallbackInUse() so the window can warn.
// Tokens never reach logs. Every call ends with exactly one of its signals, from the event loop.
class TokenStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenStore)

public:
    // service: the keychain's service name; fallbackFile: where tokens go without a keychain.
    TokenStore(const QString &service, const QString &fallbackFile, QObject *parent = nullptr);

    void setKeychainEnabled(bool enabled) { m_keychainEnabled = enabled; } // tests of the fallback
    void save(const QString &profile, const QList<TokenData> &tokens);
    void load(const QString &profile);
    void remove(const QString &profile);
    bool fallbackInUse() const { return m_fallbackInUse; }
    QString fallbackFile() const { return m_fallbackFile; }

    static QByteArray serialize(const QList<TokenData> &tokens);
    static QList<TokenData> deserialize(const QByteArray &data);

signals:
    void saved(const QString &profile, bool ok);
    void loaded(const QString &profile, const QList<Flowdeck::Core::TokenData> &tokens);
    void removed(const QString &profile);
    void fallbackActivated(const QString &why);

private:
    bool writeFile(const QString &profile, const QByteArray *data); // nullptr removes
    QByteArray readFile(const QString &profile) const;
    void useFallback(const QString &why);

    QString m_service;
    QString m_fallbackFile;
    bool m_keychainEnabled = true;
    bool m_fallbackInUse = false;
};

} // namespace Flowdeck::Core
