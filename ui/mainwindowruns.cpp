// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's part in starting and watching runs: the launcher, "start like this run", the
// Runs menu and desktop notifications for watched runs.
#include "core/api/flowsclient.h"
#include "core/api/replies.h"
#include "core/models/flowsmodel.h"
#include "core/models/runsmodel.h"
#include "core/models/runwatcher.h"
#include "ui/launchdialog.h"
#include "ui/mainwindow.h"
#include "ui/rundetailview.h"
#include "ui/runsview.h"

#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

void MainWindow::setRunWatcher(Core::RunWatcher *watcher)
{
    m_watcher = watcher;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(tr("Flowdeck"));
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            showView(1);
            raise();
            activateWindow();
        });
    }
    m_tray->setVisible(QSystemTrayIcon::isSystemTrayAvailable());
    connect(m_runs, &RunsView::runsChanged, watcher, &Core::RunWatcher::observe, Qt::UniqueConnection);
    connect(watcher, &Core::RunWatcher::transition, this, &MainWindow::notifyTransition, Qt::UniqueConnection);
    for (QAction *action : menuBar()->findChildren<QAction *>(u"notifyEvent"_s))
        action->setChecked(watcher->events().testFlag(Core::RunWatcher::Event(action->data().toInt())));
}

void MainWindow::notifyTransition(const Core::Run &run, Core::RunStatus)
{
    const QString name = run.label.isEmpty() ? run.runId : run.label;
    QString title;
    QString text;
    switch (run.status) {
    case Core::RunStatus::Succeeded:
        title = tr("Run succeeded");
        text = tr("“%1” of %2 succeeded.").arg(name, run.flowTitle);
        break;
    case Core::RunStatus::Inactive:
        title = tr("Run needs attention");
        text =
            tr("“%1” of %2 is waiting: %3").arg(name, run.flowTitle, run.details().value("description"_L1).toString());
        break;
    default:
        title = tr("Run failed");
        text = tr("“%1” of %2 ended as %3: %4")
                   .arg(name, run.flowTitle, run.statusText, run.details().value("description"_L1).toString());
        break;
    }
    m_lastNotification = title + u": "_s + text;
    statusBar()->showMessage(m_lastNotification, 15'000);
    const QSystemTrayIcon::MessageIcon icon =
        run.status == Core::RunStatus::Succeeded ? QSystemTrayIcon::Information : QSystemTrayIcon::Warning;
    if (m_tray && m_tray->isVisible())
        m_tray->showMessage(title, text, icon, 10'000);
}

void MainWindow::createRunsMenu()
{
    QMenu *runs = menuBar()->addMenu(tr("&Runs"));
    QAction *watch = runs->addAction(tr("&Watch the selected run"));
    watch->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    connect(watch, &QAction::triggered, this, [this] {
        const Core::Run &run = m_runs->detail()->run();
        if (!m_watcher || run.runId.isEmpty())
            return;
        if (m_watcher->isWatched(run.runId)) {
            m_watcher->unwatch(run.runId);
            statusBar()->showMessage(tr("No longer watching “%1”.").arg(run.label), 5000);
        } else {
            m_watcher->watch(run);
            statusBar()->showMessage(tr("Watching “%1”: you will be told when it ends or needs you.").arg(run.label),
                                     5000);
        }
    });
    QMenu *notifyMenu = runs->addMenu(tr("&Notify me when a watched run"));
    const std::pair<Core::RunWatcher::Event, QString> choices[] = {
        {Core::RunWatcher::OnSucceeded, tr("succeeds")},
        {Core::RunWatcher::OnFailed, tr("fails")},
        {Core::RunWatcher::OnInactive, tr("needs attention")}};
    for (const auto &[event, text] : choices) {
        QAction *action = notifyMenu->addAction(text);
        action->setObjectName(u"notifyEvent"_s);
        action->setCheckable(true);
        action->setChecked(true);
        action->setData(int(event));
        connect(action, &QAction::toggled, this, [this, event = event](bool on) {
            if (!m_watcher)
                return;
            Core::RunWatcher::Events events = m_watcher->events();
            events.setFlag(event, on);
            m_watcher->setEvents(events);
        });
    }
    runs->addSeparator();
    runs->addAction(tr("&Cancel selected runs…"), m_runs, &RunsView::cancelSelected);
    runs->addAction(tr("&Release selected runs"), m_runs, &RunsView::releaseSelected);
    runs->addAction(tr("Edit &tags of selected runs…"), m_runs, &RunsView::tagSelected);
}

LaunchDialog *MainWindow::startRun(const Core::Flow &flow, const QJsonObject &input, const Core::Run *like)
{
    if (!m_client)
        return nullptr;
    if (flow.inputSchema.isEmpty() && flow.definition.isEmpty()) {
        // Lists leave out what high-assurance flows hide: the flow itself has it.
        auto *reply = m_client->getFlow(flow.id);
        reply->setParent(this);
        const std::optional<Core::Run> likeRun = like ? std::optional<Core::Run>(*like) : std::nullopt;
        connect(reply, &Core::ApiReply::finished, this, [this, reply, input, likeRun] {
            reply->deleteLater();
            if (reply->error().isError())
                statusBar()->showMessage(tr("The flow could not be loaded: %1").arg(reply->error().toString()), 10'000);
            else if (!reply->value().definition.isEmpty() || !reply->value().inputSchema.isEmpty())
                startRun(reply->value(), input, likeRun ? &*likeRun : nullptr);
        });
        return nullptr;
    }
    auto *dialog = new LaunchDialog(m_client, flow, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (like) {
        dialog->setInput(
            input, tr("Filled with the input of run “%1”.").arg(like->label.isEmpty() ? like->runId : like->label));
        dialog->setRunOptionsFrom(*like);
    }
    connect(dialog, &LaunchDialog::authorizationRequired, this, &MainWindow::authorizationRequired);
    connect(dialog, &LaunchDialog::runStarted, this, [this](const Core::Run &run) {
        if (m_watcher)
            m_watcher->watch(run);
        showView(1);
        m_runs->showRun(run);
        statusBar()->showMessage(tr("Run “%1” started; you will be told when it ends.").arg(run.label), 8000);
    });
    dialog->open();
    return dialog;
}

void MainWindow::startLike(const Core::Run &run, const QJsonObject &input)
{
    Core::Flow flow;
    flow.id = run.flowId;
    flow.title = run.flowTitle;
    startRun(flow, input, &run); // fetched: the run's flow may not be in the browser's list
}

void MainWindow::updateFlowChoices()
{
    QList<std::pair<QString, QString>> choices;
    for (int row = 0; row < m_flowsModel->rowCount(); ++row)
        choices.append({m_flowsModel->flowAt(row).id, m_flowsModel->flowAt(row).title});
    m_runs->setFlowChoices(choices);
}

} // namespace Flowdeck::Ui
