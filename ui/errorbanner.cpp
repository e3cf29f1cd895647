// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/errorbanner.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace Flowdeck::Ui {

ErrorBanner::ErrorBanner(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_retry(new QPushButton(tr("&Retry"), this))
{
    setObjectName(QStringLiteral("errorBanner"));
    setAccessibleName(tr("Error message"));
    setFrameShape(QFrame::StyledPanel);
    // Palette-derived colours keep the banner readable in light and dark themes.
    setAutoFillBackground(true);
    applyColours();
    qApp->installEventFilter(this);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setAccessibleName(tr("Dismiss the error"));
    close->setAutoRaise(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_retry);
    layout->addWidget(close);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        hide();
        emit retryRequested();
    });
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

// Light red on a light theme, dark red on a dark one: readable either way, following the system.
void ErrorBanner::applyColours()
{
    const bool dark = QApplication::palette().color(QPalette::Window).lightness() < 128;
    QPalette colours = QApplication::palette();
    colours.setColor(QPalette::Window, dark ? QColor(0x5c, 0x1a, 0x20) : QColor(0xf8, 0xd7, 0xda));
    colours.setColor(QPalette::WindowText, dark ? QColor(0xff, 0xd6, 0xda) : QColor(0x58, 0x15, 0x1c));
    setPalette(colours);
}

// A theme change is announced to the application object; the banner's colours are chosen from the
// theme, so it listens there (its own explicit palette would hide the change from it).
bool ErrorBanner::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange)
        applyColours();
    return QFrame::eventFilter(watched, event);
}

void ErrorBanner::showError(const QString &message, bool canRetry)
{
    m_text->setText(message);
    m_retry->setVisible(canRetry);
    show();
}

QString ErrorBanner::message() const
{
    return isVisible() ? m_text->text() : QString();
}

} // namespace Flowdeck::Ui
