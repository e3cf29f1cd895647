// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/apierror.h"
#include "core/api/flow.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QSplitter;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QTimer;
class QToolButton;
class QsciScintilla;

namespace Flowdeck::Core {
class FlowsClient;
class FlowsModel;
} // namespace Flowdeck::Core

namespace Flowdeck::Ui {

class ErrorBanner;

// The flow browser: a virtualised table of the service's flows (paged by the model as it scrolls),
// debounced full-text search, role filter chips, server-side sorting from the header, and a detail
// pane with metadata, roles, the definition and input schema (read-only, highlighted) and recent
// runs. Edits metadata and roles, deletes with confirmation, copies id and scope. GUI thread.
class FlowBrowser final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlowBrowser)

public:
    FlowBrowser(Core::FlowsModel *model, QWidget *parent = nullptr);

    void setClient(Core::FlowsClient *client);
    QTableView *view() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }
    QToolButton *roleChip(const QString &role) const;
    QLabel *countLabel() const { return m_count; }
    QToolButton *cancelButton() const { return m_cancel; }
    ErrorBanner *banner() const { return m_banner; }
    QTabWidget *details() const { return m_details; }
    QSplitter *splitter() const { return m_splitter; }
    // After the layout is restored: the column menu shows what is hidden.
    void syncColumnChoices();
    QString currentFlowId() const;
    const Core::Flow *currentFlow() const; // null when no flow is selected
    QString detailText() const;            // the overview as plain text (tests, accessibility)

    void focusSearch();
    void refresh();
    void editCurrent();
    // A new flow from a JSON file (a bare definition, or a flow document with definition and
    // input_schema); asks for title and roles first. Empty path: a file dialog asks.
    void createFromFile(const QString &path = QString());
    void deleteCurrent();
    void copyCurrentId();
    void copyCurrentScope();
    void startCurrent();

signals:
    void statusMessage(const QString &message);
    void startRunRequested(const Flowdeck::Core::Flow &flow);

private:
    void buildFilterBar(QWidget *bar);
    void applyQuery();
    void onSortChanged(int column, Qt::SortOrder order);
    void updateCount();
    void showFlow(const Core::Flow &flow);
    void loadDetails(const QString &flowId);
    void showError(const QString &what, const Core::ApiError &error);

    Core::FlowsModel *m_model;
    QPointer<Core::FlowsClient> m_client;
    QLineEdit *m_search;
    QList<QToolButton *> m_chips;
    QLabel *m_count;
    QToolButton *m_cancel;
    QTimer *m_slow; // a request running longer than a moment shows Cancel
    ErrorBanner *m_banner;
    QTableView *m_view;
    QSplitter *m_splitter;
    QTabWidget *m_details;
    QTextBrowser *m_overview;
    QsciScintilla *m_definition;
    QsciScintilla *m_schema;
    QListWidget *m_runs;
    QTimer *m_debounce;
    QStringList m_orderby;
};

} // namespace Flowdeck::Ui
