// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/launchdialog.h"

#include "core/api/flowsclient.h"
#include "core/api/principals.h"
#include "core/api/replies.h"
#include "core/api/specificflowclient.h"
#include "ui/errorbanner.h"
#include "ui/launchform.h"
#include "ui/runeditdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

namespace {

// A run lost to a dropped connection is looked for among the runs started since a little before
// the click: client and server clocks differ.
constexpr qint64 LookBackSeconds = 120;

QString settingsKey(const QString &what, const QString &flowId)
{
    return u"launch/%1/%2"_s.arg(what, flowId);
}

} // namespace

LaunchDialog::LaunchDialog(Core::FlowsClient *client, const Core::Flow &flow, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_flow(flow)
    , m_tabs(new QTabWidget(this))
    , m_form(new LaunchForm(this))
    , m_raw(new QPlainTextEdit(this))
    , m_rawError(new QLabel(this))
    , m_label(new QLineEdit(this))
    , m_tags(new QLineEdit(this))
    , m_managers(new QPlainTextEdit(this))
    , m_monitors(new QPlainTextEdit(this))
    , m_presets(new QComboBox(this))
    , m_origin(new QLabel(this))
    , m_banner(new ErrorBanner(this))
    , m_status(new QLabel(this))
    , m_start(new QPushButton(tr("&Start run"), this))
    , m_rawDebounce(new QTimer(this))
{
    setWindowTitle(tr("Start “%1”").arg(flow.title));
    m_form->setSchema(flow.inputSchema);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_raw->setAccessibleName(tr("Input as JSON"));
    m_raw->setTabChangesFocus(false);
    m_rawError->setWordWrap(true);
    m_rawError->setStyleSheet(u"color: #c62828"_s);
    m_rawError->hide();
    auto *rawPage = new QWidget(this);
    auto *rawLayout = new QVBoxLayout(rawPage);
    rawLayout->setContentsMargins(0, 0, 0, 0);
    rawLayout->addWidget(m_raw, 1);
    rawLayout->addWidget(m_rawError);
    m_tabs->addTab(m_form, tr("&Form"));
    m_tabs->addTab(rawPage, tr("&JSON"));
    m_origin->setWordWrap(true);
    m_origin->setForegroundRole(QPalette::PlaceholderText);

    auto *presetBar = new QHBoxLayout;
    m_presets->setAccessibleName(tr("Input presets"));
    m_presets->setMinimumWidth(160);
    auto *savePresetButton = new QPushButton(tr("Save as preset…"), this);
    auto *defaults = new QPushButton(tr("Reset to defaults"), this);
    for (QPushButton *button : {savePresetButton, defaults})
        button->setAutoDefault(false);
    presetBar->addWidget(new QLabel(tr("Preset:"), this));
    presetBar->addWidget(m_presets);
    presetBar->addWidget(savePresetButton);
    presetBar->addStretch(1);
    presetBar->addWidget(defaults);

    m_start->setDefault(false);
    m_start->setAutoDefault(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_start, QDialogButtonBox::AcceptRole);
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(presetBar);
    layout->addWidget(m_origin);
    layout->addWidget(m_tabs, 3);
    layout->addWidget(buildOptions());
    layout->addWidget(m_banner);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(buttons);
    layout->addLayout(bottom);
    resize(720, 760);

    m_rawDebounce->setSingleShot(true);
    m_rawDebounce->setInterval(300);
    connect(m_form, &LaunchForm::documentChanged, this, &LaunchDialog::syncRawFromForm);
    connect(m_raw, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_syncing)
            m_rawDebounce->start();
    });
    connect(m_rawDebounce, &QTimer::timeout, this, &LaunchDialog::syncFormFromRaw);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_rawDebounce->isActive()) // leaving the JSON tab: take what was typed now
            syncFormFromRaw();
    });
    connect(m_start, &QPushButton::clicked, this, &LaunchDialog::start);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(savePresetButton, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save preset"), tr("Name of the preset:"),
                                                   QLineEdit::Normal, m_presets->currentText(), &ok);
        if (ok && !name.trimmed().isEmpty())
            savePreset(name.trimmed());
    });
    connect(m_presets, &QComboBox::activated, this, [this] { applyPreset(m_presets->currentData().toString()); });
    connect(defaults, &QPushButton::clicked, this, [this] {
        m_form->setSchema(m_flow.inputSchema);
        m_origin->setText(tr("Filled with the schema's defaults."));
        syncRawFromForm();
    });

    loadPresets();
    const QJsonObject last =
        QJsonDocument::fromJson(QSettings().value(settingsKey(u"last"_s, flow.id)).toByteArray()).object();
    if (!last.isEmpty())
        setInput(last, tr("Filled with the inputs of your last run of this flow."));
    else
        syncRawFromForm();
    m_label->setText(
        tr("%1 %2").arg(flow.title, QLocale().toString(QDateTime::currentDateTime(), u"yyyy-MM-dd HH:mm"_s)));
}

QWidget *LaunchDialog::buildOptions()
{
    auto *box = new QWidget(this);
    auto *form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    m_label->setAccessibleName(tr("Run label"));
    m_label->setMaxLength(64);
    m_tags->setAccessibleName(tr("Run tags"));
    m_tags->setPlaceholderText(tr("comma-separated"));
    form->addRow(tr("&Label:"), m_label);
    form->addRow(tr("&Tags:"), m_tags);
    auto *policy = new QHBoxLayout;
    const std::pair<const char *, QString> statuses[] = {
        {"INACTIVE", tr("needs attention")}, {"SUCCEEDED", tr("succeeds")}, {"FAILED", tr("fails")}};
    for (const auto &[status, text] : statuses) {
        auto *check = new QCheckBox(text, box);
        check->setObjectName(QString::fromLatin1(status));
        check->setChecked(qstrcmp(status, "INACTIVE") == 0); // the service's default
        check->setAccessibleName(tr("E-mail me when the run %1").arg(text));
        policy->addWidget(check);
        m_policy.append(check);
    }
    policy->addStretch(1);
    form->addRow(tr("E-mail me when it:"), policy);
    for (QPlainTextEdit *edit : {m_managers, m_monitors}) {
        edit->setTabChangesFocus(true);
        edit->setMaximumHeight(52);
        edit->setPlaceholderText(tr("one principal URN per line (optional)"));
    }
    m_managers->setAccessibleName(tr("Run managers"));
    m_monitors->setAccessibleName(tr("Run monitors"));
    form->addRow(tr("&Managers:"), m_managers);
    form->addRow(tr("M&onitors:"), m_monitors);
    return box;
}

QCheckBox *LaunchDialog::notifyOn(const QString &status) const
{
    return findChild<QCheckBox *>(status);
}

void LaunchDialog::setInput(const QJsonObject &input, const QString &origin)
{
    m_form->setDocument(input);
    m_origin->setText(origin);
    syncRawFromForm();
}

void LaunchDialog::setRunOptionsFrom(const Core::Run &run)
{
    m_tags->setText(run.tags.join(u", "_s));
    m_managers->setPlainText(run.runManagers().join(u'\n'));
    m_monitors->setPlainText(run.runMonitors().join(u'\n'));
    if (!run.label.isEmpty())
        m_label->setText(run.label + tr(" (again)"));
}

void LaunchDialog::syncRawFromForm()
{
    m_syncing = true;
    m_raw->setPlainText(QString::fromUtf8(QJsonDocument(m_form->document()).toJson(QJsonDocument::Indented)));
    m_syncing = false;
    m_rawError->hide();
}

// Text that is not (yet) a JSON object stays as typed: the form keeps the last good document and
// the error says where the text breaks.
void LaunchDialog::syncFormFromRaw()
{
    m_rawDebounce->stop();
    QJsonParseError error;
    const QByteArray text = m_raw->toPlainText().toUtf8();
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        const QByteArray before = text.left(error.offset);
        const int line = int(before.count('\n')) + 1;
        const int column = int(error.offset - (before.lastIndexOf('\n') + 1)) + 1;
        m_rawError->setText(error.error != QJsonParseError::NoError
                                ? tr("Line %1, column %2: %3").arg(line).arg(column).arg(error.errorString())
                                : tr("The input must be a JSON object ({…})."));
        m_rawError->show();
        return;
    }
    m_rawError->hide();
    m_form->setDocument(document.object());
}

QString LaunchDialog::rawError() const
{
    return m_rawError->isVisible() ? m_rawError->text() : QString();
}

QString LaunchDialog::optionsProblem() const
{
    return RunEditDialog::principalsProblem(m_managers, m_monitors);
}

void LaunchDialog::setBusy(bool busy, const QString &what)
{
    m_busy = busy;
    m_start->setEnabled(!busy);
    m_tabs->setEnabled(!busy); // what is sent is what was checked
    m_status->setText(what);
}

void LaunchDialog::reject()
{
    if (m_busy && m_started.runId.isEmpty()) {
        m_status->setText(tr("Waiting for the service's answer before closing…"));
        return;
    }
    QDialog::reject();
}

void LaunchDialog::start()
{
    if (m_busy || !m_started.runId.isEmpty() || !m_client)
        return; // a second click while the first is out, or after the run started, does nothing
    if (m_rawDebounce->isActive() || !m_rawError->isHidden())
        syncFormFromRaw();
    if (!m_rawError->isHidden()) {
        m_tabs->setCurrentIndex(1);
        m_banner->showError(tr("The JSON input is not valid: %1").arg(m_rawError->text()), false);
        return;
    }
    if (const QString why = optionsProblem(); !why.isEmpty()) {
        m_banner->showError(why, false);
        return;
    }
    if (!m_form->revealErrors().isEmpty()) {
        m_tabs->setCurrentIndex(0);
        m_form->focusFirstError();
        m_banner->showError(tr("Some inputs need attention before the run can start (marked in red)."), false);
        return;
    }
    m_banner->hide();
    validateThenRun();
}

static Core::RunFlowOptions runOptions(const QLineEdit *label, const QLineEdit *tags, const QList<QCheckBox *> &policy,
                                       const QPlainTextEdit *managers, const QPlainTextEdit *monitors)
{
    Core::RunFlowOptions options;
    if (!label->text().trimmed().isEmpty())
        options.label = label->text().trimmed();
    const QStringList tagList = RunEditDialog::splitTags(tags->text());
    if (!tagList.isEmpty())
        options.tags = tagList;
    Core::RunActivityNotificationPolicy notify;
    notify.status = QList<Core::RunActivityNotificationPolicy::Status>();
    for (QCheckBox *check : policy) {
        if (!check->isChecked())
            continue;
        const QString name = check->objectName();
        notify.status->append(name == "INACTIVE"_L1    ? Core::RunActivityNotificationPolicy::Status::Inactive
                              : name == "SUCCEEDED"_L1 ? Core::RunActivityNotificationPolicy::Status::Succeeded
                                                       : Core::RunActivityNotificationPolicy::Status::Failed);
    }
    options.activityNotificationPolicy = notify;
    if (!RunEditDialog::lines(managers).isEmpty())
        options.runManagers = RunEditDialog::lines(managers);
    if (!RunEditDialog::lines(monitors).isEmpty())
        options.runMonitors = RunEditDialog::lines(monitors);
    return options;
}

void LaunchDialog::validateThenRun()
{
    setBusy(true, tr("Checking the input with the service…"));
    auto *flow = m_client->specificFlowClient(m_flow.id, this);
    auto *reply = flow->validateRun(m_form->document(), runOptions(m_label, m_tags, m_policy, m_managers, m_monitors));
    reply->setParent(flow);
    connect(reply, &Core::ApiReply::finished, this, [this, reply, flow] {
        flow->deleteLater();
        const Core::ApiError error = reply->error();
        if (!error.isError()) {
            runFlow();
            return;
        }
        setBusy(false);
        if (error.requiresReauthentication()) {
            emit authorizationRequired(m_flow.id, error);
            failStart(tr("Starting this flow needs you to sign in or consent first: %1").arg(error.message()));
            return;
        }
        QList<FieldError> fields;
        for (const Core::ErrorDetail &detail : error.details)
            fields.append({LaunchForm::pathFromLoc(detail.loc), detail.msg});
        if (!fields.isEmpty()) {
            m_tabs->setCurrentIndex(0);
            m_form->setErrors(fields);
            m_form->focusFirstError();
        }
        failStart(tr("The service did not accept the input: %1").arg(error.toString()));
    });
}

void LaunchDialog::runFlow()
{
    setBusy(true, tr("Starting the run…"));
    m_clicked = QDateTime::currentDateTimeUtc();
    ++m_startRequests;
    const QJsonObject input = m_form->document();
    auto *reply = m_client->runFlow(m_flow.id, input, runOptions(m_label, m_tags, m_policy, m_managers, m_monitors));
    reply->setParent(this);
    connect(reply, &Core::ApiReply::finished, this, [this, reply, input] {
        reply->deleteLater();
        const Core::ApiError error = reply->error();
        if (!error.isError()) {
            QSettings().setValue(settingsKey(u"last"_s, m_flow.id),
                                 QJsonDocument(input).toJson(QJsonDocument::Compact));
            finishStart(reply->value());
        } else if (error.outcomeUnknown || error.kind == Core::ApiError::Kind::Network ||
                   error.kind == Core::ApiError::Kind::Timeout) {
            lookForStartedRun(error);
        } else {
            if (error.requiresReauthentication())
                emit authorizationRequired(m_flow.id, error);
            setBusy(false);
            failStart(tr("The run could not be started: %1").arg(error.toString()));
        }
    });
}

// The request may have reached the service although no answer came back: a run of this flow with
// this label started since just before the click is the one; only if there is none may the user
// safely start again.
void LaunchDialog::lookForStartedRun(const Core::ApiError &error)
{
    setBusy(true, tr("The connection failed; checking whether the run started…"));
    Core::ListRunsOptions options;
    options.filterFlowId = {m_flow.id};
    if (!m_label->text().trimmed().isEmpty())
        options.filterLabel = {m_label->text().trimmed()};
    options.filterStartTime = Core::TimeRange{m_clicked.addSecs(-LookBackSeconds), {}};
    options.filterRoles = {u"run_owner"_s};
    auto *reply = m_client->listRuns(options);
    reply->setParent(this);
    const QString label = m_label->text().trimmed();
    connect(reply, &Core::ApiReply::finished, this, [this, reply, error, label] {
        reply->deleteLater();
        // The service's label filter matches parts of labels: only this very label counts.
        for (const Core::Run &run : reply->value().items)
            if (run.label == label) {
                finishStart(run);
                return;
            }
        // A request the connection lost may still be on its way in: look again a few times.
        if (!reply->error().isError() && ++m_lookups < 4) {
            QTimer::singleShot(2000 * m_lookups, this, [this, error] { lookForStartedRun(error); });
            return;
        }
        m_lookups = 0;
        setBusy(false);
        failStart(reply->error().isError()
                      ? tr("The connection failed while starting the run (%1), and the service cannot be reached to "
                           "check whether it started. Look in Runs before starting again.")
                            .arg(error.toString())
                      : tr("The connection failed while starting the run (%1). No run with this label has "
                           "appeared since; it is most likely safe to start again.")
                            .arg(error.toString()));
    });
}

void LaunchDialog::finishStart(const Core::Run &run)
{
    m_started = run;
    setBusy(true, tr("Run started: %1").arg(run.runId));
    emit runStarted(run);
    accept();
}

void LaunchDialog::failStart(const QString &message)
{
    m_banner->showError(message, false);
}

void LaunchDialog::loadPresets()
{
    m_presets->clear();
    m_presets->addItem(tr("(none)"), QString());
    QSettings settings;
    settings.beginGroup(settingsKey(u"presets"_s, m_flow.id));
    for (const QString &name : settings.childKeys())
        m_presets->addItem(name, name);
}

void LaunchDialog::savePreset(const QString &name)
{
    QSettings().setValue(settingsKey(u"presets"_s, m_flow.id) + u'/' + name,
                         QJsonDocument(m_form->document()).toJson(QJsonDocument::Compact));
    loadPresets();
    m_presets->setCurrentIndex(m_presets->findData(name));
}

void LaunchDialog::applyPreset(const QString &name)
{
    if (name.isEmpty())
        return;
    const QByteArray json = QSettings().value(settingsKey(u"presets"_s, m_flow.id) + u'/' + name).toByteArray();
    setInput(QJsonDocument::fromJson(json).object(), tr("Filled with the preset “%1”.").arg(name));
}

} // namespace Flowdeck::Ui
