// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/rundetailview.h"

#include "core/api/flowsclient.h"
#include "core/api/replies.h"
#include "core/api/specificflowclient.h"
#include "core/models/atomicfile.h"
#include "core/models/runlogmodel.h"
#include "core/models/runsmodel.h"
#include "ui/errorbanner.h"
#include "ui/flowgraphview.h"
#include "ui/runeditdialog.h"
#include "ui/runlogview.h"
#include "ui/statusbadge.h"
#include "ui/timelineview.h"

#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSlider>
#include <QTabWidget>
#include <QTextDocumentFragment>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

namespace {

constexpr int TailIntervalMs = 2000;

QString pretty(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented));
    return value.isUndefined()
               ? QString()
               : QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1));
}

StateRunStatus graphStatus(Core::StateProgress progress)
{
    switch (progress) {
    case Core::StateProgress::Running:
        return StateRunStatus::Running;
    case Core::StateProgress::Succeeded:
        return StateRunStatus::Succeeded;
    case Core::StateProgress::Caught:
        return StateRunStatus::Caught;
    case Core::StateProgress::Failed:
    case Core::StateProgress::Canceled:
        return StateRunStatus::Failed;
    default:
        return StateRunStatus::NotRun;
    }
}

QString when(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : QString();
}

} // namespace

RunDetailView::RunDetailView(QWidget *parent)
    : QWidget(parent)
    , m_log(new Core::RunLogModel(this))
    , m_title(new QLabel(this))
    , m_header(new QLabel(this))
    , m_banner(new ErrorBanner(this))
    , m_tabs(new QTabWidget(this))
    , m_graph(new FlowGraphView(this))
    , m_replay(new QSlider(Qt::Horizontal, this))
    , m_replayLabel(new QLabel(this))
    , m_timeline(new TimelineView(this))
    , m_logView(new RunLogView(m_log, this))
    , m_data(new QPlainTextEdit(this))
    , m_tail(new QTimer(this))
    , m_refresh(new QTimer(this))
{
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::RichText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setAccessibleName(tr("Run status"));

    auto *actions = new QHBoxLayout;
    actions->setContentsMargins(0, 0, 0, 0);
    const std::pair<const char *, QString> buttons[] = {
        {"cancel", tr("&Cancel run…")},   {"release", tr("Re&lease")},       {"resume", tr("Res&ume")},
        {"edit", tr("&Label and tags…")}, {"like", tr("Start &like this…")}, {"studio", tr("Open in S&tudio")},
        {"export", tr("E&xport…")}};
    for (const auto &[name, text] : buttons) {
        auto *button = new QPushButton(text, this);
        button->setObjectName(QString::fromLatin1(name));
        button->setAutoDefault(false);
        actions->addWidget(button);
        m_actions.append(button);
    }
    actions->addStretch(1);
    connect(actionButton(u"cancel"_s), &QPushButton::clicked, this, &RunDetailView::cancelRun);
    connect(actionButton(u"release"_s), &QPushButton::clicked, this, &RunDetailView::releaseRun);
    connect(actionButton(u"resume"_s), &QPushButton::clicked, this, &RunDetailView::resumeRun);
    connect(actionButton(u"edit"_s), &QPushButton::clicked, this, &RunDetailView::editRun);
    connect(actionButton(u"like"_s), &QPushButton::clicked, this,
            [this] { emit startLikeRequested(m_run, runInput()); });
    connect(actionButton(u"studio"_s), &QPushButton::clicked, this, [this] {
        emit openDefinitionRequested(m_run.runId, m_definition, m_run.label.isEmpty() ? m_run.runId : m_run.label);
    });
    connect(actionButton(u"export"_s), &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export run"), u"run-%1.json"_s.arg(m_run.runId.left(8)), tr("JSON files (*.json)"));
        if (!path.isEmpty() && !exportBundle(path))
            m_banner->showError(tr("The run could not be exported to %1").arg(path), false);
    });

    // Graph tab: the graph, and a slider that replays the log up to an entry.
    auto *graphPage = new QWidget(this);
    auto *graphLayout = new QVBoxLayout(graphPage);
    graphLayout->setContentsMargins(0, 0, 0, 0);
    graphLayout->addWidget(m_graph, 1);
    auto *replayBar = new QHBoxLayout;
    replayBar->setContentsMargins(6, 0, 6, 4);
    replayBar->addWidget(new QLabel(tr("Replay:"), this));
    replayBar->addWidget(m_replay, 1);
    replayBar->addWidget(m_replayLabel);
    graphLayout->addLayout(replayBar);
    m_replay->setAccessibleName(tr("Replay the run along its log"));
    m_replay->setRange(0, 0);
    m_data->setReadOnly(true);
    m_data->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_data->setAccessibleName(tr("Run input and output"));
    m_tabs->addTab(graphPage, tr("&Graph"));
    m_tabs->addTab(m_timeline, tr("&Timeline"));
    m_tabs->addTab(m_logView, tr("L&og"));
    m_tabs->addTab(m_data, tr("&Input and output"));
    m_timeline->setModel(m_log);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(m_title);
    layout->addWidget(m_header);
    layout->addLayout(actions);
    layout->addWidget(m_banner);
    layout->addWidget(m_tabs, 1);

    m_tail->setInterval(TailIntervalMs);
    connect(m_tail, &QTimer::timeout, this, [this] {
        m_log->tail();
        m_timeline->setNow(QDateTime::currentMSecsSinceEpoch());
    });
    // Pages of a long log arrive back to back: the graph and the data follow once per event-loop turn.
    m_refresh->setSingleShot(true);
    m_refresh->setInterval(0);
    connect(m_refresh, &QTimer::timeout, this, &RunDetailView::onEntriesAppended);
    connect(m_log, &Core::RunLogModel::entriesAppended, m_refresh, qOverload<>(&QTimer::start));
    connect(m_log, &Core::RunLogModel::loadingChanged, this, [this](bool loading) {
        if (!loading)
            updateActions();
    });
    connect(m_log, &Core::RunLogModel::errorOccurred, this, [this](const Core::ApiError &error) {
        if (error.httpStatus == 404 || error.httpStatus == 410)
            m_banner->showError(tr("The service no longer has this run's log (logs expire some time after a run "
                                   "ends). The run document above is all that is left."),
                                false);
        else
            m_banner->showError(tr("The log could not be loaded: %1").arg(error.toString()));
    });
    connect(m_banner, &ErrorBanner::retryRequested, this, [this] {
        m_banner->hide();
        if (m_log->rowCount() == 0)
            m_log->setRun(m_run.runId);
        else
            m_log->tail(); // also retries a page that failed half-way
        if (m_definition.isEmpty())
            loadDefinition();
    });
    connect(m_replay, &QSlider::valueChanged, this, &RunDetailView::replayTo);
    connect(m_timeline, &TimelineView::spanActivated, this, [this](int row) {
        m_tabs->setCurrentWidget(m_logView);
        m_logView->selectLogRow(row);
    });
    connect(m_graph, &FlowGraphView::stateSelected, this, [this](const QString &state) {
        m_logView->selectState(state);
        showData();
    });
    connect(m_logView, &RunLogView::entrySelected, this, [this](int row) {
        m_graph->selectState(m_log->entryAt(row).state);
        showData();
    });
    clear();
}

// The log is tailed only while someone can see it; on coming back it catches up at once.
void RunDetailView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_run.runId.isEmpty() && !Core::isTerminal(m_run.status) && !m_tail->isActive()) {
        m_tail->start();
        m_log->tail();
    }
}

void RunDetailView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_tail->stop();
}

QPushButton *RunDetailView::actionButton(const QString &name) const
{
    for (QPushButton *button : m_actions)
        if (button->objectName() == name)
            return button;
    return nullptr;
}

void RunDetailView::setClient(Core::FlowsClient *client)
{
    m_client = client;
    m_log->setClient(client);
    clear();
}

void RunDetailView::clear()
{
    ++m_generation;
    m_acting = false; // an answer for the previous run no longer holds the buttons
    m_tail->stop();
    m_run = {};
    m_definition = {};
    m_inputSchema = {};
    m_log->setRun({});
    m_graph->clear();
    m_shownProgress.clear();
    m_shownCurrent.clear();
    m_replay->setRange(0, 0); // the next run opens live, not at this one's replay point
    m_replayLabel->clear();
    m_banner->hide();
    m_title->setText(tr("No run selected"));
    m_header->setText(tr("Select a run to see its graph, timeline and log."));
    m_data->clear();
    updateActions();
}

void RunDetailView::setRun(const Core::Run &run)
{
    if (run.runId == m_run.runId) {
        updateRun(run);
        return;
    }
    clear();
    m_run = run;
    showHeader();
    updateActions();
    m_log->setRun(run.runId);
    loadDefinition();
    if (!Core::isTerminal(run.status))
        m_tail->start();
}

void RunDetailView::updateRun(const Core::Run &run)
{
    if (run.runId != m_run.runId || run == m_run)
        return;
    const bool wasOpen = !Core::isTerminal(m_run.status);
    m_run = run;
    showHeader();
    updateActions();
    if (wasOpen)
        m_log->tail(); // the last entries of a run that just ended
    if (Core::isTerminal(run.status))
        m_tail->stop();
    else if (!m_tail->isActive())
        m_tail->start();
}

void RunDetailView::loadDefinition()
{
    if (!m_client)
        return;
    auto *reply = m_client->getRunDefinition(m_run.runId);
    reply->setParent(this);
    const quint64 generation = m_generation;
    connect(reply, &Core::ApiReply::finished, this, [this, reply, generation] {
        reply->deleteLater();
        if (generation != m_generation)
            return;
        if (reply->error().isError()) {
            const QString text =
                tr("The flow definition of this run could not be loaded: %1").arg(reply->error().toString());
            // The log's problem, if it had one, stays in view: both are said.
            m_banner->showError(m_banner->isVisible() ? m_banner->message() + u'\n' + text : text);
            return;
        }
        m_definition = reply->value().definition;
        m_inputSchema = reply->value().inputSchema;
        m_graph->setDefinition(m_definition);
        replayTo(m_replay->value());
        updateActions();
    });
}

QString RunDetailView::inactiveAdvice() const
{
    const QJsonObject details = m_run.details();
    const QString code = details.value("code"_L1).toString();
    if (!m_run.blockingWebInputId().isEmpty() || code == "WebInputRequired"_L1)
        return tr("It waits for an answer to a web input; once it is answered, the run goes on.");
    if (code.contains("Consent"_L1) || details.contains("required_scope"_L1))
        return tr("It needs your consent for a scope; Resume signs you in to give it.");
    return tr("An action is waiting for you or for an administrator; when the cause is dealt with, Resume "
              "continues the run.");
}

void RunDetailView::showHeader()
{
    m_title->setText(m_run.label.isEmpty() ? tr("Run %1").arg(m_run.runId) : m_run.label);
    const QString status = m_run.displayStatus.isEmpty() ? m_run.statusText : m_run.displayStatus;
    const QString colour = statusColor(m_run.statusText, palette()).name();
    QStringList lines;
    lines << tr("<b style='color:%1'>%2</b> &nbsp; of flow <b>%3</b> &nbsp; <span style='color:gray'>%4</span>")
                 .arg(colour, status.toHtmlEscaped(), m_run.flowTitle.toHtmlEscaped(), m_run.runId);
    QString times = tr("Started %1").arg(when(m_run.startTime));
    if (m_run.completionTime.isValid())
        times +=
            tr(", finished %1 after %2")
                .arg(when(m_run.completionTime), Core::RunsModel::duration(m_run, QDateTime::currentDateTimeUtc()));
    times += tr(" · owner %1").arg(m_run.runOwner.toHtmlEscaped());
    if (!m_run.tags.isEmpty())
        times += tr(" · tags: %1").arg(m_run.tags.join(u", "_s).toHtmlEscaped());
    lines << times;
    const QString description = m_run.details().value("description"_L1).toString();
    if (!description.isEmpty())
        lines << description.toHtmlEscaped();
    if (m_run.status == Core::RunStatus::Inactive)
        lines << u"<i>"_s + inactiveAdvice().toHtmlEscaped() + u"</i>"_s;
    m_header->setText(lines.join(u"<br>"_s));
}

void RunDetailView::updateActions()
{
    if (m_acting)
        return;
    const bool have = !m_run.runId.isEmpty();
    const bool open = have && !Core::isTerminal(m_run.status);
    actionButton(u"cancel"_s)->setEnabled(open);
    actionButton(u"release"_s)->setEnabled(have && Core::isTerminal(m_run.status));
    actionButton(u"resume"_s)->setEnabled(have && m_run.status == Core::RunStatus::Inactive);
    actionButton(u"edit"_s)->setEnabled(have);
    // Only once the run's input is known (its first log entry, or the run document): an empty form
    // that claims to be "like this run" would mislead.
    actionButton(u"like"_s)->setEnabled(have && (m_log->isComplete() || !runInput().isEmpty()));
    actionButton(u"export"_s)->setEnabled(have);
    actionButton(u"studio"_s)->setEnabled(have && !m_definition.isEmpty());
}

void RunDetailView::onEntriesAppended()
{
    updateActions();
    const int last = m_log->rowCount() - 1;
    const bool atEnd = m_replay->value() >= m_replay->maximum();
    m_replay->setRange(0, std::max(0, last));
    if (atEnd)
        m_replay->setValue(m_replay->maximum());
    replayTo(m_replay->value());
    m_timeline->setNow(m_run.completionTime.isValid() ? m_run.completionTime.toMSecsSinceEpoch()
                                                      : QDateTime::currentMSecsSinceEpoch());
    if (m_data->toPlainText().isEmpty() || Core::isTerminal(m_run.status))
        showData();
}

void RunDetailView::replayTo(int row)
{
    if (m_log->rowCount() == 0)
        return;
    const bool live = row >= m_log->rowCount() - 1;
    m_shownProgress = m_log->stateProgress(live ? -1 : row);
    m_shownCurrent = live ? m_log->currentState() : m_log->entryAt(row).state;
    QHash<QString, StateRunStatus> statuses;
    for (auto it = m_shownProgress.cbegin(); it != m_shownProgress.cend(); ++it)
        statuses.insert(it.key(), graphStatus(it.value()));
    m_graph->setStateStatus(statuses);
    m_graph->setCurrentState(m_shownCurrent);
    m_replayLabel->setText(live ? tr("live") : tr("entry %1 of %2").arg(row + 1).arg(m_log->rowCount()));
}

QJsonObject RunDetailView::runInput() const
{
    for (int row = 0; row < std::min(m_log->rowCount(), 5); ++row)
        if (m_log->entryAt(row).code == "FlowStarted"_L1)
            return m_log->detailsAt(row).value("input"_L1).toObject();
    return m_run.details().value("details"_L1)[u"input"_s].toObject();
}

QJsonObject RunDetailView::runOutput() const
{
    for (int row = m_log->rowCount() - 1; row >= std::max(0, m_log->rowCount() - 5); --row)
        if (m_log->entryAt(row).code == "FlowSucceeded"_L1)
            return m_log->detailsAt(row).value("output"_L1).toObject();
    return m_run.status == Core::RunStatus::Succeeded ? m_run.details().value("output"_L1).toObject() : QJsonObject();
}

void RunDetailView::showData()
{
    QString text = tr("Run input:\n%1\n").arg(pretty(runInput()));
    if (m_run.status == Core::RunStatus::Succeeded)
        text += tr("\nFinal output:\n%1\n").arg(pretty(runOutput()));
    const QString state = m_graph->selectedState();
    if (!state.isEmpty()) {
        for (int row = m_log->rowCount() - 1; row >= 0; --row) {
            const Core::RunLogModel::Entry &entry = m_log->entryAt(row);
            if (entry.state != state)
                continue;
            const QJsonObject details = m_log->detailsAt(row);
            if (details.contains("output"_L1))
                text += tr("\nOutput of %1:\n%2\n").arg(state, pretty(details.value("output"_L1)));
            if (details.contains("input"_L1)) {
                text += tr("\nInput of %1:\n%2\n").arg(state, pretty(details.value("input"_L1)));
                break;
            }
        }
    }
    m_data->setPlainText(text);
}

QString RunDetailView::headerText() const
{
    return m_title->text() + u'\n' + QTextDocumentFragment::fromHtml(m_header->text()).toPlainText();
}

QString RunDetailView::dataText() const
{
    return m_data->toPlainText();
}

QString RunDetailView::detailsText() const
{
    if (m_run.runId.isEmpty())
        return {};
    return headerText() + u'\n' + m_run.runId + u'\n' +
           QString::fromUtf8(QJsonDocument(m_run.details()).toJson(QJsonDocument::Indented));
}

void RunDetailView::act(Core::ApiReply *reply, const QString &what)
{
    reply->setParent(this);
    const quint64 generation = m_generation;
    m_acting = true; // one action at a time, whatever else updates the buttons meanwhile
    for (QPushButton *button : std::as_const(m_actions))
        button->setEnabled(false);
    connect(reply, &Core::ApiReply::finished, this, [this, reply, what, generation] {
        reply->deleteLater();
        m_acting = false;
        if (generation != m_generation)
            return;
        updateActions();
        if (reply->error().isError()) {
            if (reply->error().requiresReauthentication()) {
                m_banner->showError(tr("%1 needs you to sign in or consent first; when you have, try again.").arg(what),
                                    false);
                emit authorizationRequired(m_run.flowId, reply->error());
                return;
            }
            m_banner->showError(tr("%1 failed: %2").arg(what, reply->error().toString()), false);
            return;
        }
        m_banner->hide();
        const Core::Run fresh = static_cast<Core::RunReply *>(reply)->value();
        updateRun(fresh);
        emit runChanged(fresh);
    });
}

void RunDetailView::cancelRun()
{
    if (!m_client || m_run.runId.isEmpty())
        return;
    if (m_confirm &&
        QMessageBox::question(
            this, tr("Cancel run"),
            tr("Cancel “%1”? Its current action is asked to stop; this cannot be undone.").arg(m_title->text()),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes)
        return;
    act(m_client->cancelRun(m_run.runId), tr("Cancelling the run"));
}

void RunDetailView::releaseRun()
{
    if (!m_client || m_run.runId.isEmpty())
        return;
    const QString runId = m_run.runId;
    auto *reply = m_client->releaseRun(runId);
    act(reply, tr("Releasing the run"));
    connect(reply, &Core::ApiReply::finished, this, [this, reply, runId] {
        if (!reply->error().isError())
            emit releasedRun(runId);
    });
}

void RunDetailView::resumeRun()
{
    if (!m_client || m_run.runId.isEmpty())
        return;
    auto *flow = m_client->specificFlowClient(m_run.flowId, this);
    Core::ApiReply *reply = flow->resumeRun(m_run.runId);
    connect(reply, &Core::ApiReply::finished, flow, &QObject::deleteLater);
    act(reply, tr("Resuming the run"));
    m_tail->start();
}

void RunDetailView::editRun()
{
    if (!m_client || m_run.runId.isEmpty())
        return;
    RunEditDialog dialog(m_run, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    act(m_client->updateRun(m_run.runId, dialog.options()), tr("Updating the run"));
}

bool RunDetailView::exportBundle(const QString &path)
{
    QJsonArray log;
    for (int row = 0; row < m_log->rowCount(); ++row) {
        const Core::RunLogModel::Entry &entry = m_log->entryAt(row);
        log.append(
            QJsonObject{{u"time"_s, QDateTime::fromMSecsSinceEpoch(entry.time).toUTC().toString(Qt::ISODateWithMs)},
                        {u"code"_s, entry.code},
                        {u"description"_s, entry.description},
                        {u"details"_s, m_log->detailsAt(row)}});
    }
    const QJsonObject bundle{{u"run"_s, m_run.raw()},
                             {u"definition"_s, m_definition},
                             {u"input_schema"_s, m_inputSchema},
                             {u"input"_s, runInput()},
                             {u"log"_s, log},
                             {u"log_complete"_s, m_log->isComplete()}};
    return Core::writeFileAtomically(path, QJsonDocument(bundle).toJson(QJsonDocument::Indented)).isEmpty();
}

} // namespace Flowdeck::Ui
