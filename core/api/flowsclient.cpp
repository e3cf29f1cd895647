// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/flowsclient.h"

#include "core/api/requestbuilder.h"
#include "core/api/specificflowclient.h"
#include "core/api/transport.h"
#include "core/auth/authorizer.h"

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

using RequestBuilder::Body;
using RequestBuilder::pathId;
using RequestBuilder::Query;

namespace {

template<typename Opts>
void addPaging(Query &query, const Opts &options)
{
    query.addList(u"orderby"_s, options.orderby);
    query.add(u"per_page"_s, options.perPage);
    query.addMarker(options.marker);
}

// Every paginator works the same way: re-send the same options with the marker of the next page,
// and end cleanly (a null reply) once the client is gone.
template<typename Item, typename Options, typename List>
Paginator<Item> *paginate(FlowsClient *client, const Options &options, List list)
{
    return new Paginator<Item>(
        [guard = QPointer<FlowsClient>(client), options, list](const QString &marker) -> ApiReply * {
            Options page = options;
            page.marker = marker.isEmpty() ? options.marker : marker;
            return guard ? list(*guard, page) : nullptr;
        },
        client);
}

void addRoleLists(Body &body, const auto &options)
{
    body.set(u"flow_viewers"_s, options.flowViewers);
    body.set(u"flow_starters"_s, options.flowStarters);
    body.set(u"flow_administrators"_s, options.flowAdministrators);
    body.set(u"run_managers"_s, options.runManagers);
    body.set(u"run_monitors"_s, options.runMonitors);
    body.set(u"keywords"_s, options.keywords);
    body.set(u"subscription_id"_s, options.subscriptionId);
    body.set(u"authentication_policy_id"_s, options.authenticationPolicyId);
}

} // namespace

FlowsClient::FlowsClient(QNetworkAccessManager *network, const QUrl &baseUrl, QObject *parent)
    : QObject(parent)
    , m_transport(new Transport(network, baseUrl, this))
{}

Authorizer *FlowsClient::authorizerForFlow(const QString &flowId) const
{
    if (m_lookup)
        if (Authorizer *found = m_lookup(flowId))
            return found;
    return m_authorizer;
}

ApiRequest FlowsClient::request(const QByteArray &method, const QString &path) const
{
    ApiRequest r;
    r.method = method;
    r.path = path;
    r.authorizer = m_authorizer;
    return r;
}

FlowReply *FlowsClient::createFlow(const QString &title, const QJsonObject &definition, const QJsonObject &inputSchema,
                                   const CreateFlowOptions &options)
{
    Body body;
    body.put(u"title"_s, title);
    body.put(u"definition"_s, definition);
    body.put(u"input_schema"_s, inputSchema);
    body.set(u"subtitle"_s, options.subtitle);
    body.set(u"description"_s, options.description);
    addRoleLists(body, options);
    ApiRequest r = request("POST", u"/flows"_s);
    r.body = body.merged(options.additionalFields);
    r.idempotent = false; // a second delivery would create a second flow
    return send<FlowReply>(std::move(r));
}

FlowReply *FlowsClient::getFlow(const QString &flowId, const QueryParams &queryParams)
{
    ApiRequest r = request("GET", u"/flows/"_s + pathId(flowId));
    r.query = queryParams;
    return send<FlowReply>(std::move(r));
}

FlowPageReply *FlowsClient::listFlows(const ListFlowsOptions &options)
{
    Query query;
    query.addList(u"filter_roles"_s, options.filterRoles);
    query.add(u"filter_fulltext"_s, options.filterFulltext);
    addPaging(query, options);
    ApiRequest r = request("GET", u"/flows"_s);
    r.query = query.merged(options.queryParams);
    return send<FlowPageReply>(std::move(r));
}

FlowReply *FlowsClient::updateFlow(const QString &flowId, const UpdateFlowOptions &options)
{
    Body body;
    body.set(u"title"_s, options.title);
    body.set(u"definition"_s, options.definition);
    body.set(u"input_schema"_s, options.inputSchema);
    body.set(u"subtitle"_s, options.subtitle);
    body.set(u"description"_s, options.description);
    body.set(u"flow_owner"_s, options.flowOwner);
    addRoleLists(body, options);
    ApiRequest r = request("PUT", u"/flows/"_s + pathId(flowId));
    r.body = body.merged(options.additionalFields);
    return send<FlowReply>(std::move(r));
}

FlowReply *FlowsClient::deleteFlow(const QString &flowId, const QueryParams &queryParams)
{
    ApiRequest r = request("DELETE", u"/flows/"_s + pathId(flowId));
    r.query = queryParams;
    r.idempotent = false; // a re-sent delete of a deleted flow answers 404: never fake a failure
    return send<FlowReply>(std::move(r));
}

FlowValidationReply *FlowsClient::validateFlow(const QJsonObject &definition,
                                               const std::optional<QJsonObject> &inputSchema)
{
    Body body;
    body.put(u"definition"_s, definition);
    body.set(u"input_schema"_s, inputSchema);
    ApiRequest r = request("POST", u"/flows/validate"_s);
    r.body = body.merged({});
    return send<FlowValidationReply>(std::move(r)); // pure check: safe to re-send
}

RunPageReply *FlowsClient::listRuns(const ListRunsOptions &options)
{
    Query query;
    query.addList(u"filter_flow_id"_s, options.filterFlowId);
    query.addList(u"filter_roles"_s, options.filterRoles);
    query.addList(u"filter_status"_s, options.filterStatus);
    query.addList(u"filter_label"_s, options.filterLabel);
    query.addList(u"filter_tags"_s, options.filterTags);
    query.addList(u"filter_flow_title"_s, options.filterFlowTitle);
    if (options.filterStartTime)
        query.add(u"filter_start_time"_s, options.filterStartTime->toQueryValue());
    if (options.filterCompletionTime)
        query.add(u"filter_completion_time"_s, options.filterCompletionTime->toQueryValue());
    addPaging(query, options);
    ApiRequest r = request("GET", u"/runs"_s);
    r.query = query.merged(options.queryParams);
    return send<RunPageReply>(std::move(r));
}

RunReply *FlowsClient::getRun(const QString &runId, const GetRunOptions &options)
{
    Query query;
    query.add(u"include_flow_description"_s, options.includeFlowDescription);
    ApiRequest r = request("GET", u"/runs/"_s + pathId(runId));
    r.query = query.merged(options.queryParams);
    return send<RunReply>(std::move(r));
}

RunDefinitionReply *FlowsClient::getRunDefinition(const QString &runId)
{
    return send<RunDefinitionReply>(request("GET", u"/runs/"_s + pathId(runId) + u"/definition"_s));
}

RunLogPageReply *FlowsClient::getRunLogs(const QString &runId, const RunLogOptions &options)
{
    Query query;
    query.add(u"limit"_s, options.limit);
    query.add(u"reverse_order"_s, options.reverseOrder);
    query.addMarker(options.marker);
    ApiRequest r = request("GET", u"/runs/"_s + pathId(runId) + u"/log"_s);
    r.query = query.merged(options.queryParams);
    return send<RunLogPageReply>(std::move(r));
}

RunReply *FlowsClient::cancelRun(const QString &runId)
{
    ApiRequest r = request("POST", u"/runs/"_s + pathId(runId) + u"/cancel"_s);
    r.idempotent = false; // a re-sent cancel of a canceled run may answer a conflict: report what we know
    return send<RunReply>(std::move(r));
}

RunReply *FlowsClient::updateRun(const QString &runId, const UpdateRunOptions &options)
{
    Body body;
    body.set(u"tags"_s, options.tags);
    body.set(u"label"_s, options.label);
    body.set(u"run_monitors"_s, options.runMonitors);
    body.set(u"run_managers"_s, options.runManagers);
    ApiRequest r = request("PUT", u"/runs/"_s + pathId(runId));
    r.body = body.merged(options.additionalFields);
    return send<RunReply>(std::move(r));
}

RunReply *FlowsClient::deleteRun(const QString &runId)
{
    ApiRequest r = request("POST", u"/runs/"_s + pathId(runId) + u"/release"_s);
    r.idempotent = false; // a re-sent release of a released run answers 404: never fake a failure
    return send<RunReply>(std::move(r));
}

RegisteredApiReply *FlowsClient::getRegisteredApi(const QString &registeredApiId, const QueryParams &queryParams)
{
    ApiRequest r = request("GET", u"/registered_apis/"_s + pathId(registeredApiId));
    r.query = queryParams;
    return send<RegisteredApiReply>(std::move(r));
}

RegisteredApiPageReply *FlowsClient::listRegisteredApis(const ListRegisteredApisOptions &options)
{
    Query query;
    query.addList(u"filter_roles"_s, options.filterRoles);
    addPaging(query, options);
    ApiRequest r = request("GET", u"/registered_apis"_s);
    r.query = query.merged(options.queryParams);
    return send<RegisteredApiPageReply>(std::move(r));
}

WebInputPageReply *FlowsClient::listWebInputs(const ListWebInputsOptions &options)
{
    Query query;
    query.addList(u"filter_roles"_s, options.filterRoles);
    query.addList(u"filter_states"_s, options.filterStates);
    query.addList(u"filter_flow_ids"_s, options.filterFlowIds);
    query.addList(u"filter_run_ids"_s, options.filterRunIds);
    addPaging(query, options);
    ApiRequest r = request("GET", u"/web_inputs"_s);
    r.query = query.merged(options.queryParams);
    return send<WebInputPageReply>(std::move(r));
}

WebInputReply *FlowsClient::getWebInput(const QString &webInputId)
{
    return send<WebInputReply>(request("GET", u"/web_inputs/"_s + pathId(webInputId)));
}

JsonReply *FlowsClient::respondToWebInput(const QString &webInputId, const QJsonValue &value)
{
    ApiRequest r = request("POST", u"/web_inputs/"_s + pathId(webInputId) + u"/respond"_s);
    r.body = QJsonObject{{u"response"_s, QJsonObject{{u"value"_s, value}}}};
    r.idempotent = false; // the first answer closes the input; a resend would report a conflict
    return send<JsonReply>(std::move(r));
}

QJsonObject FlowsClient::runBody(const QJsonObject &input, const RunFlowOptions &options)
{
    Body body;
    body.put(u"body"_s, input);
    body.set(u"tags"_s, options.tags);
    body.set(u"label"_s, options.label);
    if (options.activityNotificationPolicy)
        body.put(u"activity_notification_policy"_s, options.activityNotificationPolicy->toJson());
    body.set(u"run_monitors"_s, options.runMonitors);
    body.set(u"run_managers"_s, options.runManagers);
    return body.merged(options.additionalFields);
}

RunReply *FlowsClient::runFlow(const QString &flowId, const QJsonObject &body, const RunFlowOptions &options)
{
    ApiRequest r = request("POST", u"/flows/"_s + pathId(flowId) + u"/run"_s);
    r.body = runBody(body, options);
    r.idempotent = false; // never start a run twice
    r.authorizer = authorizerForFlow(flowId);
    return send<RunReply>(std::move(r));
}

FlowPaginator *FlowsClient::paginateFlows(const ListFlowsOptions &options)
{
    return paginate<Flow>(this, options, [](FlowsClient &c, const ListFlowsOptions &o) { return c.listFlows(o); });
}

RunPaginator *FlowsClient::paginateRuns(const ListRunsOptions &options)
{
    return paginate<Run>(this, options, [](FlowsClient &c, const ListRunsOptions &o) { return c.listRuns(o); });
}

RunLogPaginator *FlowsClient::paginateRunLogs(const QString &runId, const RunLogOptions &options)
{
    return paginate<RunLogEntry>(this, options,
                                 [runId](FlowsClient &c, const RunLogOptions &o) { return c.getRunLogs(runId, o); });
}

RegisteredApiPaginator *FlowsClient::paginateRegisteredApis(const ListRegisteredApisOptions &options)
{
    return paginate<RegisteredApi>(
        this, options, [](FlowsClient &c, const ListRegisteredApisOptions &o) { return c.listRegisteredApis(o); });
}

WebInputPaginator *FlowsClient::paginateWebInputs(const ListWebInputsOptions &options)
{
    return paginate<WebInputSummary>(this, options,
                                     [](FlowsClient &c, const ListWebInputsOptions &o) { return c.listWebInputs(o); });
}

SpecificFlowClient *FlowsClient::specificFlowClient(const QString &flowId, QObject *parent)
{
    return new SpecificFlowClient(this, flowId, parent ? parent : this);
}

} // namespace Flowdeck::Core
