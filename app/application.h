// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/commandline.h"
#include "core/api/profile.h"

#include <QJsonObject>
#include <QObject>

#include <memory>

class QNetworkAccessManager;

namespace Flowdeck::Core {
class Authorizer;
class DraftStore;
class FlowsClient;
class RunWatcher;
class RunsPoller;
class FlowsModel;
class RunsModel;
class TokenStore;
struct TokenData;
} // namespace Flowdeck::Core
namespace Flowdeck::Core::Engine {
class LocalServiceHost;
}
namespace Flowdeck::Ui {
class MainWindow;
}

namespace Flowdeck::App {

// The composition root: builds the network access manager, the Flows client of the current
// profile, the models and the main window and wires them together; switching profiles replaces
// the client and reloads every view. Owns everything for the life of the app. GUI thread.
class Application final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Application)

public:
    explicit Application(const CommandLine &commandLine, QObject *parent = nullptr);
    ~Application() override;

    void show();
    // For documentation: once the window has settled, save it as PNG and quit (exit code 1 on failure).
    void saveScreenshotAndQuit(const QString &path, const QString &view = QString());
    void switchProfile(const Core::Profile &profile);
    const Core::Profile &profile() const { return m_profile; }
    Core::FlowsClient *flowsClient() const { return m_client; }
    Ui::MainWindow *mainWindow() const { return m_window.get(); }

private:
    QUrl startLocalService(QString *error);
    void describeService(const QString &problem);
    void signIn(const QJsonObject &authorizationParameters = {}, const QStringList &extraScopes = {});
    Core::Authorizer *authorizerFor(const Core::TokenData &token);
    void setUpRunWatching();
    void catchUpOnWatchedRuns();
    void signOut();
    void useTokens(const QList<Core::TokenData> &tokens);
    QUrl authUrl() const;

    CommandLine m_commandLine;
    std::unique_ptr<Core::Engine::LocalServiceHost> m_localService; // started when first needed
    QNetworkAccessManager *m_network;
    Core::FlowsClient *m_client = nullptr;
    Core::FlowsModel *m_flows;
    Core::RunsModel *m_runs;
    Core::TokenStore *m_tokens;
    QList<Core::TokenData> m_currentTokens;
    // Autosaved studio drafts; declared before the window so that it outlives the studio's use of it.
    std::unique_ptr<Core::DraftStore> m_drafts;
    std::unique_ptr<Ui::MainWindow> m_window;
    Core::RunWatcher *m_watcher;
    Core::RunsPoller *m_watchPoller;
    Core::Profile m_profile;
    bool m_rememberProfile = true;                     // not when the command line chose the service
    QList<QMetaObject::Connection> m_stateConnections; // the status bar's, replaced on each switch
    bool m_reauthOffered = false; // a 401 or consent requirement asks once per profile, never twice
};

} // namespace Flowdeck::App
