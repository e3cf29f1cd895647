// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/apierror.h"
#include "core/api/flow.h"
#include "core/lang/flowanalysis.h"
#include "core/lang/flowgraph.h"
#include "core/lang/textedit.h"
#include "core/models/flowfiles.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSplitter;
class QTabWidget;

namespace Flowdeck::Core {
class DiagnosticsModel;
class FlowAnalyzer;
class FlowsClient;
} // namespace Flowdeck::Core

namespace Flowdeck::Ui {

class CodeEditor;
class CodeEditorPane;
class FlowGraphView;
class ProblemsView;
class SchemaPanel;
class StatePalette;

// One flow open in the studio: the definition and input-schema editors, the flow's details, live
// diagnostics (Problems list, squiggles), the graph (editable: every edit rewrites only the JSON it
// concerns, one undo step each) and the schema's form preview and cross-check. Knows where it is
// saved and whether it is deployed; the studio around it does files, drafts and deployment. GUI thread.
class StudioDocument final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StudioDocument)

public:
    explicit StudioDocument(QWidget *parent = nullptr);
    ~StudioDocument() override;

    void load(const Core::FlowFiles &files); // clean state: nothing to undo, not modified
    Core::FlowFiles files() const;           // the current texts and details
    QString title() const;                   // the flow's title, or the file's name, or "Untitled"
    QString flowId() const;                  // empty until deployed
    Core::Flow details() const;              // title, description, keywords, roles, ... as a Flow
    void setFlowId(const QString &id);
    void setBundleDirectory(const QString &directory);
    void setDefinitionFormat(const QString &format); // "json" or "yaml"
    bool isModified() const { return m_modified; }
    void setModified(bool modified);
    QString draftId() const { return m_draftId; }
    void setDraftId(const QString &id) { m_draftId = id; }
    bool isDeploying() const { return m_deploying; } // a create or update of this flow is under way
    void setDeploying(bool deploying) { m_deploying = deploying; }

    void setClient(Core::FlowsClient *client);
    // validate_flow on the service: its errors land on their ranges, its scopes and number of
    // possible traversals are shown. Needs valid JSON; says so otherwise.
    void validateOnServer();
    // The roles (viewers, starters, administrators, run managers and monitors) and details in the
    // dialog the flow browser uses; they are deployed with the flow.
    void editRoles();

    CodeEditor *definitionEditor() const { return m_definition; }
    CodeEditor *schemaEditor() const { return m_schema; }
    FlowGraphView *graph() const { return m_graph; }
    StatePalette *palette() const { return m_palette; }
    ProblemsView *problems() const { return m_problems; }
    SchemaPanel *schemaPanel() const { return m_schemaPanel; }
    Core::DiagnosticsModel *diagnostics() const { return m_diagnosticsModel; }
    QTabWidget *sourceTabs() const { return m_sources; }
    QTabWidget *sideTabs() const { return m_side; }
    QLabel *serverSummary() const { return m_serverSummary; }
    const Core::Lang::FlowAnalysis &analysis() const { return m_analysis; }
    bool isAnalysisCurrent() const; // the shown diagnostics belong to the current texts
    void analyzeNow();

    // Graph edits, also reachable from the graph's menus; each is one undo step in the definition.
    bool renameState(const QString &from, const QString &to);
    bool deleteState(const QString &name);
    bool addState(const QString &templateId, const QString &connectFrom);
    bool connectStates(const QString &from, Core::Lang::EdgeKind kind, int index, const QString &to);
    // Quick fixes of the diagnostic in the Problems list's row (empty when there are none).
    QList<Core::Lang::TextChange> quickFixesForRow(int row) const;
    bool applyQuickFix(int row, int fix = 0);
    // Shows the diagnostic's place in its editor.
    void revealRow(int row);

signals:
    void modifiedChanged(bool modified);
    void titleChanged(const QString &title);
    void statusMessage(const QString &message);
    void analyzed(); // the Problems list, squiggles and graph show the current texts

private:
    QWidget *buildDetails();
    void textEdited();
    void applyAnalysis(const Core::Lang::FlowAnalysis &analysis);
    void showServerProblems();
    void syncGraphToCursor(qsizetype offset);
    void keepGraphReadable();
    void revealState(const QString &name);
    bool applyChange(const Core::Lang::TextChange &change, const QString &error, const QString &select = {});
    void askRename(const QString &state);
    void detailsEdited();
    void showDetails();
    QList<Core::Lang::Diagnostic> placedServerProblems(const Core::Lang::JsonText &text, const QString &part) const;

    CodeEditorPane *m_definitionPane;
    CodeEditorPane *m_schemaPane;
    CodeEditor *m_definition;
    CodeEditor *m_schema;
    QTabWidget *m_sources;
    QTabWidget *m_side;
    FlowGraphView *m_graph;
    StatePalette *m_palette;
    ProblemsView *m_problems;
    SchemaPanel *m_schemaPanel;
    QLabel *m_serverSummary;
    QLineEdit *m_titleEdit = nullptr;
    QLineEdit *m_subtitleEdit = nullptr;
    QPlainTextEdit *m_descriptionEdit = nullptr;
    QLineEdit *m_keywordsEdit = nullptr;
    QLabel *m_flowIdLabel = nullptr;
    QLabel *m_rolesLabel = nullptr;
    Core::DiagnosticsModel *m_diagnosticsModel;
    Core::FlowAnalyzer *m_analyzer;
    QPointer<Core::FlowsClient> m_client;
    Core::Lang::FlowAnalysis m_analysis;
    QByteArray m_graphText; // the definition text the graph shows
    // The service's findings by "loc", placed again on every analysis so that they follow edits.
    QList<Core::ErrorDetail> m_serverProblems;
    Core::FlowFiles m_files;
    QString m_draftId;
    bool m_modified = false;
    bool m_loading = false;
    bool m_deploying = false;
    bool m_syncingSelection = false;
    bool m_graphSized = false; // the first diagram was brought to a readable size once
};

} // namespace Flowdeck::Ui
