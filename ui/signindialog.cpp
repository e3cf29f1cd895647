// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/signindialog.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

SignInDialog::SignInDialog(QNetworkAccessManager *network, const Core::NativeAppLogin::Options &options,
                           QWidget *parent)
    : QDialog(parent)
    , m_network(network)
    , m_options(options)
    , m_opener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
    , m_clientId(new QLineEdit(options.clientId, this))
    , m_link(new QLineEdit(this))
    , m_code(new QLineEdit(this))
    , m_open(new QPushButton(tr("&Open the browser to sign in"), this))
    , m_useCode(new QPushButton(tr("The browser cannot reach this computer: &use a code instead"), this))
    , m_submit(new QPushButton(tr("&Sign in with this code"), this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Sign in to Globus"));
    auto *explanation = new QLabel(
        tr("<p>Flowdeck signs in as a <i>native app</i> registered with Globus. Register one once at "
           "<a href=\"https://app.globus.org/settings/developers\">app.globus.org → Settings → Developers</a> "
           "(“Register a thick client or script that will be installed and run by users on their devices”) and "
           "paste its client id below. Your password never passes through Flowdeck.</p>"),
        this);
    explanation->setWordWrap(true);
    explanation->setOpenExternalLinks(true);
    m_clientId->setPlaceholderText(tr("e.g. 1b0dabf8-…"));
    m_clientId->setAccessibleName(tr("Client id"));
    m_link->setReadOnly(true);
    m_link->setAccessibleName(tr("Sign-in address"));
    m_link->setPlaceholderText(tr("The address appears here; you can also copy it into a browser"));
    m_code->setPlaceholderText(tr("Paste the code Globus shows after you sign in"));
    m_code->setAccessibleName(tr("Authorization code"));
    m_code->setEnabled(false);
    m_submit->setEnabled(false);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *form = new QFormLayout;
    form->addRow(tr("&Client id:"), m_clientId);
    form->addRow(tr("Address:"), m_link);
    auto *codeRow = new QHBoxLayout;
    codeRow->addWidget(m_code, 1);
    codeRow->addWidget(m_submit);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addLayout(form);
    layout->addWidget(m_open);
    layout->addWidget(m_useCode);
    layout->addLayout(codeRow);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Return in the code field submits the code, and nothing else: no button may be a dialog default
    // (Return would otherwise also start a new sign-in or cancel this one).
    for (QPushButton *button : findChildren<QPushButton *>()) {
        button->setAutoDefault(false);
        button->setDefault(false);
    }
    connect(m_open, &QPushButton::clicked, this, [this] { begin(false); });
    connect(m_useCode, &QPushButton::clicked, this, [this] { begin(true); });
    connect(m_submit, &QPushButton::clicked, this, [this] {
        if (m_login)
            m_login->submitCode(m_code->text());
    });
    connect(m_code, &QLineEdit::returnPressed, m_submit, &QPushButton::click);
    resize(620, sizeHint().height());
}

QString SignInDialog::clientId() const
{
    return m_clientId->text().trimmed();
}

QString SignInDialog::status() const
{
    return m_status->text();
}

void SignInDialog::setStatus(const QString &text)
{
    m_status->setText(text);
}

void SignInDialog::begin(bool pasteMode)
{
    if (clientId().isEmpty()) {
        setStatus(tr("Enter the client id of your Globus native app first."));
        m_clientId->setFocus();
        return;
    }
    if (m_login)
        m_login->deleteLater();
    m_options.clientId = clientId();
    m_login = new Core::NativeAppLogin(m_network, m_options, this);
    connect(m_login, &Core::NativeAppLogin::succeeded, this, [this](const QList<Core::TokenData> &tokens) {
        m_tokens = tokens;
        setStatus(tr("Signed in."));
        accept();
    });
    connect(m_login, &Core::NativeAppLogin::failed, this,
            [this](const QString &why) { setStatus(why + u' ' + tr("Try again when you are ready.")); });
    m_url = pasteMode ? m_login->startWithPastedCode() : m_login->start();
    if (m_url.isEmpty())
        return;
    m_link->setText(m_url.toString());
    m_code->setEnabled(pasteMode);
    m_submit->setEnabled(pasteMode);
    if (pasteMode)
        m_code->setFocus();
    const bool opened = m_opener(m_url);
    setStatus(opened ? (pasteMode ? tr("Sign in in the browser, then paste the code it shows here.")
                                  : tr("Waiting for the browser… Sign in there; this window continues by itself."))
                     : tr("No browser could be opened: copy the address above into one."));
}

} // namespace Flowdeck::Ui
