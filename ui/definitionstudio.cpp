// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/definitionstudio.h"

#include "core/api/flowsclient.h"
#include "core/lang/yamlflow.h"
#include "core/models/atomicfile.h"
#include "core/models/draftstore.h"
#include "ui/codeeditor.h"
#include "ui/flowgraphview.h"
#include "ui/studiodocument.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QUuid>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

namespace {

constexpr int MaxRecent = 10;
const QString RecentKey = u"studio/recentFiles"_s;

// A flow that validates as it is: one state that says hello. Easier to grow than an empty page.
const char *StarterDefinition = "{\n"
                                "  \"Comment\": \"Describe what this flow does\",\n"
                                "  \"StartAt\": \"SayHello\",\n"
                                "  \"States\": {\n"
                                "    \"SayHello\": {\n"
                                "      \"Type\": \"Pass\",\n"
                                "      \"Result\": {\"greeting\": \"Hello\"},\n"
                                "      \"ResultPath\": \"$.hello\",\n"
                                "      \"End\": true\n"
                                "    }\n"
                                "  }\n"
                                "}\n";
const char *StarterSchema = "{\n"
                            "  \"type\": \"object\",\n"
                            "  \"properties\": {},\n"
                            "  \"additionalProperties\": false\n"
                            "}\n";

QString definitionText(const QJsonObject &definition)
{
    return QString::fromUtf8(QJsonDocument(definition).toJson(QJsonDocument::Indented));
}

} // namespace

DefinitionStudio::DefinitionStudio(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_menu(new QMenu(tr("&Studio"), this))
    , m_recentMenu(new QMenu(tr("Open &Recent"), this))
    , m_autosave(new QTimer(this))
{
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this,
            [this](int index) { closeDocument(qobject_cast<StudioDocument *>(m_tabs->widget(index))); });
    connect(m_tabs, &QTabWidget::currentChanged, this, &DefinitionStudio::updateActions);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    createActions();
    m_autosave->setInterval(AutosaveIntervalMs);
    connect(m_autosave, &QTimer::timeout, this, &DefinitionStudio::autosave);
    m_autosave->start();
    updateActions();
}

DefinitionStudio::~DefinitionStudio() = default;

void DefinitionStudio::createActions()
{
    const auto add = [this](const QString &text, const QKeySequence &keys, auto slot) {
        QAction *action = m_menu->addAction(text);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    add(tr("&New Flow"), QKeySequence::New, [this] { newDocument(); });
    add(tr("&Open…"), QKeySequence::Open, [this] { openFile({}); });
    m_menu->addMenu(m_recentMenu);
    m_menu->addSeparator();
    m_save = add(tr("&Save"), QKeySequence::Save, [this] { save(currentDocument()); });
    m_saveAs = add(tr("Save &As…"), QKeySequence::SaveAs, [this] { saveAs(currentDocument()); });
    m_export = add(tr("&Export Definition…"), QKeySequence(), [this] { exportDefinition(currentDocument()); });
    m_exportGraph = add(tr("Export &Graph…"), QKeySequence(), [this] { exportGraph(currentDocument()); });
    m_close = add(tr("&Close"), QKeySequence(Qt::CTRL | Qt::Key_F4), [this] { closeDocument(currentDocument()); });
    m_menu->addSeparator();
    m_validate = add(tr("&Validate on the Service"), QKeySequence(Qt::Key_F7), [this] {
        if (StudioDocument *document = currentDocument())
            document->validateOnServer();
    });
    m_deploy =
        add(tr("&Deploy…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D), [this] { deploy(currentDocument()); });
    rebuildRecentMenu();
}

void DefinitionStudio::updateActions()
{
    const bool any = currentDocument() != nullptr;
    for (QAction *action : {m_save, m_saveAs, m_export, m_exportGraph, m_close, m_validate, m_deploy})
        action->setEnabled(any);
    m_deploy->setEnabled(any && !currentDocument()->isDeploying());
}

void DefinitionStudio::setClient(Core::FlowsClient *client)
{
    m_client = client;
    for (StudioDocument *document : documents())
        document->setClient(client);
}

void DefinitionStudio::setDraftStore(Core::DraftStore *store)
{
    m_drafts = store;
}

StudioDocument *DefinitionStudio::currentDocument() const
{
    return qobject_cast<StudioDocument *>(m_tabs->currentWidget());
}

QList<StudioDocument *> DefinitionStudio::documents() const
{
    QList<StudioDocument *> list;
    for (int i = 0; i < m_tabs->count(); ++i)
        list.append(qobject_cast<StudioDocument *>(m_tabs->widget(i)));
    return list;
}

StudioDocument *DefinitionStudio::addDocument(const Core::FlowFiles &files)
{
    auto *document = new StudioDocument(m_tabs);
    document->setClient(m_client);
    document->load(files);
    const int index = m_tabs->addTab(document, document->title());
    m_tabs->setCurrentIndex(index);
    connect(document, &StudioDocument::modifiedChanged, this, [this, document] { updateTab(document); });
    connect(document, &StudioDocument::titleChanged, this, [this, document] { updateTab(document); });
    connect(document, &StudioDocument::statusMessage, this, &DefinitionStudio::statusMessage);
    updateTab(document);
    updateActions();
    return document;
}

void DefinitionStudio::updateTab(StudioDocument *document)
{
    const int index = m_tabs->indexOf(document);
    if (index < 0)
        return;
    m_tabs->setTabText(index, (document->isModified() ? u"● "_s : QString()) + document->title());
    const Core::FlowFiles files = document->files();
    m_tabs->setTabToolTip(index, files.bundleDirectory.isEmpty() ? tr("Not saved yet")
                                                                 : QDir::toNativeSeparators(files.bundleDirectory));
}

StudioDocument *DefinitionStudio::newDocument()
{
    Core::FlowFiles files;
    files.definition = StarterDefinition;
    files.inputSchema = StarterSchema;
    StudioDocument *document = addDocument(files);
    document->definitionEditor()->setFocus();
    return document;
}

StudioDocument *DefinitionStudio::openFile(const QString &given)
{
    QString path = given;
    if (path.isEmpty())
        path = QFileDialog::getOpenFileName(this, tr("Open a flow"), QString(),
                                            tr("Flows (*.json *.yaml *.yml);;All files (*)"));
    if (path.isEmpty())
        return nullptr;
    QString error;
    const auto files = Core::loadFlowFiles(path, &error);
    if (!files) {
        showError(tr("The flow could not be opened"), error);
        return nullptr;
    }
    for (StudioDocument *open : documents()) // the same bundle twice would be saved over itself
        if (!files->bundleDirectory.isEmpty() && open->files().bundleDirectory == files->bundleDirectory) {
            m_tabs->setCurrentWidget(open);
            return open;
        }
    rememberRecent(files->bundleDirectory.isEmpty() ? path : files->bundleDirectory);
    return addDocument(*files);
}

StudioDocument *DefinitionStudio::openFiles(const Core::FlowFiles &files, bool modified)
{
    StudioDocument *document = addDocument(files);
    document->setModified(modified);
    return document;
}

StudioDocument *DefinitionStudio::openFlow(const Core::Flow &flow)
{
    for (StudioDocument *open : documents())
        if (!flow.id.isEmpty() && open->flowId() == flow.id) {
            m_tabs->setCurrentWidget(open);
            return open;
        }
    Core::FlowFiles files;
    files.definition = definitionText(flow.definition).toUtf8();
    if (!flow.inputSchema.isEmpty())
        files.inputSchema = QJsonDocument(flow.inputSchema).toJson(QJsonDocument::Indented);
    files.metadata = {{u"title"_s, flow.title}, {u"flow_id"_s, flow.id}};
    for (const char *key : {"subtitle", "description", "keywords", "flow_viewers", "flow_starters",
                            "flow_administrators", "run_managers", "run_monitors"}) {
        const QJsonValue value = flow.raw.value(QLatin1StringView(key));
        if (!value.isUndefined() && !value.isNull())
            files.metadata.insert(QLatin1StringView(key), value);
    }
    return addDocument(files);
}

StudioDocument *DefinitionStudio::openRunDefinition(const QString &runId, const QJsonObject &definition,
                                                    const QString &title)
{
    Core::FlowFiles files;
    files.definition = definitionText(definition).toUtf8();
    files.metadata = {{u"title"_s, tr("%1 (from run %2)").arg(title, runId.left(8))}};
    return addDocument(files);
}

bool DefinitionStudio::save(StudioDocument *document)
{
    if (!document)
        return false;
    const Core::FlowFiles files = document->files();
    if (files.bundleDirectory.isEmpty())
        return saveAs(document);
    QString error;
    if (!Core::saveFlowBundle(files.bundleDirectory, files, &error)) {
        showError(tr("The flow could not be saved"), error);
        return false;
    }
    document->setModified(false);
    dropDraft(document);
    emit statusMessage(tr("Saved to %1").arg(QDir::toNativeSeparators(files.bundleDirectory)));
    return true;
}

bool DefinitionStudio::saveAs(StudioDocument *document, const QString &given)
{
    if (!document)
        return false;
    QString directory = given;
    if (directory.isEmpty())
        directory = QFileDialog::getExistingDirectory(this, tr("Save the flow into a folder"));
    if (directory.isEmpty())
        return false;
    const QString target = QDir(directory).absolutePath();
    const QString previous = document->files().bundleDirectory;
    if (target != previous) {
        for (StudioDocument *other : documents())
            if (other != document && other->files().bundleDirectory == target) {
                showError(tr("The flow was not saved"),
                          tr("“%1” is saved in that folder and open in another tab; choose another folder.")
                              .arg(other->title()));
                return false;
            }
        const QDir dir(target);
        const bool holdsAFlow = dir.exists(QLatin1StringView(Core::FlowFileNames::Definition)) ||
                                dir.exists(QLatin1StringView(Core::FlowFileNames::DefinitionYaml)) ||
                                dir.exists(QLatin1StringView(Core::FlowFileNames::InputSchema)) ||
                                dir.exists(QLatin1StringView(Core::FlowFileNames::Metadata));
        if (holdsAFlow &&
            QMessageBox::question(this, tr("Replace the flow in this folder?"),
                                  tr("%1 already holds a flow. Replace it with “%2”?")
                                      .arg(QDir::toNativeSeparators(target), document->title()),
                                  QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
            return false;
    }
    document->setBundleDirectory(target);
    if (!save(document)) {
        document->setBundleDirectory(previous); // Ctrl+S must not write to a folder that was refused
        return false;
    }
    rememberRecent(document->files().bundleDirectory);
    updateTab(document);
    return true;
}

bool DefinitionStudio::exportDefinition(StudioDocument *document, const QString &given)
{
    if (!document)
        return false;
    QString path = given;
    if (path.isEmpty())
        path = QFileDialog::getSaveFileName(this, tr("Export the definition"), QString(),
                                            tr("JSON (*.json);;YAML (*.yaml *.yml)"));
    if (path.isEmpty())
        return false;
    QByteArray bytes = document->definitionEditor()->textBytes();
    if (path.endsWith(".yaml"_L1) || path.endsWith(".yml"_L1)) {
        QString why;
        const auto yaml = Core::Lang::jsonToYaml(bytes, &why);
        if (!yaml) {
            showError(tr("The definition cannot be written as YAML until its JSON is valid"), why);
            return false;
        }
        bytes = *yaml;
    }
    if (const QString why = Core::writeFileAtomically(path, bytes); !why.isEmpty()) {
        showError(tr("The definition could not be exported"), why);
        return false;
    }
    emit statusMessage(tr("Exported to %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool DefinitionStudio::exportGraph(StudioDocument *document, const QString &given)
{
    if (!document)
        return false;
    QString path = given;
    if (path.isEmpty())
        path = QFileDialog::getSaveFileName(this, tr("Export the graph"), QString(), tr("SVG (*.svg);;PNG (*.png)"));
    if (path.isEmpty())
        return false;
    FlowGraphView *graph = document->graph();
    const bool svg = path.endsWith(".svg"_L1, Qt::CaseInsensitive);
    if (graph->graph().isEmpty() || !(svg ? graph->exportSvg(path) : graph->exportPng(path))) {
        showError(tr("The graph could not be exported"),
                  graph->graph().isEmpty() ? tr("There is no diagram to export yet.")
                                           : tr("%1 could not be written.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    emit statusMessage(tr("Graph exported to %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool DefinitionStudio::closeDocument(StudioDocument *document)
{
    if (!document)
        return false;
    if (document->isModified()) {
        m_tabs->setCurrentWidget(document);
        const auto answer = QMessageBox::question(
            this, tr("Unsaved changes"), tr("“%1” has changes that are not saved. Save them?").arg(document->title()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel || (answer == QMessageBox::Save && !save(document)))
            return false;
    }
    dropDraft(document);
    m_tabs->removeTab(m_tabs->indexOf(document));
    document->deleteLater();
    updateActions();
    return true;
}

bool DefinitionStudio::closeAll()
{
    for (StudioDocument *document : documents())
        if (!closeDocument(document))
            return false;
    return true;
}

QStringList DefinitionStudio::recentFiles() const
{
    return QSettings().value(RecentKey).toStringList();
}

void DefinitionStudio::rememberRecent(const QString &path)
{
    QStringList recent = recentFiles();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > MaxRecent)
        recent.removeLast();
    QSettings().setValue(RecentKey, recent);
    rebuildRecentMenu();
}

void DefinitionStudio::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = recentFiles();
    for (const QString &path : recent)
        connect(m_recentMenu->addAction(QDir::toNativeSeparators(path)), &QAction::triggered, this,
                [this, path] { openFile(path); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void DefinitionStudio::showError(const QString &what, const QString &why)
{
    emit statusMessage(what + u": "_s + why);
    QMessageBox::warning(this, what, why);
}

void DefinitionStudio::autosave()
{
    for (StudioDocument *document : documents())
        if (document->isModified())
            writeDraft(document);
}

void DefinitionStudio::writeDraft(StudioDocument *document)
{
    if (!m_drafts)
        return;
    if (document->draftId().isEmpty())
        document->setDraftId(QUuid::createUuid().toString(QUuid::WithoutBraces));
    const Core::FlowFiles files = document->files();
    Core::Draft draft;
    draft.id = document->draftId();
    draft.title = document->title();
    draft.filePath = files.bundleDirectory;
    draft.flowId = document->flowId();
    draft.definition = files.definition;
    draft.inputSchema = files.inputSchema;
    draft.metadata = files.metadata;
    draft.definitionFormat = files.definitionFormat;
    QString error;
    if (!m_drafts->save(draft, &error))
        emit statusMessage(tr("The draft of “%1” could not be autosaved: %2").arg(document->title(), error));
}

void DefinitionStudio::dropDraft(StudioDocument *document)
{
    if (m_drafts && !document->draftId().isEmpty())
        m_drafts->remove(document->draftId());
}

int DefinitionStudio::offerRecovery()
{
    if (!m_drafts)
        return 0;
    const QList<Core::Draft> drafts = m_drafts->recover();
    if (drafts.isEmpty())
        return 0;
    QStringList titles;
    for (const Core::Draft &draft : drafts)
        titles.append(u"• "_s + draft.title + u" ("_s +
                      QLocale().toString(draft.savedAt.toLocalTime(), QLocale::ShortFormat) + u")"_s);
    const auto answer = QMessageBox::question(
        this, tr("Recover unsaved flows"),
        tr("Flowdeck was closed while these flows had unsaved changes:\n\n%1\n\nRestore them?").arg(titles.join(u'\n')),
        QMessageBox::Yes | QMessageBox::Discard, QMessageBox::Yes);
    int restored = 0;
    for (const Core::Draft &draft : drafts) {
        if (answer != QMessageBox::Yes) {
            m_drafts->remove(draft.id);
            continue;
        }
        Core::FlowFiles files;
        files.definition = draft.definition;
        files.inputSchema = draft.inputSchema;
        files.metadata = draft.metadata;
        files.definitionFormat = draft.definitionFormat;
        files.bundleDirectory = draft.filePath;
        files.sourcePath = draft.filePath;
        StudioDocument *document = openFiles(files, true);
        document->setDraftId(draft.id);
        writeDraft(document); // the draft now belongs to this session
        ++restored;
    }
    return restored;
}

} // namespace Flowdeck::Ui
