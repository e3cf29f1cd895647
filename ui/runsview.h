// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableView;
class QTimer;
class QToolButton;

namespace Flowdeck::Core {
class FlowsClient;
class RunsModel;
} // namespace Flowdeck::Core

namespace Flowdeck::Ui {

class ErrorBanner;

// The runs the service lists for you, newest first: paged as it scrolls, filtered on the server by
// status and label, with the selected run's status and details. The live dashboard, the graph and the
// log views build on this (launcher and monitor issue). GUI thread.
class RunsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunsView)

public:
    explicit RunsView(Core::RunsModel *model, QWidget *parent = nullptr);
    void setClient(Core::FlowsClient *client);
    void refresh();
    QTableView *view() const { return m_view; }
    QLineEdit *labelFilter() const { return m_label; }
    QToolButton *statusChip(const QString &status) const;
    QLabel *countLabel() const { return m_count; }
    QString detailText() const;

private:
    void applyQuery();
    void updateCount();
    void showRun(int row);

    Core::RunsModel *m_model;
    QLineEdit *m_label;
    QList<QToolButton *> m_chips;
    QLabel *m_count;
    ErrorBanner *m_banner;
    QTableView *m_view;
    QPlainTextEdit *m_details;
    QTimer *m_debounce;
};

} // namespace Flowdeck::Ui
