// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/apierror.h"
#include "core/api/flow.h"
#include "core/api/run.h"

#include <QDateTime>
#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTimer;

namespace Flowdeck::Core {
class ApiReply;
class FlowsClient;
} // namespace Flowdeck::Core

namespace Flowdeck::Ui {

class ErrorBanner;
class LaunchForm;

// Starts a run of a flow. The input is edited in a form generated from the flow's input_schema or
// as raw JSON (two views of one document, kept in sync); it is checked locally as it is typed, then
// by the service (validate_run, its errors placed on the fields) before the run is started. Label,
// tags, notification policy, managers and monitors; per-flow presets and the last inputs are
// remembered (QSettings). A run is started at most once per click: the button is disabled while the
// request is out, and when the connection fails mid-request the dialog looks for the run before
// offering to start again.
class LaunchDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LaunchDialog)

public:
    LaunchDialog(Core::FlowsClient *client, const Core::Flow &flow, QWidget *parent = nullptr);
    void setInput(const QJsonObject &input, const QString &origin); // "start like this run"
    void setRunOptionsFrom(const Core::Run &run);

    LaunchForm *form() const { return m_form; }
    QPlainTextEdit *rawEditor() const { return m_raw; }
    QTabWidget *inputTabs() const { return m_tabs; }
    QLineEdit *labelEdit() const { return m_label; }
    QLineEdit *tagsEdit() const { return m_tags; }
    QPlainTextEdit *managersEdit() const { return m_managers; }
    QCheckBox *notifyOn(const QString &status) const; // INACTIVE, SUCCEEDED, FAILED
    QComboBox *presets() const { return m_presets; }
    QPushButton *startButton() const { return m_start; }
    QLabel *statusLabel() const { return m_status; }
    QString rawError() const;
    const Core::Run &startedRun() const { return m_started; }
    int startRequests() const { return m_startRequests; }

    void start();
    void reject() override; // not while a start is on its way: its answer must not be lost
    void savePreset(const QString &name);
    void applyPreset(const QString &name);

signals:
    void runStarted(const Flowdeck::Core::Run &run);
    // The service wants a sign-in or consent (e.g. the flow's own scope) before it starts the run.
    void authorizationRequired(const QString &flowId, const Flowdeck::Core::ApiError &error);

private:
    QWidget *buildOptions();
    void syncRawFromForm();
    void syncFormFromRaw();
    void validateThenRun();
    void runFlow();
    void lookForStartedRun(const Core::ApiError &error);
    void finishStart(const Core::Run &run);
    void failStart(const QString &message);
    void setBusy(bool busy, const QString &what = {});
    QString optionsProblem() const;
    void loadPresets();

    QPointer<Core::FlowsClient> m_client;
    Core::Flow m_flow;
    QTabWidget *m_tabs;
    LaunchForm *m_form;
    QPlainTextEdit *m_raw;
    QLabel *m_rawError;
    QLineEdit *m_label;
    QLineEdit *m_tags;
    QList<QCheckBox *> m_policy;
    QPlainTextEdit *m_managers;
    QPlainTextEdit *m_monitors;
    QComboBox *m_presets;
    QLabel *m_origin;
    ErrorBanner *m_banner;
    QLabel *m_status;
    QPushButton *m_start;
    QTimer *m_rawDebounce;
    Core::Run m_started;
    QDateTime m_clicked;
    bool m_busy = false;
    int m_lookups = 0; // looks for a run lost to a dropped connection
    bool m_syncing = false;
    int m_startRequests = 0;
};

} // namespace Flowdeck::Ui
