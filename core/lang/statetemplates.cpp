// SPDX-License-Identifier: GPL-3.0-or-later
// The palette's starting points. Action provider URLs and input names follow reference §5.6 and the
// providers' documentation pages: the Transfer providers are the ones at transfer.actions.globus.org
// (the actions.globus.org/transfer/* ones were shut down on 2025-01-22, and set_permission became
// manage_permission); the other hosted providers still live at actions.globus.org.
//
// Every template validates without errors (tst_statetemplates) once the caller connects it: "End":
// true on states that go on; a Choice's single rule points at the placeholder state "NextState",
// which the studio replaces with a real target (a rule without a target would be invalid, and an
// empty name would look like a target); a Fail state stays as it is.
#include "core/lang/statetemplates.h"

#include <QCoreApplication>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Lang {

namespace {

const char *const Context = "Flowdeck::Core::Lang::StateTemplates";

QString tr(const char *text)
{
    return QCoreApplication::translate(Context, text);
}

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

struct TypeEntry
{
    const char *type;
    const char *title;
    const char *description;
    const char *name;
    const char *state; // JSON without Next/End
};

// clang-format off
const TypeEntry TypeEntries[] = {
    {"Action", QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "Action"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Runs an action provider (Transfer, Compute, Search...) and stores its result. Replace the "
                       "URL and the parameters with the provider you need."),
     "RunAction",
     R"({"Type": "Action", "ActionUrl": "https://actions.globus.org/hello_world",
         "Parameters": {"echo_string.$": "$.input.message"}, "ResultPath": "$.RunActionResult"})"},
    {"Pass", QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "Pass"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Copies or reshapes data in the run state without calling anything."),
     "CopyData",
     R"({"Type": "Pass", "Parameters": {"value.$": "$.input.value"}, "ResultPath": "$.copied"})"},
    {"Choice", QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "Choice"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Branches on the run state: the first matching rule names the next state, else Default."),
     "Decide",
     R"({"Type": "Choice",
         "Choices": [{"Variable": "$.input.count", "NumericGreaterThan": 0, "Next": "NextState"}]})"},
    {"Wait", QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "Wait"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Pauses the run for a number of seconds or until a time."),
     "Pause",
     R"({"Type": "Wait", "Seconds": 60})"},
    {"Fail", QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "Fail"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Ends the run as FAILED with an error name and a cause."),
     "FailRun",
     R"({"Type": "Fail", "Error": "FlowFailed", "Cause": "Explain here why the run cannot go on"})"},
    {"ExpressionEval", QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "ExpressionEval"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Computes values with expressions (keys ending in \".=\") and stores them at ResultPath."),
     "ComputeValues",
     R"({"Type": "ExpressionEval", "Parameters": {"greeting.=": "'Hello, ' + input.name"},
         "ResultPath": "$.computed"})"},
    {"CreateWebInput", QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "CreateWebInput"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Creates a web input that asks a person to choose an option; follow it with AwaitWebInput."),
     "AskForApproval",
     R"({"Type": "CreateWebInput",
         "Parameters": {"title": "Approve this run?", "text": "Choose whether the flow goes on.",
                        "options": [{"option_id": "approve", "label": "Approve"},
                                    {"option_id": "reject", "label": "Reject"}]},
         "ResultPath": "$.web_input"})"},
    {"AwaitWebInput", QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "AwaitWebInput"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Waits (the run is INACTIVE) until someone answers the web input created earlier."),
     "WaitForAnswer",
     R"({"Type": "AwaitWebInput", "Parameters": {"WebInputId.$": "$.web_input.web_input_id"},
         "ResultPath": "$.web_input_response"})"},
};

struct ProviderEntry
{
    const char *key; // template id "ap:<key>"
    const char *url;
    const char *title;
    const char *description;
    const char *name;       // nullptr: known for hover help and completion, but no template
    const char *parameters; // JSON
};

const ProviderEntry ProviderEntries[] = {
    {"hello_world", "https://actions.globus.org/hello_world",
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "Hello World"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Echoes echo_string back in its details (optionally after sleep_time seconds); a harmless "
                       "provider for trying a flow out."),
     "HelloWorld", R"({"echo_string.$": "$.input.message"})"},
    {"transfer", "https://transfer.actions.globus.org/transfer",
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "Transfer files"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Submits a Globus Transfer task from source_endpoint to destination_endpoint for the items "
                       "in DATA (source_path, destination_path) and waits for it to finish."),
     "TransferFiles",
     R"({"source_endpoint.$": "$.input.source_endpoint", "destination_endpoint.$": "$.input.destination_endpoint",
         "DATA": [{"source_path.$": "$.input.source_path", "destination_path.$": "$.input.destination_path"}]})"},
    {"ls", "https://transfer.actions.globus.org/ls",
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "List a directory"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Lists the contents of path on the collection endpoint_id; the entries are in the result's "
                       "details.DATA."),
     "ListDirectory", R"({"endpoint_id.$": "$.input.endpoint_id", "path.$": "$.input.path"})"},
    {"mkdir", "https://transfer.actions.globus.org/mkdir",
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "Make a directory"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Creates the directory path on the collection endpoint_id."),
     "MakeDirectory", R"({"endpoint_id.$": "$.input.endpoint_id", "path.$": "$.input.path"})"},
    {"delete", "https://transfer.actions.globus.org/delete",
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "Delete files"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Submits a Globus Transfer delete task for the paths in DATA on the collection endpoint "
                       "(recursive for directories)."),
     "DeleteFiles",
     R"({"endpoint.$": "$.input.endpoint", "DATA": [{"path.$": "$.input.path"}], "recursive": true})"},
    {"manage_permission", "https://transfer.actions.globus.org/manage_permission",
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "Share a folder"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Creates, updates or deletes (operation) an access rule on a guest collection: who "
                       "(principal_type, principal) may do what (permissions \"r\" or \"rw\") under path. Formerly "
                       "set_permission."),
     "SharePath",
     R"({"operation": "CREATE", "endpoint_id.$": "$.input.endpoint_id", "path.$": "$.input.path",
         "principal_type": "identity", "principal.$": "$.input.principal", "permissions": "r"})"},
    {"collection_info", "https://transfer.actions.globus.org/collection_info",
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "Get collection information"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Reads the Transfer document of the collection endpoint_id (entity_type, display_name...)."),
     "GetCollectionInfo", R"({"endpoint_id.$": "$.input.endpoint_id"})"},
    {"search_ingest", "https://actions.globus.org/search/ingest",
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "Add a search record"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Ingests a record (subject, content, visible_to) into the Globus Search index search_index."),
     "IngestRecord",
     R"({"search_index.$": "$.input.search_index", "subject.$": "$.input.subject", "visible_to": ["public"],
         "content.$": "$.input.content"})"},
    {"search_delete", "https://actions.globus.org/search/delete",
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "Delete search records"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Deletes records from the Globus Search index search_index, by subject, entry or query "
                       "(delete_by)."),
     "DeleteRecord",
     R"({"search_index.$": "$.input.search_index", "delete_by": "subject", "subject.$": "$.input.subject"})"},
    {"notify", "https://actions.globus.org/notification/notify",
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "Send an email"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Sends an email to destination through your SMTP server or AWS SES (send_credentials); "
                       "$names in body_template are replaced with body_variables."),
     "SendEmail",
     R"({"destination.$": "$.input.email", "sender.$": "$.input.sender", "subject": "Your flow has finished",
         "body_template": "Hello $name, the run is done.", "body_variables": {"name.$": "$.input.name"},
         "body_mimetype": "text/plain",
         "send_credentials": [{"credential_type": "smtp",
                               "credential_value": {"hostname.$": "$.input.smtp.hostname",
                                                    "username.$": "$.input.smtp.username",
                                                    "password.$": "$.input.smtp.password"}}],
         "__Private_Parameters": ["send_credentials"]})"},
    {"compute", "https://compute.actions.globus.org/v3",
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "Run a Compute function"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Runs registered Globus Compute functions (tasks: function_id, args, kwargs) on the endpoint "
                       "endpoint_id and waits for their results."),
     "RunFunction",
     R"({"endpoint_id.$": "$.input.compute_endpoint",
         "tasks": [{"function_id.$": "$.input.function_id", "args": [], "kwargs.$": "$.input.kwargs"}]})"},
    {"expression_eval", "https://actions.globus.org/expression_eval",
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "Evaluate an expression (provider)"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Evaluates expression with the given arguments. Superseded by the ExpressionEval state and "
                       "\".=\" keys, which need no provider call."),
     "EvaluateExpression", R"({"expression": "x * 2", "arguments": {"x.$": "$.input.x"}})"},
    // Known for completion and hover help; no template.
    {"compute_v2", "https://compute.actions.globus.org",
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "Globus Compute (v2)"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "The older Compute provider (endpoint, function, args, kwargs); new flows use "
                       "https://compute.actions.globus.org/v3."),
     nullptr, nullptr},
    {"stat", "https://transfer.actions.globus.org/stat",
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "Stat a file or directory"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Reads the type, size and times of one path on a collection."),
     nullptr, nullptr},
    {"wait_for_option", "https://actions.globus.org/weboption/wait_for_option",
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "Wait for a user selection"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Offers options as web links and waits until someone selects one (selectable_by)."),
     nullptr, nullptr},
    {"datacite_mint", "https://actions.globus.org/datacite/mint/basic_auth",
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates", "Mint a DataCite DOI"),
     QT_TRANSLATE_NOOP("Flowdeck::Core::Lang::StateTemplates",
                       "Creates a DOI with DataCite from DataCite metadata and your repository credentials."),
     nullptr, nullptr},
};
// clang-format on

QList<StateTemplate> buildTemplates()
{
    QList<StateTemplate> templates;
    const QString types = tr("State types");
    for (const TypeEntry &e : TypeEntries)
        templates.append({u"type:"_s + QLatin1StringView(e.type), tr(e.title), types, tr(e.description),
                          QLatin1StringView(e.name), object(e.state)});
    const QString providers = tr("Action providers");
    for (const ProviderEntry &e : ProviderEntries) {
        if (!e.name)
            continue;
        const QString name = QLatin1StringView(e.name);
        const QJsonObject state{{u"Type"_s, u"Action"_s},
                                {u"ActionUrl"_s, QString::fromLatin1(e.url)},
                                {u"Parameters"_s, object(e.parameters)},
                                {u"ResultPath"_s, QString(u"$."_s + name + u"Result"_s)}};
        templates.append({u"ap:"_s + QLatin1StringView(e.key), tr(e.title), providers, tr(e.description), name, state});
    }
    return templates;
}

const QList<StateTemplate> &templateList()
{
    static const QList<StateTemplate> templates = buildTemplates();
    return templates;
}

} // namespace

QList<StateTemplate> stateTemplates()
{
    return templateList();
}

const StateTemplate *findStateTemplate(const QString &id)
{
    for (const StateTemplate &t : templateList())
        if (t.id == id)
            return &t;
    return nullptr;
}

QList<ActionProviderInfo> wellKnownActionProviders()
{
    QList<ActionProviderInfo> providers;
    for (const ProviderEntry &e : ProviderEntries)
        providers.append({QLatin1StringView(e.url), tr(e.title), tr(e.description)});
    return providers;
}

} // namespace Flowdeck::Core::Lang
