// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/commandline.h"

#include <QObject>

#include <memory>

class QNetworkAccessManager;

namespace Flowdeck::Core {
class FlowsClient;
class FlowsModel;
} // namespace Flowdeck::Core
namespace Flowdeck::Core::Engine {
class LocalServiceHost;
}
namespace Flowdeck::Ui {
class MainWindow;
}

namespace Flowdeck::App {

// The composition root: builds the network access manager, the Flows client and the main window
// and wires them together. Owns them for the life of the app. GUI thread.
class Application final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Application)

public:
    explicit Application(const CommandLine &commandLine, QObject *parent = nullptr);
    ~Application() override;

    void show();
    // For documentation: once the window has settled, save it as PNG and quit (exit code 1 on failure).
    void saveScreenshotAndQuit(const QString &path);
    Core::FlowsClient *flowsClient() const { return m_client; }
    Ui::MainWindow *mainWindow() const { return m_window.get(); }

private:
    void describeService();

    std::unique_ptr<Core::Engine::LocalServiceHost> m_localService; // the default back end
    QString m_localServiceError;
    QNetworkAccessManager *m_network;
    Core::FlowsClient *m_client;
    Core::FlowsModel *m_flows;
    std::unique_ptr<Ui::MainWindow> m_window;
};

} // namespace Flowdeck::App
