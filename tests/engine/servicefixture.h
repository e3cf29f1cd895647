// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/flowsclient.h"
#include "core/api/paginator.h"
#include "core/auth/authorizer.h"
#include "core/clienttesthelpers.h"
#include "core/engine/localservice.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace Flowdeck::Tests {

inline QJsonObject jsonObject(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

// The local service in-process on 127.0.0.1, in a fresh data directory, with a FlowsClient that
// talks to it over real loopback HTTP. Waits run at 1/100 of real time.
class ServiceFixture
{
public:
    explicit ServiceFixture(bool samples = false, const QString &dataDirectory = {})
    {
        options.dataDirectory = dataDirectory.isEmpty() ? dir.path() : dataDirectory;
        options.timeScale = 0.01;
        options.createSamples = samples;
    }

    bool start()
    {
        service = std::make_unique<Core::Engine::LocalService>(options);
        QString error;
        if (!service->start(&error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        client = std::make_unique<Core::FlowsClient>(&network, service->url());
        client->setAuthorizer(new Core::StaticTokenAuthorizer(service->token().toLatin1(), client.get()));
        client->transport()->setRetryPolicy(fastRetries(0));
        return true;
    }

    void stop()
    {
        client.reset();
        service.reset();
    }

    // A client acting as another local identity.
    std::unique_ptr<Core::FlowsClient> clientFor(const QString &urn)
    {
        auto other = std::make_unique<Core::FlowsClient>(&network, service->url());
        other->setAuthorizer(new Core::StaticTokenAuthorizer(service->addIdentity(urn).toLatin1(), other.get()));
        return other;
    }

    template<class Reply>
    static std::unique_ptr<Reply> wait(Reply *reply)
    {
        std::unique_ptr<Reply> owned(reply);
        if (!waitFinished(reply))
            qWarning("the reply did not finish exactly once");
        return owned;
    }

    QString createFlow(const QJsonObject &definition, const QJsonObject &schema = QJsonObject{{u"type"_s, u"object"_s}},
                       const QString &title = u"Test flow"_s)
    {
        auto reply = wait(client->createFlow(title, definition, schema));
        if (reply->error().isError())
            qWarning("createFlow: %s", qPrintable(reply->error().message()));
        return reply->value().id;
    }

    // Many flows at once (requests in parallel): the ids, in the order of titles.
    QStringList createFlows(const QStringList &titles, const QJsonObject &definition,
                            const std::function<Core::CreateFlowOptions(int)> &optionsFor = {})
    {
        QList<Core::FlowReply *> replies;
        for (int i = 0; i < titles.size(); ++i)
            replies.append(client->createFlow(titles.at(i), definition, QJsonObject{{u"type"_s, u"object"_s}},
                                              optionsFor ? optionsFor(i) : Core::CreateFlowOptions{}));
        QStringList ids;
        for (Core::FlowReply *reply : replies) {
            if (!reply->isFinished()) {
                QSignalSpy finished(reply, &Core::ApiReply::finished);
                finished.wait(30'000);
            }
            ids.append(reply->error().isError() ? QString() : reply->value().id);
            delete reply;
        }
        return ids;
    }

    QString startRun(const QString &flowId, const QJsonObject &input, const Core::RunFlowOptions &runOptions = {})
    {
        auto reply = wait(client->runFlow(flowId, input, runOptions));
        if (reply->error().isError())
            qWarning("runFlow: %s", qPrintable(reply->error().message()));
        return reply->value().runId;
    }

    Core::Run getRun(const QString &runId) { return wait(client->getRun(runId))->value(); }

    // Polls until the run leaves ACTIVE (or timeoutMs passes).
    Core::Run waitForRun(const QString &runId, int timeoutMs = 10'000)
    {
        Core::Run run;
        QElapsedTimer clock;
        clock.start();
        do {
            run = getRun(runId);
            if (run.status != Core::RunStatus::Active)
                return run;
            QTest::qWait(20);
        } while (clock.elapsed() < timeoutMs);
        return run;
    }

    QList<Core::RunLogEntry> logs(const QString &runId, int pageSize = 100)
    {
        Core::RunLogOptions logOptions;
        logOptions.limit = pageSize;
        std::unique_ptr<Core::RunLogPaginator> paginator(client->paginateRunLogs(runId, logOptions));
        paginator->setCollecting(true);
        QSignalSpy done(paginator.get(), &Core::RunLogPaginator::finished);
        paginator->fetchAll();
        if (done.isEmpty() && !done.wait(10'000))
            qWarning("the log paginator did not finish");
        return paginator->items();
    }

    static QStringList codes(const QList<Core::RunLogEntry> &entries)
    {
        QStringList result;
        for (const Core::RunLogEntry &e : entries)
            result.append(e.code);
        return result;
    }

    QTemporaryDir dir;
    Core::Engine::LocalServiceOptions options;
    QNetworkAccessManager network;
    std::unique_ptr<Core::Engine::LocalService> service;
    std::unique_ptr<Core::FlowsClient> client;
};

} // namespace Flowdeck::Tests
