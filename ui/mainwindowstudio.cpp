// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's side of the definition studio: its menu, and opening flows and run definitions in it.
#include "core/api/flowsclient.h"
#include "ui/definitionstudio.h"
#include "ui/flowbrowser.h"
#include "ui/mainwindow.h"
#include "ui/rundetailview.h"
#include "ui/runsview.h"

#include <QMenuBar>
#include <QStatusBar>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

void MainWindow::createStudioMenu()
{
    QMenu *menu = m_studio->menu();
    menuBar()->addMenu(menu);
    // New and Open work from anywhere in the window and bring the studio forward; the others act on
    // the studio's current document and only while the studio has the focus.
    for (QAction *action : menu->actions()) {
        if (action->shortcut() == QKeySequence(QKeySequence::New) ||
            action->shortcut() == QKeySequence(QKeySequence::Open)) {
            action->setShortcutContext(Qt::WindowShortcut);
            connect(action, &QAction::triggered, this, [this] { showView(2); });
        }
    }
    connect(m_studio, &DefinitionStudio::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_studio, &DefinitionStudio::flowDeployed, this, [this](const Core::Flow &) { m_flows->refresh(); });
    connect(m_runs->detail(), &RunDetailView::openDefinitionRequested, this,
            [this](const QString &runId, const QJsonObject &definition, const QString &title) {
                m_studio->openRunDefinition(runId, definition, title);
                showView(2);
            });
}

void MainWindow::openInStudio(const Core::Flow &flow)
{
    if (!flow.definition.isEmpty()) {
        m_studio->openFlow(flow);
        showView(2);
        return;
    }
    if (!m_client)
        return;
    auto *reply = m_client->getFlow(flow.id); // lists can leave the definition out
    reply->setParent(this);
    connect(reply, &Core::ApiReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (reply->error().isError())
            return statusBar()->showMessage(tr("The flow could not be loaded: %1").arg(reply->error().toString()),
                                            10'000);
        m_studio->openFlow(reply->value());
        showView(2);
    });
}

} // namespace Flowdeck::Ui
