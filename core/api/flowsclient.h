// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/flowsoptions.h"
#include "core/api/replies.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QNetworkAccessManager;

namespace Flowdeck::Core {

class SpecificFlowClient;
class Transport;

// The Globus Flows API, one non-blocking method per call of the Python SDK's FlowsClient
// (reference §1.1), named in lowerCamelCase. Each returns a reply parented to this client:
// reparent it to the requester so that closing a view cancels its calls. GUI thread; not a singleton.
class FlowsClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlowsClient)

public:
    static constexpr auto ResourceServer = "flows.globus.org";
    // Finds the authorizer for a flow's own resource server (the flow id), for run/validate/resume.
    using AuthorizerLookup = std::function<Authorizer *(const QString &flowId)>;

    FlowsClient(QNetworkAccessManager *network, const QUrl &baseUrl, QObject *parent = nullptr);

    Transport *transport() const { return m_transport; }
    Authorizer *authorizer() const { return m_authorizer; }
    void setAuthorizer(Authorizer *authorizer) { m_authorizer = authorizer; }
    void setAuthorizerLookup(AuthorizerLookup lookup) { m_lookup = std::move(lookup); }
    // The flow's authorizer from the lookup, else this client's own (the local service uses one token).
    Authorizer *authorizerForFlow(const QString &flowId) const;

    [[nodiscard]] FlowReply *createFlow(const QString &title, const QJsonObject &definition,
                                        const QJsonObject &inputSchema, const CreateFlowOptions &options = {});
    [[nodiscard]] FlowReply *getFlow(const QString &flowId, const QueryParams &queryParams = {});
    [[nodiscard]] FlowPageReply *listFlows(const ListFlowsOptions &options = {});
    [[nodiscard]] FlowReply *updateFlow(const QString &flowId, const UpdateFlowOptions &options);
    [[nodiscard]] FlowReply *deleteFlow(const QString &flowId, const QueryParams &queryParams = {});
    [[nodiscard]] FlowValidationReply *validateFlow(const QJsonObject &definition,
                                                    const std::optional<QJsonObject> &inputSchema = std::nullopt);

    [[nodiscard]] RunPageReply *listRuns(const ListRunsOptions &options = {});
    [[nodiscard]] RunReply *getRun(const QString &runId, const GetRunOptions &options = {});
    [[nodiscard]] RunDefinitionReply *getRunDefinition(const QString &runId);
    [[nodiscard]] RunLogPageReply *getRunLogs(const QString &runId, const RunLogOptions &options = {});
    [[nodiscard]] RunReply *cancelRun(const QString &runId);
    [[nodiscard]] RunReply *updateRun(const QString &runId, const UpdateRunOptions &options);
    // POST /runs/{id}/release, the SDK's delete_run; releaseRun is the same call by its route's name.
    [[nodiscard]] RunReply *deleteRun(const QString &runId);
    [[nodiscard]] RunReply *releaseRun(const QString &runId) { return deleteRun(runId); }

    [[nodiscard]] RegisteredApiReply *getRegisteredApi(const QString &registeredApiId,
                                                       const QueryParams &queryParams = {});
    [[nodiscard]] RegisteredApiPageReply *listRegisteredApis(const ListRegisteredApisOptions &options = {});

    [[nodiscard]] WebInputPageReply *listWebInputs(const ListWebInputsOptions &options = {});
    [[nodiscard]] WebInputReply *getWebInput(const QString &webInputId);
    [[nodiscard]] JsonReply *respondToWebInput(const QString &webInputId, const QJsonValue &value);

    // The same request as SpecificFlowClient(flowId).runFlow(), with the flow's authorizer.
    [[nodiscard]] RunReply *runFlow(const QString &flowId, const QJsonObject &body, const RunFlowOptions &options = {});

    // Paginators (the SDK's client.paginated.*): the options' marker is where they start.
    [[nodiscard]] FlowPaginator *paginateFlows(const ListFlowsOptions &options = {});
    [[nodiscard]] RunPaginator *paginateRuns(const ListRunsOptions &options = {});
    [[nodiscard]] RunLogPaginator *paginateRunLogs(const QString &runId, const RunLogOptions &options = {});
    [[nodiscard]] RegisteredApiPaginator *paginateRegisteredApis(const ListRegisteredApisOptions &options = {});
    [[nodiscard]] WebInputPaginator *paginateWebInputs(const ListWebInputsOptions &options = {});

    // A client for one flow sharing this client's transport; parented to parent (or this client).
    [[nodiscard]] SpecificFlowClient *specificFlowClient(const QString &flowId, QObject *parent = nullptr);

    // Used by SpecificFlowClient; sends request and returns its typed reply, started.
    template<typename R>
    R *send(ApiRequest request)
    {
        auto *reply = new R(m_transport, std::move(request), this);
        reply->start();
        return reply;
    }
    ApiRequest request(const QByteArray &method, const QString &path) const;
    static QJsonObject runBody(const QJsonObject &body, const RunFlowOptions &options);

private:
    Transport *m_transport;
    QPointer<Authorizer> m_authorizer;
    AuthorizerLookup m_lookup;
};

} // namespace Flowdeck::Core
