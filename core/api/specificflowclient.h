// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/flowsoptions.h"
#include "core/api/replies.h"

#include <QObject>
#include <QPointer>

namespace Flowdeck::Core {

class FlowsClient;

// The calls scoped to one flow (the SDK's SpecificFlowClient): run, validate_run and resume go
// with the flow's own token (resource server = flow id); get/update/delete with the Flows token.
// Shares the FlowsClient's transport; same thread and reply rules as FlowsClient.
class SpecificFlowClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpecificFlowClient)

public:
    SpecificFlowClient(FlowsClient *client, const QString &flowId, QObject *parent = nullptr);

    QString flowId() const { return m_flowId; }
    // https://auth.globus.org/scopes/{id}/flow_{id with _}_user: the scope runs need.
    QString userScope() const;
    static QString userScopeFor(const QString &flowId);
    // Overrides the authorizer found through the client's lookup.
    void setAuthorizer(Authorizer *authorizer) { m_authorizer = authorizer; }
    Authorizer *authorizer() const;

    [[nodiscard]] RunReply *runFlow(const QJsonObject &body, const RunFlowOptions &options = {});
    [[nodiscard]] RunValidationReply *validateRun(const QJsonObject &body, const RunFlowOptions &options = {});
    [[nodiscard]] RunReply *resumeRun(const QString &runId);
    [[nodiscard]] FlowReply *getFlow(const QueryParams &queryParams = {});
    [[nodiscard]] FlowReply *updateFlow(const UpdateFlowOptions &options);
    [[nodiscard]] FlowReply *deleteFlow(const QueryParams &queryParams = {});

private:
    ApiRequest request(const QByteArray &method, const QString &path) const;
    // Sends through the client, or fails cleanly (from the event loop) if the client is gone.
    template<typename R>
    R *send(ApiRequest request);

    QPointer<FlowsClient> m_client;
    QString m_flowId;
    QPointer<Authorizer> m_authorizer;
};

} // namespace Flowdeck::Core
