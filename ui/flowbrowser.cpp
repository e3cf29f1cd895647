// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/flowbrowser.h"

#include "core/api/flowsclient.h"
#include "core/models/flowsmodel.h"
#include "ui/errorbanner.h"
#include "ui/flowmetadatadialog.h"
#include "ui/listviews.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qsciscintilla.h>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

namespace {

constexpr int SearchDelayMs = 300; // typing pauses this long before the service is asked

struct Chip
{
    const char *role;
    const char *label;
};
const Chip Chips[] = {{"flow_owner", QT_TRANSLATE_NOOP("FlowBrowser", "Mine")},
                      {"flow_administrator", QT_TRANSLATE_NOOP("FlowBrowser", "Administrator")},
                      {"flow_starter", QT_TRANSLATE_NOOP("FlowBrowser", "Starter")},
                      {"flow_viewer", QT_TRANSLATE_NOOP("FlowBrowser", "Viewer")}};

QsciScintilla *jsonViewer(QWidget *parent, const QString &name)
{
    auto *editor = new QsciScintilla(parent);
    auto *lexer = new QsciLexerJSON(editor);
    lexer->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    editor->setLexer(lexer);
    editor->setReadOnly(true);
    editor->setMarginLineNumbers(0, true);
    editor->setMarginWidth(0, u"00000"_s);
    editor->setFolding(QsciScintilla::BoxedTreeFoldStyle);
    editor->setAccessibleName(name);
    return editor;
}

QString pretty(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

} // namespace

FlowBrowser::FlowBrowser(Core::FlowsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_search(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_cancel(new QToolButton(this))
    , m_slow(new QTimer(this))
    , m_banner(new ErrorBanner(this))
    , m_view(new QTableView(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_details(new QTabWidget(this))
    , m_overview(new QTextBrowser(this))
    , m_definition(jsonViewer(this, tr("Definition")))
    , m_schema(jsonViewer(this, tr("Input schema")))
    , m_runs(new QListWidget(this))
    , m_debounce(new QTimer(this))
{
    auto *bar = new QWidget(this);
    buildFilterBar(bar);

    m_view->setModel(m_model);
    m_view->setObjectName(u"flowTable"_s);
    m_view->setAccessibleName(tr("Flows"));
    setUpListTable(m_view);
    m_view->horizontalHeader()->setSectionsClickable(true);
    // Column choices: right-click the header to show or hide columns (remembered with the layout).
    m_view->horizontalHeader()->setContextMenuPolicy(Qt::ActionsContextMenu);
    for (int column = Core::FlowsModel::Subtitle; column < Core::FlowsModel::ColumnCount; ++column) {
        auto *toggle = new QAction(m_model->headerData(column, Qt::Horizontal).toString(), m_view->horizontalHeader());
        toggle->setCheckable(true);
        toggle->setChecked(true);
        connect(toggle, &QAction::toggled, this,
                [this, column](bool shown) { m_view->setColumnHidden(column, !shown); });
        m_view->horizontalHeader()->addAction(toggle);
    }
    m_view->horizontalHeader()->setSortIndicatorShown(true);
    m_view->horizontalHeader()->setSortIndicator(Core::FlowsModel::Updated, Qt::DescendingOrder);
    m_view->setColumnWidth(Core::FlowsModel::Title, 220);
    m_view->setColumnWidth(Core::FlowsModel::Subtitle, 190);
    m_view->setColumnWidth(Core::FlowsModel::Owner, 60);
    m_view->setColumnWidth(Core::FlowsModel::Roles, 90);
    m_view->setColumnWidth(Core::FlowsModel::Keywords, 120);

    m_overview->setOpenLinks(false);
    m_overview->setAccessibleName(tr("Flow details"));
    m_runs->setAccessibleName(tr("Recent runs of the flow"));
    m_details->tabBar()->setAccessibleName(tr("Flow detail pages"));
    m_details->addTab(m_overview, tr("&Overview"));
    m_details->addTab(m_definition, tr("De&finition"));
    m_details->addTab(m_schema, tr("Input &schema"));
    m_details->addTab(m_runs, tr("Recent r&uns"));
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({900, 480});
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bar);
    layout->addWidget(m_banner);
    layout->addWidget(m_splitter, 1);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(SearchDelayMs);
    connect(m_debounce, &QTimer::timeout, this, &FlowBrowser::applyQuery);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &FlowBrowser::applyQuery);
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, &FlowBrowser::onSortChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    loadDetails(m_model->flowAt(current.row()).id);
            });
    connect(m_model, &Core::FlowsModel::loadingChanged, this, &FlowBrowser::updateCount);
    m_slow->setSingleShot(true);
    m_slow->setInterval(400);
    connect(m_slow, &QTimer::timeout, m_cancel, &QWidget::show);
    connect(m_model, &Core::FlowsModel::loadingChanged, this, [this](bool loading) {
        if (loading) {
            m_slow->start();
        } else {
            m_slow->stop();
            m_cancel->hide();
        }
    });
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        m_model->cancel();
        emit statusMessage(tr("Loading canceled; Refresh (F5) tries again"));
    });
    connect(m_model, &Core::FlowsModel::pageLoaded, this, &FlowBrowser::updateCount);
    connect(m_model, &Core::FlowsModel::pageLoaded, m_banner, &QWidget::hide); // data arrived: the error is stale
    connect(m_model, &Core::FlowsModel::pageLoaded, this, [this] {
        if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0) // something to look at at once
            m_view->setCurrentIndex(m_model->index(0, 0));
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &FlowBrowser::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &FlowBrowser::updateCount);
    connect(m_model, &Core::FlowsModel::errorOccurred, this,
            [this](const Core::ApiError &error) { showError(tr("The flows could not be listed"), error); });
    connect(m_banner, &ErrorBanner::retryRequested, this, &FlowBrowser::refresh);
    connect(m_view, &QAbstractItemView::doubleClicked, this, &FlowBrowser::editCurrent);
    showFlow({});
}

void FlowBrowser::buildFilterBar(QWidget *bar)
{
    m_search->setPlaceholderText(tr("Search titles, descriptions and keywords (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search flows"));
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_search, 1);
    for (const Chip &chip : Chips) {
        auto *button = new QToolButton(bar);
        button->setText(tr(chip.label));
        button->setCheckable(true);
        button->setProperty("role", QString::fromLatin1(chip.role));
        button->setAccessibleName(tr("Only flows where you are: %1").arg(tr(chip.label)));
        button->setToolTip(button->accessibleName());
        connect(button, &QToolButton::toggled, this, &FlowBrowser::applyQuery);
        layout->addWidget(button);
        m_chips.append(button);
    }
    m_count->setMinimumWidth(90);
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    layout->addWidget(m_count);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop loading flows"));
    m_cancel->hide();
    layout->addWidget(m_cancel);
    auto *refresh = new QToolButton(bar);
    refresh->setText(tr("Refresh"));
    refresh->setToolTip(tr("Refresh (F5)"));
    connect(refresh, &QToolButton::clicked, this, &FlowBrowser::refresh);
    layout->addWidget(refresh);
    auto *start = new QToolButton(bar);
    start->setObjectName(u"startRun"_s);
    start->setText(tr("Start run…"));
    start->setToolTip(tr("Start a run of the selected flow (Ctrl+R)"));
    connect(start, &QToolButton::clicked, this, &FlowBrowser::startCurrent);
    layout->addWidget(start);
}

void FlowBrowser::syncColumnChoices()
{
    const QList<QAction *> toggles = m_view->horizontalHeader()->actions();
    for (int i = 0; i < toggles.size(); ++i) {
        const QSignalBlocker quiet(toggles.at(i));
        toggles.at(i)->setChecked(!m_view->isColumnHidden(Core::FlowsModel::Subtitle + i));
    }
}

void FlowBrowser::setClient(Core::FlowsClient *client)
{
    m_client = client;
    m_banner->hide();
    m_model->setClient(client);
    showFlow({});
}

QToolButton *FlowBrowser::roleChip(const QString &role) const
{
    for (QToolButton *chip : m_chips)
        if (chip->property("role").toString() == role)
            return chip;
    return nullptr;
}

void FlowBrowser::applyQuery()
{
    m_debounce->stop();
    Core::FlowsModel::Query query;
    query.fulltext = m_search->text().trimmed();
    for (QToolButton *chip : std::as_const(m_chips))
        if (chip->isChecked())
            query.roles.append(chip->property("role").toString());
    query.orderby = m_orderby;
    m_model->setQuery(query);
}

void FlowBrowser::onSortChanged(int column, Qt::SortOrder order)
{
    const QString field = Core::FlowsModel::sortField(column);
    if (field.isEmpty()) {
        emit statusMessage(tr("The service cannot sort flows by this column"));
        return;
    }
    m_orderby = {field + (order == Qt::AscendingOrder ? u" ASC"_s : u" DESC"_s)};
    applyQuery();
}

void FlowBrowser::updateCount()
{
    const int rows = m_model->rowCount();
    QString text = rows == 1 ? tr("1 flow") : tr("%1 flows").arg(rows);
    if (m_model->hasMore())
        text = tr("%1+ flows").arg(rows);
    if (m_model->isLoading())
        text = tr("Loading…");
    m_count->setText(text);
}

void FlowBrowser::refresh()
{
    m_banner->hide();
    m_model->refresh();
}

void FlowBrowser::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

const Core::Flow *FlowBrowser::currentFlow() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? &m_model->flowAt(current.row()) : nullptr;
}

void FlowBrowser::startCurrent()
{
    if (const Core::Flow *flow = currentFlow())
        emit startRunRequested(*flow);
    else
        emit statusMessage(tr("Select the flow to start first."));
}

QString FlowBrowser::currentFlowId() const
{
    const Core::Flow *flow = currentFlow();
    return flow ? flow->id : QString();
}

QString FlowBrowser::detailText() const
{
    return m_overview->toPlainText();
}

void FlowBrowser::showFlow(const Core::Flow &flow)
{
    if (flow.id.isEmpty()) {
        m_overview->setHtml(tr("<p>Select a flow to see its details.</p>"));
        m_definition->setText({});
        m_schema->setText({});
        m_runs->clear();
        return;
    }
    auto list = [](const QStringList &items) {
        return items.isEmpty() ? QString(u"—"_s)
                               : items.join(u"<br>"_s).toHtmlEscaped().replace(u"&lt;br&gt;"_s, u"<br>"_s);
    };
    QString html = u"<h2>%1</h2><p><i>%2</i></p><p>%3</p><table cellspacing=4>"_s.arg(
        flow.title.toHtmlEscaped(), flow.subtitle.toHtmlEscaped(), flow.description.toHtmlEscaped());
    auto row = [&html](const QString &label, const QString &value) {
        html += u"<tr><td valign=top><b>%1</b></td><td>%2</td></tr>"_s.arg(label, value);
    };
    row(tr("ID"), flow.id.toHtmlEscaped());
    row(tr("Scope"), flow.globusAuthScope.toHtmlEscaped());
    row(tr("Owner"), flow.flowOwner.toHtmlEscaped());
    QStringList roles = flow.userRoles;
    for (QString &role : roles)
        role = role.mid(role.startsWith("flow_"_L1) ? 5 : 0).replace(u'_', u' ');
    row(tr("Your roles"), roles.join(u", "_s).toHtmlEscaped());
    row(tr("Keywords"), flow.keywords.join(u", "_s).toHtmlEscaped());
    row(tr("Created"), QLocale().toString(flow.createdAt.toLocalTime(), QLocale::LongFormat));
    row(tr("Updated"), QLocale().toString(flow.updatedAt.toLocalTime(), QLocale::LongFormat));
    row(tr("Viewers"), list(flow.flowViewers));
    row(tr("Starters"), list(flow.flowStarters));
    row(tr("Administrators"), list(flow.flowAdministrators));
    row(tr("Run managers"), list(flow.runManagers));
    row(tr("Run monitors"), list(flow.runMonitors));
    m_overview->setHtml(html + u"</table>"_s);
    m_definition->setText(pretty(flow.definition));
    m_schema->setText(pretty(flow.inputSchema));
}

void FlowBrowser::loadDetails(const QString &flowId)
{
    const int row = m_model->rowOf(flowId);
    if (row >= 0)
        showFlow(m_model->flowAt(row)); // what the list knows, at once; the rest follows
    if (!m_client)
        return;
    auto *flow = m_client->getFlow(flowId);
    flow->setParent(this);
    connect(flow, &Core::ApiReply::finished, this, [this, flow, flowId] {
        flow->deleteLater();
        if (currentFlowId() != flowId)
            return;
        if (flow->error().isError())
            return showError(tr("The flow could not be read"), flow->error());
        m_model->updateFlow(flow->value());
        showFlow(flow->value());
    });
    Core::ListRunsOptions recent;
    recent.filterFlowId = {flowId};
    recent.perPage = 10;
    recent.orderby = {u"start_time DESC"_s};
    auto *runs = m_client->listRuns(recent);
    runs->setParent(this);
    connect(runs, &Core::ApiReply::finished, this, [this, runs, flowId] {
        runs->deleteLater();
        if (currentFlowId() != flowId || runs->error().isError())
            return;
        m_runs->clear();
        for (const Core::Run &run : runs->value().items)
            m_runs->addItem(tr("%1 — %2 — started %3")
                                .arg(run.label.isEmpty() ? run.runId.left(8) : run.label, run.statusText,
                                     QLocale().toString(run.startTime.toLocalTime(), QLocale::ShortFormat)));
        if (m_runs->count() == 0)
            m_runs->addItem(tr("No runs yet"));
    });
}

void FlowBrowser::showError(const QString &what, const Core::ApiError &error)
{
    QString text = what + u": "_s + error.message();
    if (!error.code.isEmpty())
        text += u" ("_s + error.code + u')';
    m_banner->showError(text);
}

void FlowBrowser::editCurrent()
{
    const Core::Flow *current = currentFlow();
    if (!current || !m_client)
        return;
    FlowMetadataDialog dialog(*current, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Core::UpdateFlowOptions changes = dialog.changes();
    auto *reply = m_client->updateFlow(current->id, changes);
    reply->setParent(this);
    emit statusMessage(tr("Saving…"));
    connect(reply, &Core::ApiReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (reply->error().isError())
            return showError(tr("The flow could not be saved"), reply->error());
        m_model->updateFlow(reply->value());
        if (currentFlowId() == reply->value().id)
            showFlow(reply->value());
        emit statusMessage(tr("Saved “%1”").arg(reply->value().title));
    });
}

void FlowBrowser::createFromFile(const QString &path)
{
    if (!m_client)
        return;
    const QString file = path.isEmpty() ? QFileDialog::getOpenFileName(this, tr("New flow from a definition file"),
                                                                       QString(), tr("Flow definitions (*.json)"))
                                        : path;
    if (file.isEmpty())
        return;
    QFile input(file);
    QJsonParseError parseError{};
    const QJsonDocument document =
        input.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(input.readAll(), &parseError) : QJsonDocument();
    if (!document.isObject()) {
        m_banner->showError(tr("%1 is not a JSON object: %2")
                                .arg(file, input.isOpen() ? parseError.errorString() : input.errorString()),
                            false);
        return;
    }
    const QJsonObject root = document.object();
    const bool flowDocument = root.value("definition"_L1).isObject();
    Core::Flow draft;
    draft.title = root.value("title"_L1).toString(QFileInfo(file).completeBaseName());
    draft.subtitle = root.value("subtitle"_L1).toString();
    draft.description = root.value("description"_L1).toString();
    FlowMetadataDialog dialog(draft, this);
    dialog.setWindowTitle(tr("New flow from %1").arg(QFileInfo(file).fileName()));
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Core::UpdateFlowOptions meta = dialog.changes();
    Core::CreateFlowOptions options;
    options.subtitle = meta.subtitle.value_or(draft.subtitle);
    options.description = meta.description.value_or(draft.description);
    options.keywords = meta.keywords;
    options.flowViewers = meta.flowViewers;
    options.flowStarters = meta.flowStarters;
    options.flowAdministrators = meta.flowAdministrators;
    options.runManagers = meta.runManagers;
    options.runMonitors = meta.runMonitors;
    const QJsonObject schema = flowDocument && root.value("input_schema"_L1).isObject()
                                   ? root.value("input_schema"_L1).toObject()
                                   : QJsonObject{{u"type"_s, u"object"_s}};
    auto *reply = m_client->createFlow(meta.title.value_or(draft.title),
                                       flowDocument ? root.value("definition"_L1).toObject() : root, schema, options);
    reply->setParent(this);
    connect(reply, &Core::ApiReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (reply->error().isError()) {
            QStringList details;
            for (const auto &detail : reply->error().details)
                details.append(detail.jsonPath() + u": "_s + detail.msg);
            Core::ApiError error = reply->error();
            return m_banner->showError(tr("The flow could not be created: %1")
                                           .arg(details.isEmpty() ? error.message() : details.join(u"; "_s)),
                                       false);
        }
        emit statusMessage(tr("Created “%1”").arg(reply->value().title));
        m_model->refresh(); // where it lands depends on the sort order: let the service say
    });
}

void FlowBrowser::deleteCurrent()
{
    const Core::Flow *current = currentFlow();
    if (!current || !m_client)
        return;
    QMessageBox confirm(QMessageBox::Warning, tr("Delete flow"),
                        tr("Delete the flow “%1”? Its runs stay, but nobody can start it again.").arg(current->title),
                        QMessageBox::Cancel, this);
    QPushButton *remove = confirm.addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    confirm.setDefaultButton(QMessageBox::Cancel);
    confirm.setObjectName(u"confirmDelete"_s);
    confirm.exec();
    if (confirm.clickedButton() != remove)
        return;
    const QString id = current->id;
    auto *reply = m_client->deleteFlow(id);
    reply->setParent(this);
    connect(reply, &Core::ApiReply::finished, this, [this, reply, id] {
        reply->deleteLater();
        if (reply->error().isError())
            return showError(tr("The flow could not be deleted"), reply->error());
        m_model->removeFlow(id);
        if (currentFlowId().isEmpty())
            showFlow({});
        emit statusMessage(tr("Deleted “%1”").arg(reply->value().title));
    });
}

void FlowBrowser::copyCurrentId()
{
    if (const Core::Flow *flow = currentFlow()) {
        QApplication::clipboard()->setText(flow->id);
        emit statusMessage(tr("Copied the flow's id"));
    }
}

void FlowBrowser::copyCurrentScope()
{
    if (const Core::Flow *flow = currentFlow()) {
        QApplication::clipboard()->setText(flow->globusAuthScope);
        emit statusMessage(tr("Copied the flow's scope"));
    }
}

} // namespace Flowdeck::Ui
