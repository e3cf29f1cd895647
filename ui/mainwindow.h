// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/apierror.h"
#include "core/api/flow.h"
#include "core/api/run.h"

#include <QMainWindow>
#include <QPointer>

class QActionGroup;
class QSystemTrayIcon;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace Flowdeck::Core {
class FlowsClient;
class FlowsModel;
class RunsModel;
class RunWatcher;
} // namespace Flowdeck::Core

namespace Flowdeck::Ui {

class DefinitionStudio;
class FlowBrowser;
class LaunchDialog;
class RunsView;

// The application's main window: navigation between the views (Flows, Runs, Studio), the standard menus and shortcuts,
// and a status bar with the service and its connection state. Remembers its layout between sessions. GUI thread.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // runs: the Runs view's model (the window makes its own when none is given).
    explicit MainWindow(Core::FlowsModel *flows, Core::RunsModel *runs = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setClient(Core::FlowsClient *client);
    void setServiceDescription(const QString &description);
    // Checks the current profile's entry in File > Profile ("local", "globus:sandbox", "custom:...").
    void setProfile(const QString &id);
    // Sign-in applies to Globus and custom profiles; signedIn switches the File menu's entries.
    void setSignInState(bool available, bool signedIn);
    void showSecurityWarning(const QString &text);
    void setIdentity(const QString &identity); // empty: not signed in // a permanent status-bar note (tokens in a file)
    FlowBrowser *flowBrowser() const { return m_flows; }
    RunsView *runsView() const { return m_runs; }
    DefinitionStudio *studio() const { return m_studio; }
    void showView(int index); // 0 Flows, 1 Runs, 2 Studio
    // Opens a deployed flow in the studio (fetching it first when the listing left out its definition).
    void openInStudio(const Core::Flow &flow);

    // Watched runs raise desktop notifications (tray) on their transitions; runs started here are watched.
    void setRunWatcher(Core::RunWatcher *watcher);
    // Opens the launcher for flow (fetching the flow first when the listing left out its schema),
    // prefilled with input when given ("start like this run"). Returns the dialog, or nullptr while fetching.
    LaunchDialog *startRun(const Core::Flow &flow, const QJsonObject &input = {}, const Core::Run *like = nullptr);
    void notifyTransition(const Core::Run &run, Core::RunStatus from);
    QString lastNotification() const { return m_lastNotification; }

signals:
    void authorizationRequired(const QString &flowId, const Flowdeck::Core::ApiError &error);
    void profileRequested(const QString &id);
    void signInRequested();
    void signOutRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void createProfileMenu(QMenu *file);
    void askForCustomUrl();
    void showAbout();
    void restoreLayout();
    void saveLayout() const;

    void createRunsMenu();
    void createStudioMenu();
    void startLike(const Core::Run &run, const QJsonObject &input);
    void updateFlowChoices();

    Core::FlowsModel *m_flowsModel;
    QPointer<Core::FlowsClient> m_client;
    QPointer<Core::RunWatcher> m_watcher;
    QSystemTrayIcon *m_tray = nullptr;
    QString m_lastNotification;
    FlowBrowser *m_flows;
    RunsView *m_runs;
    DefinitionStudio *m_studio;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    QLabel *m_serviceLabel;
    QActionGroup *m_profiles;
    QAction *m_signIn = nullptr;
    QAction *m_signOut = nullptr;
    QLabel *m_securityLabel;
    QLabel *m_identityLabel;
};

} // namespace Flowdeck::Ui
