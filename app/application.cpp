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
#include <QSettings>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Flowdeck::App {

namespace {

// The command line and the SDK's variables choose a service for this session only; otherwise the
// last profile (the embedded local service on a fresh machine).
Core::Profile initialProfile(const CommandLine &commandLine, bool *remember)
{
    *remember = commandLine.usesLocalService();
    if (!commandLine.serviceUrl.isEmpty())
        return Core::Profile::custom(QUrl(commandLine.serviceUrl));
    if (!commandLine.environment.isEmpty())
        return Core::Profile::globus(commandLine.environment);
    if (!*remember) {
        const QUrl url = Core::Environment::resolveFlowsUrl(QProcessEnvironment::systemEnvironment());
        for (const QString &name : Core::Environment::names())
            if (Core::Environment::flowsUrl(name) == url)
                return Core::Profile::globus(name);
        return Core::Profile::custom(url);
    }
    return Core::Profile::fromId(QSettings().value(u"profile/current"_s, u"local"_s).toString());
}

} // namespace

Application::Application(const CommandLine &commandLine, QObject *parent)
    : QObject(parent)
    , m_commandLine(commandLine)
    , m_network(new QNetworkAccessManager(this))
    , m_flows(new Core::FlowsModel(this))
    , m_window(std::make_unique<Ui::MainWindow>(m_flows))
{
    connect(m_window.get(), &Ui::MainWindow::profileRequested, this,
            [this](const QString &id) { switchProfile(Core::Profile::fromId(id)); });
    switchProfile(initialProfile(commandLine, &m_rememberProfile));
}

Application::~Application() = default;

QUrl Application::startLocalService(QString *error)
{
    if (!m_localService) {
        Core::Engine::LocalServiceOptions options;
        options.dataDirectory = localDataDirectory(m_commandLine);
        options.timeScale = m_commandLine.timeScale;
        auto host = std::make_unique<Core::Engine::LocalServiceHost>(options);
        if (!host->start(error))
            return {};
        m_localService = std::move(host);
    }
    return m_localService->url();
}

void Application::switchProfile(const Core::Profile &profile)
{
    m_profile = profile;
    QString problem;
    const bool local = profile.kind == Core::Profile::Kind::Local;
    const QUrl url = local ? startLocalService(&problem) : profile.flowsUrl();
    Core::FlowsClient *previous = m_client;
    m_client = new Core::FlowsClient(m_network, url, this);
    if (local && m_localService)
        m_client->setAuthorizer(new Core::StaticTokenAuthorizer(m_localService->token().toLatin1(), m_client));
    m_flows->setCurrentIdentity(local && m_localService ? m_localService->userUrn() : QString());
    m_window->setProfile(profile.id());
    m_window->setClient(m_client);
    if (previous)
        previous->deleteLater(); // after the views have let go of it
    if (problem.isEmpty())
        problem = m_client->transport()->baseUrlProblem();
    describeService(problem);
    if (m_rememberProfile)
        QSettings().setValue(u"profile/current"_s, profile.id());
    m_rememberProfile = true; // a switch in the window is the user's choice
}

void Application::describeService(const QString &problem)
{
    const QString name = m_profile.displayName();
    if (!problem.isEmpty()) {
        m_window->setServiceDescription(tr("%1 · %2").arg(name, problem));
        return;
    }
    const QString where = tr("%1 at %2").arg(name, m_client->transport()->baseUrl().toString());
    m_window->setServiceDescription(where);
    // The connection state follows the flow list: reachable once a page arrives.
    disconnect(m_flows, &Core::FlowsModel::errorOccurred, this, nullptr);
    disconnect(m_flows, &Core::FlowsModel::pageLoaded, this, nullptr);
    connect(m_flows, &Core::FlowsModel::errorOccurred, this, [this, where](const Core::ApiError &error) {
        const QString state = error.kind == Core::ApiError::Kind::Network ? tr("offline")
                              : error.httpStatus == 401                   ? tr("not signed in")
                                                                          : tr("error");
        m_window->setServiceDescription(tr("%1 · %2").arg(where, state));
    });
    connect(m_flows, &Core::FlowsModel::pageLoaded, this,
            [this, where] { m_window->setServiceDescription(tr("%1 · connected").arg(where)); });
}

void Application::show()
{
    m_window->show();
}

void Application::saveScreenshotAndQuit(const QString &path)
{
    QTimer::singleShot(300, this, [this, path] { QCoreApplication::exit(m_window->grab().save(path) ? 0 : 1); });
}

} // namespace Flowdeck::App
