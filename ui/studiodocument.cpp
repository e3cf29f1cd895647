// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/studiodocument.h"

#include "core/api/flowsclient.h"
#include "core/lang/completion.h"
#include "core/lang/flowedit.h"
#include "core/lang/quickfix.h"
#include "core/lang/statetemplates.h"
#include "core/models/diagnosticsmodel.h"
#include "core/models/flowanalyzer.h"
#include "ui/codeeditor.h"
#include "ui/codeeditorpane.h"
#include "ui/flowgraphview.h"
#include "ui/flowmetadatadialog.h"
#include "ui/problemsview.h"
#include "ui/schemapanel.h"
#include "ui/statepalette.h"

#include <QAbstractGraphicsShapeItem>
#include <QFileInfo>
#include <QFormLayout>
#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

using namespace Core::Lang;

StudioDocument::StudioDocument(QWidget *parent)
    : QWidget(parent)
    , m_definitionPane(new CodeEditorPane(this))
    , m_schemaPane(new CodeEditorPane(this))
    , m_definition(m_definitionPane->editor())
    , m_schema(m_schemaPane->editor())
    , m_sources(new QTabWidget(this))
    , m_side(new QTabWidget(this))
    , m_graph(new FlowGraphView(this))
    , m_palette(new StatePalette(this))
    , m_problems(new ProblemsView(this))
    , m_schemaPanel(new SchemaPanel(this))
    , m_serverSummary(new QLabel(this))
    , m_diagnosticsModel(new Core::DiagnosticsModel(this))
    , m_analyzer(new Core::FlowAnalyzer(this))
{
    m_definition->setObjectName(u"definitionEditor"_s);
    m_schema->setObjectName(u"schemaEditor"_s);
    m_definition->setCompletionProvider([this](const QByteArray &text, qsizetype offset) {
        return DefinitionAssist::completeAt(text, offset, m_analysis.definition);
    });
    m_definition->setHoverProvider(
        [](const QByteArray &text, qsizetype offset) { return DefinitionAssist::hoverHelp(text, offset); });
    m_sources->addTab(m_definitionPane, tr("&Definition"));
    m_sources->addTab(m_schemaPane, tr("&Input schema"));
    m_sources->addTab(buildDetails(), tr("D&etails"));
    m_sources->setDocumentMode(true);

    m_problems->setModel(m_diagnosticsModel);
    m_serverSummary->setWordWrap(true);
    m_serverSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_serverSummary->setObjectName(u"serverSummary"_s);
    m_serverSummary->hide();

    auto *left = new QSplitter(Qt::Vertical, this);
    left->addWidget(m_sources);
    left->addWidget(m_problems);
    left->setStretchFactor(0, 4);
    left->setStretchFactor(1, 1);

    auto *graphPage = new QSplitter(Qt::Horizontal, this);
    graphPage->addWidget(m_palette);
    graphPage->addWidget(m_graph);
    graphPage->setStretchFactor(1, 1);
    graphPage->setSizes({150, 650});
    m_graph->setEditable(true);
    m_side->addTab(graphPage, tr("&Graph"));
    m_side->addTab(m_schemaPanel, tr("For&m and schema check"));
    m_side->setDocumentMode(true);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_side);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_serverSummary);
    layout->addWidget(split);

    connect(m_definition, &QsciScintilla::textChanged, this, &StudioDocument::textEdited);
    connect(m_schema, &QsciScintilla::textChanged, this, &StudioDocument::textEdited);
    connect(m_analyzer, &Core::FlowAnalyzer::analyzed, this, &StudioDocument::applyAnalysis);
    connect(m_definition, &CodeEditor::cursorOffsetChanged, this, &StudioDocument::syncGraphToCursor);
    connect(m_definition, &CodeEditor::message, this, &StudioDocument::statusMessage);
    connect(m_schema, &CodeEditor::message, this, &StudioDocument::statusMessage);
    connect(m_graph, &FlowGraphView::stateSelected, this, &StudioDocument::revealState);
    connect(m_graph, &FlowGraphView::layoutFinished, this, &StudioDocument::keepGraphReadable);
    connect(m_graph, &FlowGraphView::renameRequested, this, &StudioDocument::askRename);
    connect(m_graph, &FlowGraphView::deleteRequested, this, &StudioDocument::deleteState);
    connect(m_graph, &FlowGraphView::connectRequested, this, &StudioDocument::connectStates);
    connect(m_graph, &FlowGraphView::addStateRequested, this, &StudioDocument::addState);
    connect(m_palette, &StatePalette::templateActivated, this,
            [this](const QString &id) { addState(id, m_graph->selectedState()); });
    connect(m_problems, &ProblemsView::rowActivated, this, &StudioDocument::revealRow);
    connect(m_problems, &ProblemsView::quickFixRequested, this, [this](int row, int fix) { applyQuickFix(row, fix); });
    m_problems->setQuickFixProvider([this](int row) {
        QStringList titles;
        for (const TextChange &change : quickFixesForRow(row))
            titles.append(change.title);
        return titles;
    });
    connect(m_schemaPanel, &SchemaPanel::pathActivated, this, [this](const TextRange &range, bool inSchema) {
        m_sources->setCurrentWidget(inSchema ? m_schemaPane : m_definitionPane);
        (inSchema ? m_schema : m_definition)->selectRange(range);
    });
}

StudioDocument::~StudioDocument() = default;

QWidget *StudioDocument::buildDetails()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_titleEdit = new QLineEdit(page);
    m_titleEdit->setObjectName(u"title"_s);
    m_titleEdit->setPlaceholderText(tr("Required to deploy"));
    m_subtitleEdit = new QLineEdit(page);
    m_subtitleEdit->setObjectName(u"subtitle"_s);
    m_descriptionEdit = new QPlainTextEdit(page);
    m_descriptionEdit->setObjectName(u"description"_s);
    m_keywordsEdit = new QLineEdit(page);
    m_keywordsEdit->setObjectName(u"keywords"_s);
    m_keywordsEdit->setPlaceholderText(tr("Comma-separated"));
    m_flowIdLabel = new QLabel(page);
    m_flowIdLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_rolesLabel = new QLabel(page);
    m_rolesLabel->setWordWrap(true);
    m_rolesLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *roles = new QPushButton(tr("&Roles…"), page);
    roles->setObjectName(u"editRoles"_s);
    connect(roles, &QPushButton::clicked, this, &StudioDocument::editRoles);
    form->addRow(tr("&Title:"), m_titleEdit);
    form->addRow(tr("S&ubtitle:"), m_subtitleEdit);
    form->addRow(tr("Descri&ption:"), m_descriptionEdit);
    form->addRow(tr("&Keywords:"), m_keywordsEdit);
    form->addRow(tr("Deployed as:"), m_flowIdLabel);
    form->addRow(tr("Roles:"), m_rolesLabel);
    form->addRow(QString(), roles);
    for (QLineEdit *edit : {m_titleEdit, m_subtitleEdit, m_keywordsEdit})
        connect(edit, &QLineEdit::textEdited, this, &StudioDocument::detailsEdited);
    connect(m_descriptionEdit, &QPlainTextEdit::textChanged, this, &StudioDocument::detailsEdited);
    return page;
}

void StudioDocument::load(const Core::FlowFiles &files)
{
    m_loading = true;
    m_files = files;
    m_definition->setTextBytes(files.definition);
    m_schema->setTextBytes(files.inputSchema);
    showDetails();
    m_serverProblems.clear();
    m_serverSummary->hide();
    m_loading = false;
    setModified(false);
    emit titleChanged(title());
    analyzeNow();
}

// The details kept as the service names them ("flow_starters", ...) read as a Flow, by core's own parser.
Core::Flow StudioDocument::details() const
{
    QJsonObject document = m_files.metadata;
    document.insert(u"id"_s, u"-"_s); // the parser wants a service document, which always has one
    Core::Flow flow;
    QString ignored;
    Core::fromJson(document, flow, &ignored);
    flow.id = flowId(); // empty until deployed
    return flow;
}

// The details form shows the metadata; loading it must not count as an edit.
void StudioDocument::showDetails()
{
    const bool loading = m_loading;
    m_loading = true;
    const Core::Flow flow = details();
    m_titleEdit->setText(flow.title);
    m_subtitleEdit->setText(flow.subtitle);
    m_descriptionEdit->setPlainText(flow.description);
    m_keywordsEdit->setText(flow.keywords.join(u", "_s));
    m_flowIdLabel->setText(flow.id.isEmpty() ? tr("not deployed") : flow.id);
    const std::pair<QString, QStringList> roleLists[] = {{tr("viewers"), flow.flowViewers},
                                                         {tr("starters"), flow.flowStarters},
                                                         {tr("administrators"), flow.flowAdministrators},
                                                         {tr("run managers"), flow.runManagers},
                                                         {tr("run monitors"), flow.runMonitors}};
    QStringList roles;
    for (const auto &[name, list] : roleLists)
        if (!list.isEmpty())
            roles.append(u"%1: %2"_s.arg(name, list.join(u", "_s)));
    m_rolesLabel->setText(roles.isEmpty() ? tr("the service's defaults (only you)") : roles.join(u'\n'));
    m_loading = loading;
}

void StudioDocument::editRoles()
{
    FlowMetadataDialog dialog(details(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Core::UpdateFlowOptions changes = dialog.changes();
    const auto setText = [this](const char *key, const std::optional<QString> &value) {
        if (value)
            m_files.metadata.insert(QLatin1StringView(key), *value);
    };
    const auto setList = [this](const char *key, const Core::OptionalStrings &value) {
        if (value)
            m_files.metadata.insert(QLatin1StringView(key), QJsonArray::fromStringList(*value));
    };
    setText("title", changes.title);
    setText("subtitle", changes.subtitle);
    setText("description", changes.description);
    setList("keywords", changes.keywords);
    setList("flow_viewers", changes.flowViewers);
    setList("flow_starters", changes.flowStarters);
    setList("flow_administrators", changes.flowAdministrators);
    setList("run_managers", changes.runManagers);
    setList("run_monitors", changes.runMonitors);
    showDetails();
    setModified(true);
    emit titleChanged(title());
}

Core::FlowFiles StudioDocument::files() const
{
    Core::FlowFiles files = m_files;
    files.definition = m_definition->textBytes();
    files.inputSchema = m_schema->textBytes();
    return files;
}

QString StudioDocument::title() const
{
    const QString title = m_files.metadata.value("title"_L1).toString();
    if (!title.isEmpty())
        return title;
    if (!m_files.sourcePath.isEmpty())
        return QFileInfo(m_files.sourcePath).fileName();
    return tr("Untitled");
}

QString StudioDocument::flowId() const
{
    return m_files.metadata.value("flow_id"_L1).toString();
}

void StudioDocument::setFlowId(const QString &id)
{
    m_files.metadata.insert(u"flow_id"_s, id);
    m_flowIdLabel->setText(id);
}

void StudioDocument::setBundleDirectory(const QString &directory)
{
    m_files.bundleDirectory = directory;
    m_files.sourcePath = directory;
}

void StudioDocument::setDefinitionFormat(const QString &format)
{
    m_files.definitionFormat = format;
}

void StudioDocument::setModified(bool modified)
{
    if (m_modified == modified)
        return;
    m_modified = modified;
    emit modifiedChanged(modified);
}

void StudioDocument::detailsEdited()
{
    if (m_loading)
        return;
    const auto set = [this](const QString &key, const QString &value) {
        if (value.isEmpty())
            m_files.metadata.remove(key);
        else
            m_files.metadata.insert(key, value);
    };
    set(u"title"_s, m_titleEdit->text().trimmed());
    set(u"subtitle"_s, m_subtitleEdit->text().trimmed());
    set(u"description"_s, m_descriptionEdit->toPlainText()); // as typed: it is deployed
    QJsonArray keywords;
    for (const QString &keyword : m_keywordsEdit->text().split(u',', Qt::SkipEmptyParts))
        if (!keyword.trimmed().isEmpty())
            keywords.append(keyword.trimmed());
    if (keywords.isEmpty())
        m_files.metadata.remove(u"keywords"_s);
    else
        m_files.metadata.insert(u"keywords"_s, keywords);
    setModified(true);
    emit titleChanged(title());
}

void StudioDocument::setClient(Core::FlowsClient *client)
{
    m_client = client;
}

void StudioDocument::textEdited()
{
    if (m_loading)
        return;
    setModified(true);
    m_analyzer->schedule(m_definition->textBytes(), m_schema->textBytes());
}

void StudioDocument::analyzeNow()
{
    m_analyzer->analyzeNow(m_definition->textBytes(), m_schema->textBytes());
}

bool StudioDocument::isAnalysisCurrent() const
{
    return m_analyzer->isIdle() && m_analysis.definition.text() == m_definition->textBytes() &&
           m_analysis.inputSchema.text() == m_schema->textBytes();
}

void StudioDocument::applyAnalysis(const FlowAnalysis &analysis)
{
    // A result for texts that changed since is dropped: the analysis of the newer text is on its way.
    if (analysis.definition.text() != m_definition->textBytes() || analysis.inputSchema.text() != m_schema->textBytes())
        return;
    m_analysis = analysis;
    const QList<Diagnostic> serverDefinition = placedServerProblems(analysis.definition, u"definition"_s);
    const QList<Diagnostic> serverSchema = placedServerProblems(analysis.inputSchema, u"input_schema"_s);
    m_definition->setDiagnostics(analysis.definitionDiagnostics + serverDefinition);
    m_schema->setDiagnostics(analysis.schemaDiagnostics + serverSchema);
    m_diagnosticsModel->setDiagnostics(Core::DiagnosticsModel::Source::Local,
                                       analysis.definitionDiagnostics + analysis.schemaDiagnostics);
    m_diagnosticsModel->setDiagnostics(Core::DiagnosticsModel::Source::Server, serverDefinition + serverSchema);
    if (analysis.definition.isValid() && analysis.definition.text() != m_graphText) {
        m_graphText = analysis.definition.text();
        m_graph->setDefinition(analysis.definition);
    }
    m_schemaPanel->setAnalysis(analysis);
    emit analyzed();
}

// The service's "loc" paths ("definition", "States", ...) are found again in the current text, so
// its findings stay on the right state while the user edits.
QList<Diagnostic> StudioDocument::placedServerProblems(const JsonText &text, const QString &part) const
{
    QList<Diagnostic> placed;
    for (const Core::ErrorDetail &detail : m_serverProblems) {
        const bool inSchema = detail.loc.first().toString() == "input_schema"_L1;
        if (inSchema != (part == "input_schema"_L1))
            continue;
        QJsonArray path = detail.loc;
        const bool prefixed = !path.isEmpty() && path.first().toString() == part;
        if (prefixed)
            path.removeFirst();
        const TextRange range = text.keyRange(path).value_or(text.nearest(path).second);
        QJsonArray fullPath = path;
        fullPath.prepend(part);
        placed.append({Diagnostic::Severity::Error, detail.type.isEmpty() ? u"service"_s : detail.type, detail.msg,
                       fullPath, range});
    }
    return placed;
}

// A big flow fitted into the pane is too small to read or to click: show it at a readable size,
// starting where the flow starts (or at the selected state), with the minimap for the rest.
void StudioDocument::keepGraphReadable()
{
    constexpr qreal Readable = 0.75;
    if (m_graphSized || m_graph->graph().isEmpty() || m_graph->zoom() >= Readable * 0.8)
        return;
    m_graphSized = true;
    m_graph->setZoom(Readable);
    const QString focus = m_graph->selectedState().isEmpty() && m_graph->graph().start >= 0
                              ? m_graph->graph().nodes.at(m_graph->graph().start).name
                              : m_graph->selectedState();
    if (QAbstractGraphicsShapeItem *item = m_graph->nodeItem(focus))
        m_graph->centerOn(item);
}

void StudioDocument::syncGraphToCursor(qsizetype offset)
{
    if (m_syncingSelection || !m_analysis.definition.isValid() ||
        m_analysis.definition.text().size() != m_definition->textBytes().size())
        return;
    const QJsonArray states = FlowEdit::definitionPath(m_analysis.definition) + u"States"_s;
    for (const JsonNode state : m_analysis.definition.node(states)) {
        const auto key = m_analysis.definition.keyRange(states + state.key());
        if (key && offset >= key->start.offset && offset <= state.range().end.offset) {
            m_syncingSelection = true;
            m_graph->selectState(state.key());
            m_syncingSelection = false;
            return;
        }
    }
}

void StudioDocument::revealState(const QString &name)
{
    if (m_syncingSelection)
        return;
    // A click in the graph needs no new parse of a big text when the analysis is of the current one.
    const QByteArray current = m_definition->textBytes();
    const JsonText text = m_analysis.definition.text() == current ? m_analysis.definition : JsonText::parse(current);
    const auto range = text.keyRange(FlowEdit::definitionPath(text) + u"States"_s + name);
    if (!range)
        return;
    m_syncingSelection = true;
    m_sources->setCurrentWidget(m_definitionPane);
    m_definition->selectRange(*range);
    m_syncingSelection = false;
}

void StudioDocument::revealRow(int row)
{
    if (row < 0 || row >= m_diagnosticsModel->rowCount())
        return;
    const Diagnostic diagnostic = m_diagnosticsModel->diagnostic(row);
    const bool inSchema = !diagnostic.path.isEmpty() && diagnostic.path.first().toString() == "input_schema"_L1;
    CodeEditor *editor = inSchema ? m_schema : m_definition;
    m_sources->setCurrentWidget(inSchema ? m_schemaPane : m_definitionPane);
    editor->selectRange(diagnostic.range);
    editor->setFocus();
}

QList<TextChange> StudioDocument::quickFixesForRow(int row) const
{
    if (row < 0 || row >= m_diagnosticsModel->rowCount())
        return {};
    Diagnostic diagnostic = m_diagnosticsModel->diagnostic(row);
    if (diagnostic.path.isEmpty() || diagnostic.path.first().toString() != "definition"_L1)
        return {};
    diagnostic.path.removeFirst(); // paths of the combined document; the editor holds the definition
    return quickFixes(JsonText::parse(m_definition->textBytes()), diagnostic);
}

bool StudioDocument::applyQuickFix(int row, int fix)
{
    const QList<TextChange> fixes = quickFixesForRow(row);
    if (fix < 0 || fix >= fixes.size())
        return false;
    m_definition->applyEdits(fixes.at(fix).edits);
    emit statusMessage(fixes.at(fix).title);
    analyzeNow();
    return true;
}

bool StudioDocument::applyChange(const TextChange &change, const QString &error, const QString &select)
{
    if (change.isEmpty()) {
        emit statusMessage(error);
        return false;
    }
    m_definition->applyEdits(change.edits);
    emit statusMessage(change.title);
    analyzeNow();
    if (!select.isEmpty())
        revealState(select);
    return true;
}

// Graph edits need the definition's JSON to be valid: they rewrite it by its structure.
static bool editable(const JsonText &text, QString *error)
{
    if (text.isValid())
        return true;
    *error = StudioDocument::tr("Fix the definition's JSON syntax first (see Problems)");
    return false;
}

bool StudioDocument::renameState(const QString &from, const QString &to)
{
    const JsonText text = JsonText::parse(m_definition->textBytes());
    QString error;
    if (!editable(text, &error))
        return applyChange({}, error);
    return applyChange(FlowEdit::renameState(text, from, to, &error), error, to);
}

bool StudioDocument::deleteState(const QString &name)
{
    const JsonText text = JsonText::parse(m_definition->textBytes());
    QString error;
    if (!editable(text, &error))
        return applyChange({}, error);
    return applyChange(FlowEdit::deleteState(text, name, &error), error);
}

bool StudioDocument::addState(const QString &templateId, const QString &connectFrom)
{
    const StateTemplate *found = findStateTemplate(templateId);
    const JsonText text = JsonText::parse(m_definition->textBytes());
    QString error = tr("There is no state template \"%1\"").arg(templateId);
    if (!found || !editable(text, &error))
        return applyChange({}, error);
    const QString name = FlowEdit::uniqueStateName(text, found->suggestedName);
    return applyChange(FlowEdit::addState(text, name, found->state, connectFrom, &error), error, name);
}

bool StudioDocument::connectStates(const QString &from, EdgeKind kind, int index, const QString &to)
{
    const JsonText text = JsonText::parse(m_definition->textBytes());
    QString error;
    if (!editable(text, &error))
        return applyChange({}, error);
    return applyChange(FlowEdit::connect(text, from, kind, index, to, &error), error);
}

void StudioDocument::validateOnServer()
{
    const QJsonValue definition = JsonText::parse(m_definition->textBytes()).value();
    const JsonText schemaText = JsonText::parse(m_schema->textBytes());
    const bool noSchema = m_schema->textBytes().trimmed().isEmpty();
    m_serverSummary->show();
    if (!m_client) {
        m_serverSummary->setText(tr("Not connected to a Flows service."));
        return;
    }
    if (!definition.isObject() || (!noSchema && !schemaText.value().isObject())) {
        m_serverSummary->setText(tr("The service can only check valid JSON objects: fix the syntax errors first."));
        return;
    }
    m_serverSummary->setText(tr("Checking with the service…"));
    auto *reply = m_client->validateFlow(definition.toObject(),
                                         noSchema ? std::nullopt : std::optional(schemaText.value().toObject()));
    connect(reply, &Core::ApiReply::finished, this, [this, reply] {
        reply->deleteLater();
        const Core::ApiError &error = reply->error();
        m_serverProblems = error.details;
        if (error.isError()) {
            m_serverSummary->setText(
                error.details.isEmpty()
                    ? tr("The service did not accept the flow: %1").arg(error.toString())
                    : tr("The service found %n problem(s); they are marked in the text and listed in Problems.",
                         nullptr, int(error.details.size())));
        } else {
            QStringList scopes;
            for (auto it = reply->value().scopes.cbegin(); it != reply->value().scopes.cend(); ++it)
                scopes.append(u"%1: %2"_s.arg(it.key(), it.value().join(u", "_s)));
            const auto possibilities = reply->value().numberOfPossibilities;
            m_serverSummary->setText(
                tr("The service accepts this flow. Possible state traversals: %1. Consents it will ask for: %2.")
                    .arg(possibilities ? QString::number(*possibilities) : tr("not reported"),
                         scopes.isEmpty() ? tr("none") : scopes.join(u"; "_s)));
        }
        analyzeNow();
    });
}

void StudioDocument::askRename(const QString &state)
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename state"), tr("New name for \"%1\":").arg(state),
                                               QLineEdit::Normal, state, &ok);
    if (ok && name != state)
        renameState(state, name.trimmed());
}

} // namespace Flowdeck::Ui
