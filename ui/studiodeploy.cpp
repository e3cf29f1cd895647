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

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

namespace {

const char *const MetadataKeys[] = {"title",        "subtitle",      "description",         "keywords",
                                    "flow_viewers", "flow_starters", "flow_administrators", "run_managers",
                                    "run_monitors"};

bool isRoleKey(const char *key)
{
    for (const char *role : {"flow_viewers", "flow_starters", "flow_administrators", "run_managers", "run_monitors"})
        if (qstrcmp(role, key) == 0)
            return true;
    return false;
}

// The flow as the review compares it: definition, schema and the details the service keeps. Role
// lists count only when the local details name them (a bundle without roles leaves them alone).
QJsonObject flowDocument(const QJsonObject &definition, const QJsonObject &schema, const QJsonObject &metadata,
                         const QJsonObject &local)
{
    QJsonObject document{{u"definition"_s, definition}, {u"input_schema"_s, schema}};
    for (const char *key : MetadataKeys) {
        if (isRoleKey(key) && !local.contains(QLatin1StringView(key)))
            continue;
        const QJsonValue value = metadata.value(QLatin1StringView(key));
        const bool empty = value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty()) ||
                           (value.isArray() && value.toArray().isEmpty());
        if (!empty)
            document.insert(QLatin1StringView(key), value);
    }
    return document;
}

std::optional<QStringList> strings(const QJsonObject &metadata, const char *key)
{
    const QJsonValue value = metadata.value(QLatin1StringView(key));
    if (!value.isArray())
        return std::nullopt;
    QStringList list;
    for (const QJsonValue &item : value.toArray())
        list.append(item.toString());
    return list;
}

std::optional<QString> text(const QJsonObject &metadata, const char *key)
{
    const QJsonValue value = metadata.value(QLatin1StringView(key));
    return value.isString() ? std::optional(value.toString()) : std::nullopt;
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
    const QString title = metadata.value("title"_L1).toString();
    Core::FlowReply *reply = nullptr;
    if (!deployed) {
        Core::CreateFlowOptions options;
        options.subtitle = text(metadata, "subtitle");
        options.description = text(metadata, "description");
        options.keywords = strings(metadata, "keywords");
        options.flowViewers = strings(metadata, "flow_viewers");
        options.flowStarters = strings(metadata, "flow_starters");
        options.flowAdministrators = strings(metadata, "flow_administrators");
        options.runManagers = strings(metadata, "run_managers");
        options.runMonitors = strings(metadata, "run_monitors");
        reply = m_client->createFlow(title, definition, schema, options);
    } else {
        Core::UpdateFlowOptions options; // only what differs from the deployed version
        if (deployed->definition != definition)
            options.definition = definition;
        if (deployed->inputSchema != schema)
            options.inputSchema = schema;
        if (deployed->title != title)
            options.title = title;
        const auto changed = [&](const char *key) {
            return before->value(QLatin1StringView(key)) != after.value(QLatin1StringView(key));
        };
        if (changed("subtitle"))
            options.subtitle = text(metadata, "subtitle").value_or(QString());
        if (changed("description"))
            options.description = text(metadata, "description").value_or(QString());
        if (changed("keywords"))
            options.keywords = strings(metadata, "keywords").value_or(QStringList());
        const std::pair<const char *, Core::OptionalStrings *> roles[] = {
            {"flow_viewers", &options.flowViewers},
            {"flow_starters", &options.flowStarters},
            {"flow_administrators", &options.flowAdministrators},
            {"run_managers", &options.runManagers},
            {"run_monitors", &options.runMonitors}};
        for (const auto &[key, option] : roles)
            if (changed(key))
                *option = strings(metadata, key).value_or(QStringList());
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
