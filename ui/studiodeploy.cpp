// SPDX-License-Identifier: GPL-3.0-or-later
// Deploying from the studio: checks, a review of the changes, then create_flow or update_flow.
#include "core/api/flowsclient.h"
#include "core/lang/jsontext.h"
#include "core/models/diagnosticsmodel.h"
#include "ui/codeeditor.h"
#include "ui/definitionstudio.h"
#include "ui/deploydialog.h"
#include "ui/studiodocument.h"

#include <QJsonArray>
#include <QMessageBox>
#include <QPointer>
#include <QTabWidget>

#include <tuple>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

namespace {

// The role lists: their names on the wire, in Core::Flow, and in the options of create and update.
template<class Options>
using RoleList = std::tuple<const char *, QStringList Core::Flow::*, Core::OptionalStrings Options::*>;

template<class Options>
constexpr RoleList<Options> RoleLists[] = {
    {"flow_viewers", &Core::Flow::flowViewers, &Options::flowViewers},
    {"flow_starters", &Core::Flow::flowStarters, &Options::flowStarters},
    {"flow_administrators", &Core::Flow::flowAdministrators, &Options::flowAdministrators},
    {"run_managers", &Core::Flow::runManagers, &Options::runManagers},
    {"run_monitors", &Core::Flow::runMonitors, &Options::runMonitors}};

// Sends the role lists send() chooses, as the local details hold them.
template<class Options, class Choose>
void setRoleLists(Options &options, const Core::Flow &local, Choose send)
{
    for (const auto &[key, from, to] : RoleLists<Options>)
        if (send(key))
            options.*to = local.*from;
}

// The flow as the review compares it: definition, schema and the details the service keeps. Role
// lists count only when the local details name them (a bundle without roles leaves them alone).
QJsonObject flowDocument(const QJsonObject &definition, const QJsonObject &schema, const QJsonObject &metadata,
                         const QJsonObject &local)
{
    QJsonObject document{{u"definition"_s, definition}, {u"input_schema"_s, schema}};
    QStringList keys{u"title"_s, u"subtitle"_s, u"description"_s, u"keywords"_s};
    for (const auto &[key, from, to] : RoleLists<Core::UpdateFlowOptions>)
        if (local.contains(QLatin1StringView(key)))
            keys.append(QLatin1StringView(key));
    for (const QString &key : std::as_const(keys)) {
        const QJsonValue value = metadata.value(key);
        const bool empty = value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty()) ||
                           (value.isArray() && value.toArray().isEmpty());
        if (!empty)
            document.insert(key, value);
    }
    return document;
}

} // namespace

void DefinitionStudio::deploy(StudioDocument *document)
{
    if (!document)
        return;
    if (!m_client)
        return showError(tr("The flow cannot be deployed"), tr("Not connected to a Flows service."));
    const Core::FlowFiles files = document->files();
    const QJsonValue definition = Core::Lang::JsonText::parse(files.definition).value();
    const bool noSchema = files.inputSchema.trimmed().isEmpty();
    const QJsonValue schema =
        noSchema ? QJsonValue(QJsonObject()) : Core::Lang::JsonText::parse(files.inputSchema).value();
    if (!definition.isObject() || !schema.isObject())
        return showError(tr("The flow cannot be deployed"),
                         tr("The definition and the input schema must be valid JSON objects; see Problems."));
    if (files.metadata.value("title"_L1).toString().trimmed().isEmpty()) {
        document->sourceTabs()->setCurrentIndex(2);
        return showError(tr("The flow cannot be deployed"), tr("Give the flow a title in Details first."));
    }
    if (document->isDeploying())
        return; // one deployment per flow at a time: a second one could create the flow twice
    const QString flowId = document->flowId();
    setDeploying(document, true);
    if (flowId.isEmpty())
        return confirmAndDeploy(document, definition.toObject(), schema.toObject(), std::nullopt);
    emit statusMessage(tr("Fetching the deployed version of “%1”…").arg(document->title()));
    auto *reply = m_client->getFlow(flowId);
    reply->setParent(this); // the tab may close meanwhile; the answer still arrives here
    connect(reply, &Core::ApiReply::finished, this,
            [this, reply, guard = QPointer(document), definition = definition.toObject(), schema = schema.toObject()] {
                reply->deleteLater();
                if (!guard)
                    return;
                if (reply->error().httpStatus == 404) {
                    const auto answer = QMessageBox::question(
                        this, tr("Deployed flow not found"),
                        tr("The service no longer has the flow this document was deployed as. Create a new flow?"));
                    if (answer == QMessageBox::Yes && guard)
                        return confirmAndDeploy(guard, definition, schema, std::nullopt);
                    return setDeploying(guard, false);
                }
                if (reply->error().isError()) {
                    setDeploying(guard, false);
                    return showError(tr("The deployed flow could not be fetched"), reply->error().toString());
                }
                confirmAndDeploy(guard, definition, schema, reply->value());
            });
}

void DefinitionStudio::setDeploying(StudioDocument *document, bool deploying)
{
    if (document)
        document->setDeploying(deploying);
    updateActions();
}

void DefinitionStudio::confirmAndDeploy(StudioDocument *document, const QJsonObject &definition,
                                        const QJsonObject &schema, const std::optional<Core::Flow> &deployed)
{
    const Core::FlowFiles files = document->files();
    const QJsonObject after = flowDocument(definition, schema, files.metadata, files.metadata);
    std::optional<QJsonObject> before;
    if (deployed)
        before = flowDocument(deployed->definition, deployed->inputSchema, deployed->raw, files.metadata);
    QPointer<StudioDocument> guard(document);
    DeployDialog dialog(before, after, document->diagnostics()->errorCount(), this);
    if (dialog.exec() != QDialog::Accepted || !guard)
        return setDeploying(guard, false);
    const QJsonObject &metadata = files.metadata;
    const Core::Flow local = document->details();
    const QString &title = local.title;
    const auto given = [&metadata](const char *key) { return metadata.contains(QLatin1StringView(key)); };
    Core::FlowReply *reply = nullptr;
    if (!deployed) { // what the details name is sent; the service's defaults stand for the rest
        Core::CreateFlowOptions options;
        if (given("subtitle"))
            options.subtitle = local.subtitle;
        if (given("description"))
            options.description = local.description;
        if (given("keywords"))
            options.keywords = local.keywords;
        setRoleLists(options, local, given);
        reply = m_client->createFlow(title, definition, schema, options);
    } else {
        Core::UpdateFlowOptions options; // only what differs from the deployed version
        const auto changed = [&](const char *key) {
            return before->value(QLatin1StringView(key)) != after.value(QLatin1StringView(key));
        };
        if (deployed->definition != definition)
            options.definition = definition;
        if (deployed->inputSchema != schema)
            options.inputSchema = schema;
        if (deployed->title != title)
            options.title = title;
        if (changed("subtitle"))
            options.subtitle = local.subtitle;
        if (changed("description"))
            options.description = local.description;
        if (changed("keywords"))
            options.keywords = local.keywords;
        setRoleLists(options, local, changed);
        reply = m_client->updateFlow(deployed->id, options);
    }
    reply->setParent(this); // closing the tab must not cancel a create the service may already have done
    emit statusMessage(deployed ? tr("Updating “%1”…").arg(title) : tr("Creating “%1”…").arg(title));
    connect(reply, &Core::ApiReply::finished, this, [this, reply, guard, isNew = !deployed] {
        reply->deleteLater();
        setDeploying(guard, false);
        const Core::ApiError &error = reply->error();
        if (error.isError()) {
            QStringList details;
            for (const Core::ErrorDetail &detail : error.details)
                details.append(detail.jsonPath() + u": "_s + detail.msg);
            return showError(isNew ? tr("The flow could not be created") : tr("The flow could not be updated"),
                             details.isEmpty() ? error.toString() : details.join(u'\n'));
        }
        const Core::Flow &flow = reply->value();
        if (isNew && guard) {
            guard->setFlowId(flow.id);
            guard->setModified(true); // the bundle's flow.json should learn the id: save it
        } else if (isNew) {
            emit statusMessage(tr("Created “%1” (%2); its tab was closed meanwhile: open it from Flows (Ctrl+E)")
                                   .arg(flow.title, flow.id));
        }
        emit statusMessage(isNew ? tr("Created “%1” (%2)").arg(flow.title, flow.id)
                                 : tr("Updated “%1”").arg(flow.title));
        emit flowDeployed(flow);
    });
}

} // namespace Flowdeck::Ui
