// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/application.h"

#include "app/servecommand.h"
#include "core/api/environment.h"
#include "core/api/flowsclient.h"
#include "core/api/transport.h"
#include "core/auth/authorizer.h"
#include "core/engine/localservicehost.h"
#include "core/models/flowsmodel.h"
#include "ui/mainwindow.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Flowdeck::App {

namespace {

QUrl chooseServiceUrl(const CommandLine &commandLine, const Core::Engine::LocalServiceHost *local)
{
    if (local)
        return local->url();
    if (!commandLine.serviceUrl.isEmpty())
        return QUrl(commandLine.serviceUrl);
    if (!commandLine.environment.isEmpty())
        return Core::Environment::flowsUrl(commandLine.environment);
    return Core::Environment::resolveFlowsUrl(QProcessEnvironment::systemEnvironment());
}

// The embedded local service is the default back end: a fresh machine needs no Globus account.
std::unique_ptr<Core::Engine::LocalServiceHost> startLocalService(const CommandLine &commandLine, QString *error)
{
    if (!commandLine.usesLocalService())
        return nullptr;
    Core::Engine::LocalServiceOptions options;
    options.dataDirectory = localDataDirectory(commandLine);
    options.timeScale = commandLine.timeScale;
    auto host = std::make_unique<Core::Engine::LocalServiceHost>(options);
    if (!host->start(error))
        return nullptr;
    return host;
}

} // namespace

Application::Application(const CommandLine &commandLine, QObject *parent)
    : QObject(parent)
    , m_localService(startLocalService(commandLine, &m_localServiceError))
    , m_network(new QNetworkAccessManager(this))
    , m_client(new Core::FlowsClient(m_network, chooseServiceUrl(commandLine, m_localService.get()), this))
    , m_flows(new Core::FlowsModel(this))
    , m_window(std::make_unique<Ui::MainWindow>(m_flows))
{
    if (m_localService) {
        m_client->setAuthorizer(new Core::StaticTokenAuthorizer(m_localService->token().toLatin1(), m_client));
        m_flows->setCurrentIdentity(m_localService->userUrn());
    }
    describeService();
    m_window->setClient(m_client);
}

void Application::describeService()
{
    if (!m_localServiceError.isEmpty()) {
        m_window->setServiceDescription(tr("The local service could not start: %1").arg(m_localServiceError));
        return;
    }
    const QString problem = m_client->transport()->baseUrlProblem();
    if (!problem.isEmpty()) {
        m_window->setServiceDescription(problem);
        return;
    }
    const QString where = m_localService ? tr("Local service (embedded) at %1").arg(m_localService->url().toString())
                                         : tr("Service: %1").arg(m_client->transport()->baseUrl().toString());
    m_window->setServiceDescription(where);
    // The connection state follows the flow list: reachable once a page arrives.
    connect(m_flows, &Core::FlowsModel::errorOccurred, this, [this, where](const Core::ApiError &error) {
        m_window->setServiceDescription(
            tr("%1 · %2").arg(where, error.kind == Core::ApiError::Kind::Network ? tr("offline") : tr("error")));
    });
    connect(m_flows, &Core::FlowsModel::pageLoaded, this,
            [this, where] { m_window->setServiceDescription(tr("%1 · connected").arg(where)); });
}

Application::~Application() = default;

void Application::show()
{
    m_window->show();
}

void Application::saveScreenshotAndQuit(const QString &path)
{
    QTimer::singleShot(300, this, [this, path] { QCoreApplication::exit(m_window->grab().save(path) ? 0 : 1); });
}

} // namespace Flowdeck::App
