// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/auth/nativeapplogin.h"

#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPushButton;

namespace Flowdeck::Ui {

// Signing in to Globus: explains the client id (users register a native app with Globus once),
// opens the system browser at Globus Auth and waits for it to come back to this computer; where it
// cannot, the user pastes the code Globus shows. Accepted once tokens arrived. GUI thread.
class SignInDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInDialog)

public:
    SignInDialog(QNetworkAccessManager *network, const Core::NativeAppLogin::Options &options,
                 QWidget *parent = nullptr);

    // How the browser is opened (QDesktopServices by default; tests capture the URL instead).
    void setBrowserOpener(std::function<bool(const QUrl &)> opener) { m_opener = std::move(opener); }
    QList<Core::TokenData> tokens() const { return m_tokens; }
    QString clientId() const;
    QUrl authorizeUrl() const { return m_url; }
    QLineEdit *clientIdField() const { return m_clientId; }
    QLineEdit *codeField() const { return m_code; }
    QPushButton *openBrowserButton() const { return m_open; }
    QPushButton *useCodeButton() const { return m_useCode; }
    QPushButton *submitCodeButton() const { return m_submit; }
    QString status() const;

private:
    void begin(bool pasteMode);
    void setStatus(const QString &text);

    QNetworkAccessManager *m_network;
    Core::NativeAppLogin::Options m_options;
    Core::NativeAppLogin *m_login = nullptr;
    std::function<bool(const QUrl &)> m_opener;
    QLineEdit *m_clientId;
    QLineEdit *m_link;
    QLineEdit *m_code;
    QPushButton *m_open;
    QPushButton *m_useCode;
    QPushButton *m_submit;
    QLabel *m_status;
    QUrl m_url;
    QList<Core::TokenData> m_tokens;
};

} // namespace Flowdeck::Ui
