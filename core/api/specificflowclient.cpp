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
    return m_authorizer ? m_authorizer.data() : m_client->authorizerForFlow(m_flowId);
}

RunReply *SpecificFlowClient::runFlow(const QJsonObject &body, const RunFlowOptions &options)
{
    ApiRequest r = m_client->request("POST", u"/flows/"_s + pathId(m_flowId) + u"/run"_s);
    r.body = FlowsClient::runBody(body, options);
    r.idempotent = false; // never start a run twice
    r.authorizer = authorizer();
    return m_client->send<RunReply>(std::move(r));
}

RunValidationReply *SpecificFlowClient::validateRun(const QJsonObject &body, const RunFlowOptions &options)
{
    ApiRequest r = m_client->request("POST", u"/flows/"_s + pathId(m_flowId) + u"/validate_run"_s);
    r.body = FlowsClient::runBody(body, options);
    r.authorizer = authorizer();
    return m_client->send<RunValidationReply>(std::move(r));
}

RunReply *SpecificFlowClient::resumeRun(const QString &runId)
{
    ApiRequest r = m_client->request("POST", u"/runs/"_s + pathId(runId) + u"/resume"_s);
    r.idempotent = false;
    r.authorizer = authorizer();
    return m_client->send<RunReply>(std::move(r));
}

FlowReply *SpecificFlowClient::getFlow(const QueryParams &queryParams)
{
    return m_client->getFlow(m_flowId, queryParams);
}

FlowReply *SpecificFlowClient::updateFlow(const UpdateFlowOptions &options)
{
    return m_client->updateFlow(m_flowId, options);
}

FlowReply *SpecificFlowClient::deleteFlow(const QueryParams &queryParams)
{
    return m_client->deleteFlow(m_flowId, queryParams);
}

} // namespace Flowdeck::Core
