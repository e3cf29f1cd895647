// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/application.h"

#include "app/servecommand.h"
#include "core/api/environment.h"
#include "core/api/flowsclient.h"
#include "core/api/specificflowclient.h"
#include "core/api/transport.h"
#include "core/auth/authorizer.h"
#include "core/auth/nativeapplogin.h"
#include "core/auth/tokenstore.h"
#include "core/engine/localservicehost.h"
#include "core/lang/flowedit.h"
#include "core/models/draftstore.h"
#include "core/models/flowfiles.h"
#include "core/models/flowsmodel.h"
#include "core/models/runsmodel.h"
#include "core/models/runspoller.h"
#include "core/models/runwatcher.h"
#include "ui/definitionstudio.h"
#include "ui/deploydialog.h"
#include "ui/flowbrowser.h"
#include "ui/flowgraphview.h"
#include "ui/flowmetadatadialog.h"
#include "ui/launchdialog.h"
#include "ui/mainwindow.h"
#include "ui/rundetailview.h"
#include "ui/runlogview.h"
#include "ui/runsview.h"
#include "ui/signindialog.h"
#include "ui/studiodocument.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QSettings>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Flowdeck::App {

namespace {

constexpr auto FlowsScope = "https://auth.globus.org/scopes/eec9b274-0c81-4334-bdc2-54e90e689b9a/all";
constexpr auto FlowsResourceServer = "flows.globus.org";

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
    , m_runs(new Core::RunsModel(this))
    , m_tokens(new Core::TokenStore(
          u"Flowdeck"_s, QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/tokens.json"_s, this))
    , m_drafts(std::make_unique<Core::DraftStore>(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                                                  u"/drafts"_s))
    , m_window(std::make_unique<Ui::MainWindow>(m_flows, m_runs))
    , m_watcher(new Core::RunWatcher(this))
    , m_watchPoller(new Core::RunsPoller(this))
{
    connect(m_window.get(), &Ui::MainWindow::profileRequested, this,
            [this](const QString &id) { switchProfile(Core::Profile::fromId(id)); });
    connect(m_window.get(), &Ui::MainWindow::signInRequested, this, [this] { signIn(); });
    connect(m_window.get(), &Ui::MainWindow::signOutRequested, this, &Application::signOut);
    connect(m_tokens, &Core::TokenStore::fallbackActivated, this, [this](const QString &why) {
        m_window->showSecurityWarning(
            tr("Sign-in tokens are kept in %1, readable only by you: %2").arg(m_tokens->fallbackFile(), why));
    });
    // Expired sign-in or a missing consent: lead the user through signing in, once (no double logins).
    connect(m_flows, &Core::FlowsModel::errorOccurred, this, [this](const Core::ApiError &error) {
        if (m_profile.kind == Core::Profile::Kind::Local || m_reauthOffered || !error.requiresReauthentication())
            return;
        m_reauthOffered = true;
        const QJsonObject gare = error.authorizationParameters;
        QTimer::singleShot(0, this, [this, gare] { signIn(gare); });
    });
    connect(m_tokens, &Core::TokenStore::loaded, this,
            [this](const QString &profile, const QList<Core::TokenData> &tokens) {
                if (profile == m_profile.id())
                    useTokens(tokens);
            });
    setUpRunWatching();
    switchProfile(initialProfile(commandLine, &m_rememberProfile));
}

// Runs may have ended while the app was closed (or on another profile's service): each watched run
// is asked for once, which also tells the poller which runs are open.
void Application::catchUpOnWatchedRuns()
{
    for (const QString &runId : m_watcher->watchedRuns()) {
        Core::RunReply *reply = m_client->getRun(runId);
        reply->setParent(this);
        connect(reply, &Core::ApiReply::finished, this, [this, reply, runId] {
            reply->deleteLater();
            if (reply->error().httpStatus == 404) // gone (released, or another service's run)
                m_watcher->unwatch(runId);
            if (reply->error().isError())
                return;
            m_watchPoller->noteRuns({reply->value()});
            m_watcher->observe({reply->value()});
        });
    }
}

// Watched runs are polled by their own poller (one request per interval for all of them), whether
// or not the Runs view shows them, and only while one of them can still change.
void Application::setUpRunWatching()
{
    m_watcher->restoreState(QSettings().value(u"runs/watching"_s).toMap());
    m_window->setRunWatcher(m_watcher);
    auto save = [this] { QSettings().setValue(u"runs/watching"_s, m_watcher->saveState()); };
    connect(m_watcher, &Core::RunWatcher::watchListChanged, this, save);
    connect(m_watcher, &Core::RunWatcher::transition, this, save);
    connect(m_watcher, &Core::RunWatcher::watchListChanged, this,
            [this] { m_watchPoller->setPaused(!m_watcher->hasOpenRuns()); });
    connect(m_watcher, &Core::RunWatcher::transition, this,
            [this] { m_watchPoller->setPaused(!m_watcher->hasOpenRuns()); });
    connect(m_watchPoller, &Core::RunsPoller::runsArrived, m_watcher, &Core::RunWatcher::observe);
    connect(m_window.get(), &Ui::MainWindow::authorizationRequired, this,
            [this](const QString &flowId, const Core::ApiError &error) {
                if (m_profile.kind == Core::Profile::Kind::Local)
                    return;
                const QString scope = Core::SpecificFlowClient::userScopeFor(flowId);
                QTimer::singleShot(0, this, [this, error, scope] { signIn(error.authorizationParameters, {scope}); });
            });
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
    m_watchPoller->setClient(m_client);
    m_watchPoller->setPaused(!m_watcher->hasOpenRuns());
    catchUpOnWatchedRuns();
    if (previous)
        previous->deleteLater(); // after the views have let go of it
    if (problem.isEmpty())
        problem = m_client->transport()->baseUrlProblem();
    describeService(problem);
    m_currentTokens.clear();
    m_reauthOffered = false;
    m_window->setIdentity(local ? tr("you (local)") : QString());
    m_window->setSignInState(!local, false);
    if (!local)
        m_tokens->load(profile.id()); // signed in earlier: use those tokens (useTokens)
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
    for (const QMetaObject::Connection &connection : std::as_const(m_stateConnections))
        disconnect(connection);
    m_stateConnections.clear();
    m_stateConnections << connect(m_flows, &Core::FlowsModel::errorOccurred, this,
                                  [this, where](const Core::ApiError &error) {
                                      const QString state = error.kind == Core::ApiError::Kind::Network ? tr("offline")
                                                            : error.httpStatus == 401 ? tr("not signed in")
                                                                                      : tr("error");
                                      m_window->setServiceDescription(tr("%1 · %2").arg(where, state));
                                  });
    m_stateConnections << connect(m_flows, &Core::FlowsModel::pageLoaded, this,
                                  [this, where] { m_window->setServiceDescription(tr("%1 · connected").arg(where)); });
}

QUrl Application::authUrl() const
{
    return Core::Environment::authUrl(m_profile.kind == Core::Profile::Kind::Globus ? m_profile.environment
                                                                                    : u"production"_s);
}

void Application::useTokens(const QList<Core::TokenData> &tokens)
{
    const auto flows = std::find_if(tokens.begin(), tokens.end(), [](const Core::TokenData &t) {
        return t.resourceServer == QLatin1StringView(FlowsResourceServer);
    });
    if (flows == tokens.end())
        return;
    m_currentTokens = tokens;
    m_client->setAuthorizer(authorizerFor(*flows));
    // Tokens for a flow's own scope (resource server: the flow's id) authorize its runs.
    QHash<QString, QPointer<Core::Authorizer>> perFlow;
    for (const Core::TokenData &token : tokens)
        if (token.resourceServer != QLatin1StringView(FlowsResourceServer) && !QUuid(token.resourceServer).isNull())
            perFlow.insert(token.resourceServer, authorizerFor(token));
    m_client->setAuthorizerLookup(
        [perFlow](const QString &flowId) -> Core::Authorizer * { return perFlow.value(flowId); });
    m_window->setSignInState(true, true);
    m_window->setIdentity(flows->identity.isEmpty() ? tr("a Globus identity") : flows->identity);
    m_flows->refresh();
}

Core::Authorizer *Application::authorizerFor(const Core::TokenData &token)
{
    const QString clientId = QSettings().value(u"globus/client_id"_s).toString();
    auto *authorizer = new Core::RefreshTokenAuthorizer(m_network, authUrl(), clientId, token, m_client);
    const QString profile = m_profile.id();
    connect(authorizer, &Core::RefreshTokenAuthorizer::tokensChanged, this,
            [this, profile](const Core::TokenData &fresh) { // Globus rotates refresh tokens: keep the new one
                for (Core::TokenData &kept : m_currentTokens)
                    if (kept.resourceServer == fresh.resourceServer)
                        kept = fresh;
                m_tokens->save(profile, m_currentTokens);
            });
    return authorizer;
}

void Application::signIn(const QJsonObject &authorizationParameters, const QStringList &extraScopes)
{
    Core::NativeAppLogin::Options options;
    options.authBaseUrl = authUrl();
    options.clientId = QSettings().value(u"globus/client_id"_s).toString();
    options.scopes = QStringList{QString::fromLatin1(FlowsScope)} + extraScopes;
    options.authorizationParameters = authorizationParameters;
    options.prefillNamedGrant = tr("Flowdeck on %1").arg(QSysInfo::machineHostName().remove(u".local"_s));
    Ui::SignInDialog dialog(m_network, options, m_window.get());
    if (dialog.exec() != QDialog::Accepted)
        return;
    QSettings().setValue(u"globus/client_id"_s, dialog.clientId());
    // A consent for one flow adds to the tokens already held; it does not replace them.
    QList<Core::TokenData> tokens = dialog.tokens();
    for (const Core::TokenData &kept : std::as_const(m_currentTokens))
        if (std::none_of(tokens.cbegin(), tokens.cend(),
                         [&kept](const Core::TokenData &t) { return t.resourceServer == kept.resourceServer; }))
            tokens.append(kept);
    m_tokens->save(m_profile.id(), tokens);
    useTokens(tokens);
}

void Application::signOut()
{
    const QString clientId = QSettings().value(u"globus/client_id"_s).toString();
    for (const Core::TokenData &token : std::as_const(m_currentTokens)) {
        for (const QByteArray &secret : {token.refreshToken, token.accessToken})
            if (!secret.isEmpty())
                Core::revokeToken(m_network, authUrl(), clientId, secret, this);
    }
    m_currentTokens.clear();
    m_tokens->remove(m_profile.id());
    m_client->setAuthorizer(nullptr);
    m_window->setSignInState(true, false);
    m_window->setIdentity({});
    m_flows->refresh();
}

void Application::show()
{
    m_window->show();
    if (!m_drafts->isValid()) {
        m_window->showSecurityWarning(tr("Drafts cannot be autosaved: %1").arg(m_drafts->errorString()));
        return;
    }
    m_window->studio()->setDraftStore(m_drafts.get());
    if (m_commandLine.screenshot.isEmpty()) // after a crash: offer the unsaved flows back
        QTimer::singleShot(0, this, [this] {
            if (m_window->studio()->offerRecovery() > 0)
                m_window->showView(2);
        });
}

void Application::saveScreenshotAndQuit(const QString &path, const QString &view)
{
    QTimer::singleShot(600, this, [this, path, view] {
        QWidget *shown = m_window.get();
        std::unique_ptr<QDialog> dialog;
        if (view == "runs"_L1 || view == "timeline"_L1 || view == "log"_L1) {
            m_window->showView(1);
            const int row = std::max(0, int(m_runs->rowCount()) - 1); // the oldest: the most to show
            if (m_runs->rowCount() > 0)
                m_window->runsView()->view()->setCurrentIndex(m_runs->index(view == "runs"_L1 ? 0 : row, 0));
            QTabWidget *tabs = m_window->runsView()->detail()->tabs();
            tabs->setCurrentIndex(view == "timeline"_L1 ? 1 : view == "log"_L1 ? 2 : 0);
            if (view == "log"_L1) // an entry with details: the second, the first state's start
                QTimer::singleShot(500, this, [this] {
                    Ui::RunLogView *log = m_window->runsView()->detail()->logView();
                    log->table()->setCurrentIndex(log->table()->model()->index(1, 0));
                });
        } else if (view == "studio"_L1 || view == "schema"_L1 || view == "details"_L1) {
            m_window->showView(2);
            const QString bundle = QProcessEnvironment::systemEnvironment().value(u"FLOWDECK_STUDIO_BUNDLE"_s);
            Ui::StudioDocument *document =
                bundle.isEmpty() ? m_window->studio()->newDocument() : m_window->studio()->openFile(bundle);
            if (document && view == "details"_L1) {
                document->sourceTabs()->setCurrentIndex(2);
            } else if (document && view == "schema"_L1) {
                document->sourceTabs()->setCurrentIndex(1);
                document->sideTabs()->setCurrentIndex(1);
            } else if (document) {
                QTimer::singleShot(900, document, [document] { document->graph()->selectState(u"QualityGate"_s); });
            }
            QTimer::singleShot(1500, this,
                               [this, path] { QCoreApplication::exit(m_window->grab().save(path) ? 0 : 1); });
            return;
        } else if (view == "deploy"_L1) { // the review of an update: a state renamed, a role list added
            const auto files =
                Core::loadFlowFiles(QProcessEnvironment::systemEnvironment().value(u"FLOWDECK_STUDIO_BUNDLE"_s));
            if (files) {
                const Core::Lang::JsonText text = Core::Lang::JsonText::parse(files->definition);
                const QByteArray edited = Core::Lang::applyEdits(
                    files->definition,
                    Core::Lang::FlowEdit::renameState(text, u"QualityGate"_s, u"CheckQuality"_s).edits);
                const QJsonObject before{{u"definition"_s, text.value()},
                                         {u"title"_s, files->metadata.value("title"_L1)}};
                QJsonObject after = before;
                after.insert(u"definition"_s, Core::Lang::JsonText::parse(edited).value());
                after.insert(u"flow_starters"_s, QJsonArray{u"all_authenticated_users"_s});
                dialog = std::make_unique<Ui::DeployDialog>(before, after, 0, m_window.get());
            }
        } else if (view == "definition"_L1) {
            m_window->flowBrowser()->details()->setCurrentIndex(1);
        } else if (view == "edit"_L1 && m_flows->rowCount() > 0) {
            dialog = std::make_unique<Ui::FlowMetadataDialog>(m_flows->flowAt(0), m_window.get());
        } else if ((view == "launch"_L1 || view == "run"_L1) && m_flows->rowCount() > 0) {
            int row = 0; // the richest sample form: the transfer round trip
            for (int r = 0; r < m_flows->rowCount(); ++r)
                if (m_flows->flowAt(r).title.contains(view == "run"_L1 ? u"Branch"_s : u"transfer"_s,
                                                      Qt::CaseInsensitive))
                    row = r;
            Ui::LaunchDialog *launcher = m_window->startRun(m_flows->flowAt(row));
            if (launcher && view == "run"_L1) {
                launcher->labelEdit()->setText(tr("Calibration scan 42"));
                launcher->tagsEdit()->setText(u"beamline-2, calibration"_s);
                launcher->start(); // the window shows the run in Runs once it started
                QTimer::singleShot(2500, this,
                                   [this, path] { QCoreApplication::exit(m_window->grab().save(path) ? 0 : 1); });
                return;
            }
            if (launcher)
                shown = launcher;
        } else if (view == "signin"_L1) {
            Core::NativeAppLogin::Options options;
            options.authBaseUrl = authUrl();
            dialog = std::make_unique<Ui::SignInDialog>(m_network, options, m_window.get());
        }
        if (dialog) {
            dialog->show();
            shown = dialog.get();
        }
        const int settle = view == "log"_L1 || view == "timeline"_L1 ? 900 : 200; // the log loads first
        QTimer::singleShot(settle, this, [shown, path] { QCoreApplication::exit(shown->grab().save(path) ? 0 : 1); });
        if (dialog)
            dialog.release()->setAttribute(Qt::WA_DeleteOnClose); // the window owns it until the app quits
    });
}

} // namespace Flowdeck::App
