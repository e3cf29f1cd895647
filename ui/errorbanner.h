// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace Flowdeck::Ui {

// A non-modal strip above a view: what went wrong (the service's code and message), a Retry button
// and a close button. Hidden until there is something to say. GUI thread.
class ErrorBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ErrorBanner)

public:
    explicit ErrorBanner(QWidget *parent = nullptr);
    void showError(const QString &message, bool canRetry = true);
    QString message() const;

signals:
    void retryRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyColours();
    QLabel *m_text;
    QPushButton *m_retry;
};

} // namespace Flowdeck::Ui
