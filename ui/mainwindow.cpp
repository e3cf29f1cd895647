// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow.h"

#include "core/api/environment.h"
#include "core/api/flowsclient.h"
#include "core/models/flowsmodel.h"
#include "core/models/runsmodel.h"
#include "ui/definitionstudio.h"
#include "ui/flowbrowser.h"
#include "ui/runsview.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

MainWindow::MainWindow(Core::FlowsModel *flows, Core::RunsModel *runs, QWidget *parent)
    : QMainWindow(parent)
    , m_flowsModel(flows)
    , m_flows(new FlowBrowser(flows, this))
    , m_runs(new RunsView(runs ? runs : new Core::RunsModel(this), this))
    , m_studio(new DefinitionStudio(this))
    , m_navigation(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_serviceLabel(new QLabel(this))
    , m_profiles(new QActionGroup(this))
    , m_securityLabel(new QLabel(this))
    , m_identityLabel(new QLabel(this))
{
    setWindowTitle(tr("Flowdeck"));
    setObjectName(u"mainWindow"_s);
    setWindowIcon(QIcon(u":/icons/flowdeck.svg"_s));
    m_navigation->setAccessibleName(tr("Views"));
    m_navigation->addItem(tr("Flows"));
    m_navigation->addItem(tr("Runs"));
    m_navigation->addItem(tr("Studio"));
    m_navigation->setFixedWidth(m_navigation->fontMetrics().horizontalAdvance(u"MMMMMMMMM"_s));
    m_pages->addWidget(m_flows);
    m_pages->addWidget(m_runs);
    m_pages->addWidget(m_studio);
    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_navigation->setCurrentRow(0);
    m_serviceLabel->setAccessibleName(tr("Service"));
    m_securityLabel->setAccessibleName(tr("Security warning"));
    m_securityLabel->hide();
    statusBar()->addPermanentWidget(m_securityLabel);
    m_identityLabel->setAccessibleName(tr("Signed-in identity"));
    statusBar()->addPermanentWidget(m_identityLabel);
    statusBar()->addPermanentWidget(m_serviceLabel);
    connect(m_flows, &FlowBrowser::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 5000); });
    connect(m_flows, &FlowBrowser::startRunRequested, this, [this](const Core::Flow &flow) { startRun(flow); });
    connect(m_runs, &RunsView::startLikeRequested, this, &MainWindow::startLike);
    connect(m_runs, &RunsView::authorizationRequired, this, &MainWindow::authorizationRequired);
    connect(flows, &Core::PagedModel::pageLoaded, this, &MainWindow::updateFlowChoices);
    connect(flows, &QAbstractItemModel::modelReset, this, &MainWindow::updateFlowChoices);
    createMenus();
    resize(1280, 760);
    restoreLayout();
}

MainWindow::~MainWindow() = default;

void MainWindow::setClient(Core::FlowsClient *client)
{
    m_client = client;
    m_flows->setClient(client);
    m_runs->setClient(client);
    m_studio->setClient(client);
}

void MainWindow::showView(int index)
{
    m_navigation->setCurrentRow(index);
}

void MainWindow::setServiceDescription(const QString &description)
{
    m_serviceLabel->setText(description);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Deploy a definition file…"), m_flows, [this] { m_flows->createFromFile(); });
    QAction *refresh = file->addAction(tr("&Refresh"), this, [this] {
        if (m_pages->currentWidget() == m_runs)
            m_runs->refresh();
        else
            m_flows->refresh();
    });
    refresh->setShortcuts(QKeySequence::Refresh);
    file->addSeparator();
    createProfileMenu(file);
    m_signIn = file->addAction(tr("&Sign in to Globus…"), this, &MainWindow::signInRequested);
    m_signOut = file->addAction(tr("Sign &out"), this, &MainWindow::signOutRequested);
    setSignInState(false, false);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    // Some platforms (and the offscreen one) bind nothing to the standard Quit key; Ctrl+Q is expected.
    const QList<QKeySequence> quitKeys = QKeySequence::keyBindings(QKeySequence::Quit);
    quit->setShortcuts(quitKeys.isEmpty() ? QList<QKeySequence>{QKeySequence(Qt::CTRL | Qt::Key_Q)} : quitKeys);

    QMenu *flow = menuBar()->addMenu(tr("F&low"));
    // Find and F2 belong to the browser: the studio's editor and graph use the same keys.
    for (QAction *action : {flow->addAction(tr("&Find…"), QKeySequence::Find, m_flows, &FlowBrowser::focusSearch),
                            flow->addAction(tr("&Edit details and roles…"), QKeySequence(Qt::Key_F2), m_flows,
                                            &FlowBrowser::editCurrent)}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_flows->addAction(action);
    }
    flow->addAction(tr("&Open in Studio"), QKeySequence(Qt::CTRL | Qt::Key_E), this, [this] {
        if (const Core::Flow *current = m_flows->currentFlow())
            openInStudio(*current);
    });
    QAction *remove = flow->addAction(tr("&Delete…"), m_flows, &FlowBrowser::deleteCurrent);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetWithChildrenShortcut); // Delete in the search box edits text
    m_flows->view()->addAction(remove);
    flow->addSeparator();
    flow->addAction(tr("Copy &id"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), m_flows,
                    &FlowBrowser::copyCurrentId);
    flow->addAction(tr("Copy &scope"), m_flows, &FlowBrowser::copyCurrentScope);

    flow->addSeparator();
    flow->addAction(tr("&Start run…"), QKeySequence(Qt::CTRL | Qt::Key_R), m_flows, &FlowBrowser::startCurrent);
    createRunsMenu();
    createStudioMenu();

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Flows"), QKeySequence(Qt::CTRL | Qt::Key_1), this, [this] { showView(0); });
    view->addAction(tr("&Runs"), QKeySequence(Qt::CTRL | Qt::Key_2), this, [this] { showView(1); });
    view->addAction(tr("&Studio"), QKeySequence(Qt::CTRL | Qt::Key_3), this, [this] { showView(2); });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Flowdeck"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::createProfileMenu(QMenu *file)
{
    QMenu *menu = file->addMenu(tr("&Profile"));
    auto add = [this, menu](const QString &text, const QString &id) {
        QAction *action = menu->addAction(text);
        action->setCheckable(true);
        action->setData(id);
        m_profiles->addAction(action);
        connect(action, &QAction::triggered, this, [this, id] { emit profileRequested(id); });
        return action;
    };
    add(tr("&Local (embedded service)"), u"local"_s)->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_L));
    menu->addSeparator();
    for (const QString &environment : Core::Environment::names())
        add(environment == "production"_L1 ? tr("&Globus") : tr("Globus %1").arg(environment),
            u"globus:"_s + environment);
    menu->addSeparator();
    QAction *custom = menu->addAction(tr("&Custom service URL…"));
    connect(custom, &QAction::triggered, this, &MainWindow::askForCustomUrl);
}

void MainWindow::askForCustomUrl()
{
    bool ok = false;
    const QString url = QInputDialog::getText(this, tr("Custom Flows service"),
                                              tr("Base URL of the service (https://, or http:// on this computer):"),
                                              QLineEdit::Normal, u"https://"_s, &ok);
    if (!ok)
        return;
    QString why;
    if (!Core::Environment::isAcceptableBaseUrl(QUrl(url.trimmed()), &why)) {
        QMessageBox::warning(this, tr("Custom Flows service"), why);
        return;
    }
    emit profileRequested(u"custom:"_s + url.trimmed());
}

void MainWindow::setProfile(const QString &id)
{
    for (QAction *action : m_profiles->actions())
        action->setChecked(action->data().toString() == id);
}

void MainWindow::setSignInState(bool available, bool signedIn)
{
    m_signIn->setEnabled(available && !signedIn);
    m_signOut->setEnabled(available && signedIn);
}

void MainWindow::setIdentity(const QString &identity)
{
    m_identityLabel->setText(identity.isEmpty() ? tr("Not signed in") : tr("Signed in as %1").arg(identity));
}

void MainWindow::showSecurityWarning(const QString &text)
{
    m_securityLabel->setText(u"⚠ "_s + text);
    m_securityLabel->setToolTip(text);
    m_securityLabel->setVisible(!text.isEmpty());
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Flowdeck"),
        tr("<b>Flowdeck %1</b><p>A desktop client for Globus Flows.</p>").arg(QApplication::applicationVersion()));
}

void MainWindow::restoreLayout()
{
    const QSettings settings;
    restoreGeometry(settings.value(u"window/geometry"_s).toByteArray());
    restoreState(settings.value(u"window/state"_s).toByteArray());
    m_flows->splitter()->restoreState(settings.value(u"flows/splitter"_s).toByteArray());
    m_flows->view()->horizontalHeader()->restoreState(settings.value(u"flows/columns"_s).toByteArray());
    m_flows->syncColumnChoices();
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
    settings.setValue(u"flows/splitter"_s, m_flows->splitter()->saveState());
    settings.setValue(u"flows/columns"_s, m_flows->view()->horizontalHeader()->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_studio->closeAll()) { // the user chose to keep unsaved work open
        event->ignore();
        return;
    }
    saveLayout();
    QMainWindow::closeEvent(event);
}

} // namespace Flowdeck::Ui
