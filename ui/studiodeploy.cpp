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
#include <QTabWidget>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

namespace {

const char *const MetadataKeys[] = {"title",        "subtitle",      "description",         "keywords",
                                    "flow_viewers", "flow_starters", "flow_administrators", "run_managers",
                                    "run_monitors"};

// The flow as the review compares it: definition, schema and the details the service keeps.
QJsonObject flowDocument(const QJsonObject &definition, const QJsonObject &schema, const QJsonObject &metadata)
{
    QJsonObject document{{u"definition"_s, definition}, {u"input_schema"_s, schema}};
    for (const char *key : MetadataKeys) {
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
    const QString flowId = document->flowId();
    if (flowId.isEmpty())
        return confirmAndDeploy(document, definition.toObject(), schema.toObject(), std::nullopt);
    emit statusMessage(tr("Fetching the deployed version of “%1”…").arg(document->title()));
    auto *reply = m_client->getFlow(flowId);
    reply->setParent(document);
    connect(reply, &Core::ApiReply::finished, this,
            [this, reply, document, definition = definition.toObject(), schema = schema.toObject()] {
                reply->deleteLater();
                if (reply->error().httpStatus == 404) {
                    const auto answer = QMessageBox::question(
                        this, tr("Deployed flow not found"),
                        tr("The service no longer has the flow this document was deployed as. Create a new flow?"));
                    if (answer == QMessageBox::Yes)
                        confirmAndDeploy(document, definition, schema, std::nullopt);
                    return;
                }
                if (reply->error().isError())
                    return showError(tr("The deployed flow could not be fetched"), reply->error().toString());
                confirmAndDeploy(document, definition, schema, reply->value());
            });
}

void DefinitionStudio::confirmAndDeploy(StudioDocument *document, const QJsonObject &definition,
                                        const QJsonObject &schema, const std::optional<Core::Flow> &deployed)
{
    const Core::FlowFiles files = document->files();
    const QJsonObject after = flowDocument(definition, schema, files.metadata);
    std::optional<QJsonObject> before;
    if (deployed)
        before = flowDocument(deployed->definition, deployed->inputSchema, deployed->raw);
    DeployDialog dialog(before, after, document->diagnostics()->errorCount(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
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
        reply = m_client->updateFlow(deployed->id, options);
    }
    reply->setParent(document);
    emit statusMessage(deployed ? tr("Updating “%1”…").arg(title) : tr("Creating “%1”…").arg(title));
    m_deploy->setEnabled(false);
    connect(reply, &Core::ApiReply::finished, this, [this, reply, document, isNew = !deployed] {
        reply->deleteLater();
        m_deploy->setEnabled(currentDocument() != nullptr);
        const Core::ApiError &error = reply->error();
        if (error.isError()) {
            QStringList details;
            for (const Core::ErrorDetail &detail : error.details)
                details.append(detail.jsonPath() + u": "_s + detail.msg);
            return showError(isNew ? tr("The flow could not be created") : tr("The flow could not be updated"),
                             details.isEmpty() ? error.toString() : details.join(u'\n'));
        }
        const Core::Flow &flow = reply->value();
        if (isNew) {
            document->setFlowId(flow.id);
            document->setModified(true); // the bundle's flow.json should learn the id: save it
        }
        emit statusMessage(isNew ? tr("Created “%1” (%2)").arg(flow.title, flow.id)
                                 : tr("Updated “%1”").arg(flow.title));
        emit flowDeployed(flow);
    });
}

} // namespace Flowdeck::Ui
