// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/application.h"

#include "core/api/environment.h"
#include "core/api/flowsclient.h"
#include "core/api/transport.h"
#include "ui/mainwindow.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Flowdeck::App {

namespace {

QUrl chooseServiceUrl(const CommandLine &commandLine)
{
    if (!commandLine.serviceUrl.isEmpty())
        return QUrl(commandLine.serviceUrl);
    if (!commandLine.environment.isEmpty())
        return Core::Environment::flowsUrl(commandLine.environment);
    return Core::Environment::resolveFlowsUrl(QProcessEnvironment::systemEnvironment());
}

} // namespace

Application::Application(const CommandLine &commandLine, QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_client(new Core::FlowsClient(m_network, chooseServiceUrl(commandLine), this))
    , m_window(std::make_unique<Ui::MainWindow>())
{
    const QString problem = m_client->transport()->baseUrlProblem();
    m_window->setServiceDescription(
        problem.isEmpty() ? tr("Service: %1").arg(m_client->transport()->baseUrl().toString()) : problem);
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
