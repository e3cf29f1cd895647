// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/flow.h"
#include "core/models/flowfiles.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QMenu;
class QTabWidget;
class QTimer;

namespace Flowdeck::Core {
class DraftStore;
class FlowsClient;
} // namespace Flowdeck::Core

namespace Flowdeck::Ui {

class StudioDocument;

// The definition studio: flows open in tabs (files, deployed flows, definitions pinned to runs),
// with New/Open/Save/Save As/Export/Close, recent files, drafts autosaved every few seconds and
// offered back after a crash, a prompt before unsaved work is closed, server validation and
// deployment after a review of what changes. GUI thread.
class DefinitionStudio final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DefinitionStudio)

public:
    static constexpr int AutosaveIntervalMs = 3000;

    explicit DefinitionStudio(QWidget *parent = nullptr);
    ~DefinitionStudio() override;

    void setClient(Core::FlowsClient *client);
    // Drafts: without a store nothing is autosaved (tests that do not need it).
    void setDraftStore(Core::DraftStore *store);
    // Offers back drafts that a previous session left (it crashed or was killed). Returns how many
    // were restored.
    int offerRecovery();

    StudioDocument *newDocument(); // a minimal valid flow to start from
    StudioDocument *openFile(const QString &path);
    StudioDocument *openFiles(const Core::FlowFiles &files, bool modified = false);
    StudioDocument *openFlow(const Core::Flow &flow);
    StudioDocument *openRunDefinition(const QString &runId, const QJsonObject &definition, const QString &title);
    bool save(StudioDocument *document);
    bool saveAs(StudioDocument *document, const QString &directory = {});
    bool exportDefinition(StudioDocument *document, const QString &path = {});
    bool exportGraph(StudioDocument *document, const QString &path = {}); // .svg or .png
    bool closeDocument(StudioDocument *document); // asks when modified; false when the user cancels
    bool closeAll();                              // idem for every tab (for quitting)
    void deploy(StudioDocument *document);
    void autosave(); // writes a draft of each modified document now

    StudioDocument *currentDocument() const;
    QList<StudioDocument *> documents() const;
    QTabWidget *tabs() const { return m_tabs; }
    QStringList recentFiles() const;
    // The menu the main window shows (New, Open, Recent, Save, ...).
    QMenu *menu() const { return m_menu; }
    QAction *validateAction() const { return m_validate; }
    QAction *deployAction() const { return m_deploy; }

signals:
    void statusMessage(const QString &message);
    void flowDeployed(const Flowdeck::Core::Flow &flow);

private:
    StudioDocument *addDocument(const Core::FlowFiles &files);
    void createActions();
    void updateTab(StudioDocument *document);
    void updateActions();
    void rememberRecent(const QString &path);
    void rebuildRecentMenu();
    void writeDraft(StudioDocument *document);
    void dropDraft(StudioDocument *document);
    void showError(const QString &what, const QString &why);
    void setDeploying(StudioDocument *document, bool deploying);
    void confirmAndDeploy(StudioDocument *document, const QJsonObject &definition, const QJsonObject &schema,
                          const std::optional<Core::Flow> &deployed);

    QTabWidget *m_tabs;
    QMenu *m_menu;
    QMenu *m_recentMenu;
    QAction *m_save = nullptr;
    QAction *m_saveAs = nullptr;
    QAction *m_export = nullptr;
    QAction *m_exportGraph = nullptr;
    QAction *m_close = nullptr;
    QAction *m_validate = nullptr;
    QAction *m_deploy = nullptr;
    QTimer *m_autosave;
    QPointer<Core::FlowsClient> m_client;
    Core::DraftStore *m_drafts = nullptr;
};

} // namespace Flowdeck::Ui
