// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/apierror.h"
#include "core/api/run.h"
#include "core/models/runlogmodel.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QSlider;
class QTabWidget;
class QPlainTextEdit;
class QTimer;

namespace Flowdeck::Core {
class ApiReply;
class FlowsClient;
} // namespace Flowdeck::Core

namespace Flowdeck::Ui {

class ErrorBanner;
class FlowGraphView;
class RunLogView;
class TimelineView;

// Everything about one run: a status header that says why a run waits and what to do; its flow
// graph (the definition pinned to the run) coloured from the log with the current state marked and
// a slider that replays the log; a timeline; the log, tailed while the run goes on; the run's input
// and output; and the actions its roles allow (cancel, release, resume, label and tags, export).
// GUI thread; the log is tailed by marker every few seconds while the run is active.
class RunDetailView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunDetailView)

public:
    explicit RunDetailView(QWidget *parent = nullptr);
    void setClient(Core::FlowsClient *client);
    void setRun(const Core::Run &run);    // another run: everything is loaded again
    void updateRun(const Core::Run &run); // a fresh document of the same run (from a poller)
    const Core::Run &run() const { return m_run; }
    void clear();

    QString headerText() const;
    QString detailsText() const; // the header and the run document, as text
    QString dataText() const;    // the Input and output tab
    QTabWidget *tabs() const { return m_tabs; }
    FlowGraphView *graph() const { return m_graph; }
    TimelineView *timeline() const { return m_timeline; }
    RunLogView *logView() const { return m_logView; }
    Core::RunLogModel *logModel() const { return m_log; }
    QSlider *replaySlider() const { return m_replay; }
    QPushButton *actionButton(const QString &name) const; // cancel, release, resume, edit, like, export
    ErrorBanner *banner() const { return m_banner; }
    void setConfirmationsEnabled(bool enabled) { m_confirm = enabled; } // tests answer for the user

    void cancelRun();
    void releaseRun();
    void resumeRun();
    void editRun();
    bool exportBundle(const QString &path); // definition, input, run document and full log as JSON
    // What the graph shows: each state's progress and the current state (live, or at the replay point).
    Core::StateProgress shownProgress(const QString &state) const
    {
        return m_shownProgress.value(state, Core::StateProgress::NotRun);
    }
    QString shownCurrentState() const { return m_shownCurrent; }
    QJsonObject runInput() const;
    QJsonObject runOutput() const;

signals:
    void runChanged(const Flowdeck::Core::Run &run); // after an action changed the run
    void startLikeRequested(const Flowdeck::Core::Run &run, const QJsonObject &input);
    void releasedRun(const QString &runId);
    // The definition pinned to the run, to study or adapt in the studio.
    void openDefinitionRequested(const QString &runId, const QJsonObject &definition, const QString &title);
    // Resuming (or another action) needs a sign-in or consent first, e.g. the flow's scope.
    void authorizationRequired(const QString &flowId, const Flowdeck::Core::ApiError &error);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void showHeader();
    void updateActions();
    void loadDefinition();
    void onEntriesAppended();
    void replayTo(int row);
    void showData();
    void act(Core::ApiReply *reply, const QString &what);
    QString inactiveAdvice() const;

    QPointer<Core::FlowsClient> m_client;
    Core::Run m_run;
    QJsonObject m_definition;
    QJsonObject m_inputSchema;
    Core::RunLogModel *m_log;
    QLabel *m_title;
    QLabel *m_header;
    ErrorBanner *m_banner;
    QList<QPushButton *> m_actions;
    QTabWidget *m_tabs;
    FlowGraphView *m_graph;
    QSlider *m_replay;
    QLabel *m_replayLabel;
    TimelineView *m_timeline;
    RunLogView *m_logView;
    QPlainTextEdit *m_data;
    QTimer *m_tail;
    QTimer *m_refresh;
    QHash<QString, Core::StateProgress> m_shownProgress;
    QString m_shownCurrent;
    quint64 m_generation = 0;
    bool m_confirm = true;
    bool m_acting = false; // an action's request is out
};

} // namespace Flowdeck::Ui
