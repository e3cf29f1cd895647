// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/apierror.h"
#include "core/api/run.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;
class QToolButton;

namespace Flowdeck::Core {
class ApiReply;
class FlowsClient;
class RunsModel;
class RunsPoller;
} // namespace Flowdeck::Core

namespace Flowdeck::Ui {

class ErrorBanner;
class RunDetailView;

// The runs dashboard: the runs the service lists for you, paged as it scrolls, filtered on the
// server (status, flow, label, tags, your role, start time) and sorted by the header; kept live by
// one poller that updates rows in place and pauses while the view is hidden; several runs can be
// cancelled, released or tagged at once. The selected run is shown in full below. GUI thread.
class RunsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunsView)

public:
    explicit RunsView(Core::RunsModel *model, QWidget *parent = nullptr);
    void setClient(Core::FlowsClient *client);
    void setFlowChoices(const QList<std::pair<QString, QString>> &idsAndTitles);
    void refresh();
    void showRun(const Core::Run &run); // selects it (adding it on top when new), e.g. after a start
    void setConfirmationsEnabled(bool enabled);

    QTableView *view() const { return m_view; }
    QLineEdit *labelFilter() const { return m_label; }
    QLineEdit *tagFilter() const { return m_tags; }
    QComboBox *flowFilter() const { return m_flow; }
    QComboBox *roleFilter() const { return m_role; }
    QComboBox *timeFilter() const { return m_time; }
    QToolButton *statusChip(const QString &status) const;
    QToolButton *bulkButton(const QString &name) const; // cancel, release, tags
    QLabel *countLabel() const { return m_count; }
    QString detailText() const;
    RunDetailView *detail() const { return m_detail; }
    Core::RunsPoller *poller() const { return m_poller; }
    QList<Core::Run> selectedRuns() const;

    void cancelSelected();
    void releaseSelected();
    void tagSelected();

signals:
    void startLikeRequested(const Flowdeck::Core::Run &run, const QJsonObject &input);
    void runsChanged(const QList<Flowdeck::Core::Run> &runs); // fresh documents, for watchers
    void authorizationRequired(const QString &flowId, const Flowdeck::Core::ApiError &error);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *buildFilterBar();
    void applyQuery();
    void updateCount();
    void showCurrent();
    void sortBy(int column);
    void updateBulkActions();
    void bulk(const QString &what, const std::function<Core::ApiReply *(const Core::Run &)> &request,
              const std::function<void()> &onDone = {});
    void mergeFresh(const QList<Core::Run> &runs);

    Core::RunsModel *m_model;
    Core::RunsPoller *m_poller;
    QPointer<Core::FlowsClient> m_client;
    QLineEdit *m_label;
    QLineEdit *m_tags;
    QComboBox *m_flow;
    QComboBox *m_role;
    QComboBox *m_time;
    QList<QToolButton *> m_chips;
    QList<QToolButton *> m_bulk;
    QLabel *m_count;
    ErrorBanner *m_banner;
    QTableView *m_view;
    RunDetailView *m_detail;
    QTimer *m_debounce;
    QTimer *m_countTimer;
    bool m_confirm = true;
};

} // namespace Flowdeck::Ui
