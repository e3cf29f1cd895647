// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/specificflowclient.h"

#include "core/api/flowsclient.h"
#include "core/api/requestbuilder.h"
#include "core/auth/authorizer.h"

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

using RequestBuilder::pathId;

SpecificFlowClient::SpecificFlowClient(FlowsClient *client, const QString &flowId, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_flowId(flowId)
{}

ApiRequest SpecificFlowClient::request(const QByteArray &method, const QString &path) const
{
    if (m_client)
        return m_client->request(method, path);
    ApiRequest r;
    r.method = method;
    r.path = path;
    return r;
}

template<typename R>
R *SpecificFlowClient::send(ApiRequest request)
{
    if (m_client)
        return m_client->send<R>(std::move(request));
    auto *reply = new R(nullptr, std::move(request), this); // fails with "client closed"
    reply->start();
    return reply;
}

QString SpecificFlowClient::userScopeFor(const QString &flowId)
{
    QString underscored = flowId;
    underscored.replace(u'-', u'_');
    return u"https://auth.globus.org/scopes/"_s + flowId + u"/flow_"_s + underscored + u"_user"_s;
}

QString SpecificFlowClient::userScope() const
{
    return userScopeFor(m_flowId);
}

Authorizer *SpecificFlowClient::authorizer() const
{
    if (m_authorizer)
        return m_authorizer;
    return m_client ? m_client->authorizerForFlow(m_flowId) : nullptr;
}

RunReply *SpecificFlowClient::runFlow(const QJsonObject &body, const RunFlowOptions &options)
{
    ApiRequest r = request("POST", u"/flows/"_s + pathId(m_flowId) + u"/run"_s);
    r.body = FlowsClient::runBody(body, options);
    r.idempotent = false; // never start a run twice
    r.authorizer = authorizer();
    return send<RunReply>(std::move(r));
}

RunValidationReply *SpecificFlowClient::validateRun(const QJsonObject &body, const RunFlowOptions &options)
{
    ApiRequest r = request("POST", u"/flows/"_s + pathId(m_flowId) + u"/validate_run"_s);
    r.body = FlowsClient::runBody(body, options);
    r.authorizer = authorizer();
    return send<RunValidationReply>(std::move(r));
}

RunReply *SpecificFlowClient::resumeRun(const QString &runId)
{
    ApiRequest r = request("POST", u"/runs/"_s + pathId(runId) + u"/resume"_s);
    r.idempotent = false;
    r.authorizer = authorizer();
    return send<RunReply>(std::move(r));
}

FlowReply *SpecificFlowClient::getFlow(const QueryParams &queryParams)
{
    return m_client ? m_client->getFlow(m_flowId, queryParams) : send<FlowReply>(request("GET", {}));
}

FlowReply *SpecificFlowClient::updateFlow(const UpdateFlowOptions &options)
{
    return m_client ? m_client->updateFlow(m_flowId, options) : send<FlowReply>(request("PUT", {}));
}

FlowReply *SpecificFlowClient::deleteFlow(const QueryParams &queryParams)
{
    return m_client ? m_client->deleteFlow(m_flowId, queryParams) : send<FlowReply>(request("DELETE", {}));
}

} // namespace Flowdeck::Core
