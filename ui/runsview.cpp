// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runsview.h"

#include "core/api/flowsclient.h"
#include "core/api/replies.h"
#include "core/models/runsmodel.h"
#include "core/models/runspoller.h"
#include "ui/errorbanner.h"
#include "ui/listviews.h"
#include "ui/rundetailview.h"
#include "ui/runeditdialog.h"
#include "ui/statusbadge.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

namespace {

struct Chip
{
    const char *status;
    const char *label;
};
const Chip Chips[] = {{"ACTIVE", QT_TRANSLATE_NOOP("RunsView", "Active")},
                      {"INACTIVE", QT_TRANSLATE_NOOP("RunsView", "Inactive")},
                      {"SUCCEEDED", QT_TRANSLATE_NOOP("RunsView", "Succeeded")},
                      {"FAILED", QT_TRANSLATE_NOOP("RunsView", "Failed")}};

// The columns the service can sort runs by (others are not sortable).
QString orderField(int column)
{
    switch (column) {
    case Core::RunsModel::Label:
        return u"label"_s;
    case Core::RunsModel::Status:
        return u"status"_s;
    case Core::RunsModel::Started:
        return u"start_time"_s;
    default:
        return {};
    }
}

} // namespace

RunsView::RunsView(Core::RunsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_poller(new Core::RunsPoller(this))
    , m_label(new QLineEdit(this))
    , m_tags(new QLineEdit(this))
    , m_flow(new QComboBox(this))
    , m_role(new QComboBox(this))
    , m_time(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_banner(new ErrorBanner(this))
    , m_view(new QTableView(this))
    , m_detail(new RunDetailView(this))
    , m_debounce(new QTimer(this))
    , m_countTimer(new QTimer(this))
{
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Runs"));
    setUpListTable(m_view);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setItemDelegateForColumn(Core::RunsModel::Status,
                                     new StatusBadgeDelegate(Core::RunsModel::StatusRole, m_view));
    m_view->setColumnWidth(Core::RunsModel::Label, 200);
    m_view->setColumnWidth(Core::RunsModel::Flow, 180);
    m_view->setColumnWidth(Core::RunsModel::Status, 110);
    m_view->setColumnWidth(Core::RunsModel::Started, 170);
    m_view->setColumnWidth(Core::RunsModel::Duration, 90);
    m_view->setColumnWidth(Core::RunsModel::CurrentState, 140);
    m_view->horizontalHeader()->setSectionsClickable(true);
    m_view->horizontalHeader()->setSortIndicatorShown(true);
    m_view->horizontalHeader()->setSortIndicator(Core::RunsModel::Started, Qt::DescendingOrder);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"runsSplitter"_s);
    splitter->addWidget(m_view);
    splitter->addWidget(m_detail);
    splitter->setSizes({300, 500});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildFilterBar());
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &RunsView::applyQuery);
    // Counting walks every row: once per turn of the event loop, however many rows changed in it.
    m_countTimer->setSingleShot(true);
    m_countTimer->setInterval(0);
    connect(m_countTimer, &QTimer::timeout, this, &RunsView::updateCount);
    connect(m_model, &Core::PagedModel::loadingChanged, m_countTimer, qOverload<>(&QTimer::start));
    connect(m_model, &Core::PagedModel::pageLoaded, m_countTimer, qOverload<>(&QTimer::start));
    connect(m_model, &QAbstractItemModel::modelReset, m_countTimer, qOverload<>(&QTimer::start));
    connect(m_model, &QAbstractItemModel::dataChanged, m_countTimer, qOverload<>(&QTimer::start));
    connect(m_model, &Core::PagedModel::pageLoaded, m_banner, &QWidget::hide);
    // Runs listed by a page are the poller's to follow from then on.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        QList<Core::Run> runs;
        for (int row = first; row <= last; ++row)
            runs.append(m_model->runAt(row));
        m_poller->noteRuns(runs);
        emit runsChanged(runs); // a watched run listed again may have moved on
    });
    connect(m_model, &Core::PagedModel::errorOccurred, this, [this](const Core::ApiError &error) {
        m_banner->showError(tr("The runs could not be listed: %1").arg(error.toString()));
    });
    connect(m_banner, &ErrorBanner::retryRequested, this, &RunsView::refresh);
    connect(m_poller, &Core::RunsPoller::runsArrived, this, &RunsView::mergeFresh);
    connect(m_poller, &Core::RunsPoller::pollFailed, this, [this](const Core::ApiError &error) {
        m_count->setToolTip(tr("Live updates paused after an error; retrying: %1").arg(error.toString()));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RunsView::showCurrent);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunsView::updateBulkActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &RunsView::updateBulkActions);
    connect(m_view->horizontalHeader(), &QHeaderView::sectionClicked, this, &RunsView::sortBy);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        QMenu menu(this);
        for (QToolButton *button : std::as_const(m_bulk))
            menu.addAction(button->defaultAction());
        menu.exec(m_view->viewport()->mapToGlobal(at));
    });
    connect(m_detail, &RunDetailView::runChanged, this, [this](const Core::Run &run) { mergeFresh({run}); });
    connect(m_detail, &RunDetailView::startLikeRequested, this, &RunsView::startLikeRequested);
    connect(m_detail, &RunDetailView::authorizationRequired, this, &RunsView::authorizationRequired);
    connect(m_detail, &RunDetailView::releasedRun, this, [this] { refresh(); });
    if (window())
        window()->installEventFilter(this);
    updateBulkActions();
}

QWidget *RunsView::buildFilterBar()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(6, 6, 6, 6);
    m_label->setPlaceholderText(tr("Filter by label"));
    m_label->setClearButtonEnabled(true);
    m_label->setAccessibleName(tr("Filter runs by label"));
    m_label->setMinimumWidth(140);
    m_tags->setPlaceholderText(tr("Tags"));
    m_tags->setClearButtonEnabled(true);
    m_tags->setAccessibleName(tr("Filter runs by tags, comma-separated"));
    m_tags->setMinimumWidth(90);
    m_tags->setMaximumWidth(140);
    m_flow->setAccessibleName(tr("Filter runs by flow"));
    m_flow->addItem(tr("All flows"), QString());
    m_flow->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_flow->setMaximumWidth(180);
    m_role->setAccessibleName(tr("Filter runs by your role"));
    m_role->addItem(tr("Any role"), QString());
    m_role->addItem(tr("I own"), u"run_owner"_s);
    m_role->addItem(tr("I manage"), u"run_manager"_s);
    m_role->addItem(tr("I monitor"), u"run_monitor"_s);
    m_time->setAccessibleName(tr("Filter runs by start time"));
    m_time->addItem(tr("Any time"), 0);
    m_time->addItem(tr("Last hour"), 3600);
    m_time->addItem(tr("Last 24 hours"), 86400);
    m_time->addItem(tr("Last 7 days"), 7 * 86400);
    m_time->addItem(tr("Last 30 days"), 30 * 86400);
    row->addWidget(m_label, 1);
    row->addWidget(m_tags);
    row->addWidget(m_flow);
    row->addWidget(m_role);
    row->addWidget(m_time);
    for (const Chip &chip : Chips) {
        auto *button = new QToolButton(bar);
        button->setText(tr(chip.label));
        button->setCheckable(true);
        button->setObjectName(QString::fromLatin1(chip.status));
        button->setAccessibleName(tr("Only %1 runs").arg(tr(chip.label).toLower()));
        connect(button, &QToolButton::toggled, this, &RunsView::applyQuery);
        row->addWidget(button);
        m_chips.append(button);
    }
    m_count->setMinimumWidth(110);
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    row->addWidget(m_count);
    const std::tuple<const char *, QString, QKeySequence, void (RunsView::*)()> bulk[] = {
        {"cancel", tr("Cancel…"), QKeySequence(), &RunsView::cancelSelected},
        {"release", tr("Release"), QKeySequence(), &RunsView::releaseSelected},
        {"tags", tr("Tags…"), QKeySequence(u"Ctrl+T"_s), &RunsView::tagSelected}};
    for (const auto &[name, text, shortcut, slot] : bulk) {
        auto *action = new QAction(text, this);
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        auto *button = new QToolButton(bar);
        button->setDefaultAction(action);
        button->setObjectName(QString::fromLatin1(name));
        row->addWidget(button);
        m_bulk.append(button);
    }
    auto *refreshButton = new QToolButton(bar);
    refreshButton->setText(tr("Refresh"));
    connect(refreshButton, &QToolButton::clicked, this, &RunsView::refresh);
    row->addWidget(refreshButton);
    for (QLineEdit *edit : {m_label, m_tags})
        connect(edit, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    for (QComboBox *box : {m_flow, m_role, m_time})
        connect(box, &QComboBox::activated, this, &RunsView::applyQuery);
    return bar;
}

void RunsView::setClient(Core::FlowsClient *client)
{
    m_client = client;
    m_banner->hide();
    m_detail->setClient(client);
    m_poller->setQuery(m_model->query());
    m_poller->setClient(client);
    m_model->setClient(client);
}

void RunsView::setConfirmationsEnabled(bool enabled)
{
    m_confirm = enabled;
    m_detail->setConfirmationsEnabled(enabled);
}

void RunsView::setFlowChoices(const QList<std::pair<QString, QString>> &idsAndTitles)
{
    const QString current = m_flow->currentData().toString();
    m_flow->clear();
    m_flow->addItem(tr("All flows"), QString());
    for (const auto &[id, title] : idsAndTitles)
        m_flow->addItem(title, id);
    m_flow->setCurrentIndex(std::max(0, m_flow->findData(current)));
}

void RunsView::refresh()
{
    m_banner->hide();
    m_model->refresh();
    m_poller->pollNow();
}

QToolButton *RunsView::statusChip(const QString &status) const
{
    return findChild<QToolButton *>(status);
}

QToolButton *RunsView::bulkButton(const QString &name) const
{
    return findChild<QToolButton *>(name);
}

QString RunsView::detailText() const
{
    return m_detail->detailsText();
}

void RunsView::applyQuery()
{
    m_debounce->stop();
    Core::RunsModel::Query query = m_model->query();
    query.label = m_label->text().trimmed();
    query.tags = RunEditDialog::splitTags(m_tags->text());
    query.flowIds.clear();
    if (!m_flow->currentData().toString().isEmpty())
        query.flowIds = {m_flow->currentData().toString()};
    query.roles.clear();
    if (!m_role->currentData().toString().isEmpty())
        query.roles = {m_role->currentData().toString()};
    const int seconds = m_time->currentData().toInt();
    // Whole minutes: the query only changes when the user changes it, not on every keystroke.
    query.startedFrom = seconds ? QDateTime::currentDateTimeUtc().addSecs(-seconds) : QDateTime();
    query.statuses.clear();
    for (QToolButton *chip : std::as_const(m_chips))
        if (chip->isChecked())
            query.statuses.append(chip->objectName());
    m_poller->setQuery(query);
    m_model->setQuery(query);
}

void RunsView::sortBy(int column)
{
    const QString field = orderField(column);
    Core::RunsModel::Query query = m_model->query();
    if (field.isEmpty()) { // the service cannot sort by it: keep showing the real order
        const int started = Core::RunsModel::Started;
        m_view->horizontalHeader()->setSortIndicator(
            query.orderby.isEmpty() ? started : m_view->horizontalHeader()->sortIndicatorSection(),
            m_view->horizontalHeader()->sortIndicatorOrder());
        return;
    }
    const Qt::SortOrder order = m_view->horizontalHeader()->sortIndicatorOrder();
    query.orderby.clear();
    if (!(field == "start_time"_L1 && order == Qt::DescendingOrder))
        query.orderby = {field + (order == Qt::AscendingOrder ? u" ASC"_s : u" DESC"_s)};
    m_poller->setQuery(query);
    m_model->setQuery(query);
}

void RunsView::updateCount()
{
    QHash<QString, int> counts;
    for (int row = 0; row < m_model->rowCount(); ++row)
        ++counts[m_model->runAt(row).statusText];
    const int rows = m_model->rowCount();
    QString text = rows == 1 ? tr("1 run") : tr("%1 runs").arg(rows);
    if (m_model->hasMore())
        text = tr("%1+ runs").arg(rows);
    if (m_model->isLoading() && rows == 0)
        text = tr("Loading…");
    m_count->setText(text);
    for (QToolButton *chip : std::as_const(m_chips)) {
        const int count = counts.value(chip->objectName());
        const QString name = tr(Chips[m_chips.indexOf(chip)].label);
        chip->setText(count ? u"%1 %2"_s.arg(name).arg(count) : name);
    }
}

void RunsView::showCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    m_detail->setRun(m_model->runAt(current.row()));
}

void RunsView::showRun(const Core::Run &run)
{
    mergeFresh({run});
    const int row = m_model->rowOf(run.runId);
    if (row >= 0) {
        m_view->setCurrentIndex(m_model->index(row, 0));
        m_view->scrollTo(m_model->index(row, 0));
    } else {
        m_detail->setRun(run); // outside the filter: shown all the same
    }
}

void RunsView::mergeFresh(const QList<Core::Run> &runs)
{
    m_model->mergeRuns(runs);
    m_poller->noteRuns(runs);
    for (const Core::Run &run : runs)
        m_detail->updateRun(run);
    emit runsChanged(runs);
}

QList<Core::Run> RunsView::selectedRuns() const
{
    QList<Core::Run> runs;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        runs.append(m_model->runAt(index.row()));
    return runs;
}

void RunsView::updateBulkActions()
{
    const QList<Core::Run> runs = selectedRuns();
    const bool anyOpen =
        std::any_of(runs.cbegin(), runs.cend(), [](const Core::Run &r) { return !Core::isTerminal(r.status); });
    const bool anyDone =
        std::any_of(runs.cbegin(), runs.cend(), [](const Core::Run &r) { return Core::isTerminal(r.status); });
    bulkButton(u"cancel"_s)->setEnabled(anyOpen);
    bulkButton(u"release"_s)->setEnabled(anyDone);
    bulkButton(u"tags"_s)->setEnabled(!runs.isEmpty());
}

void RunsView::bulk(const QString &what, const std::function<Core::ApiReply *(const Core::Run &)> &request,
                    const std::function<void()> &onDone)
{
    const QList<Core::Run> runs = selectedRuns();
    if (!m_client || runs.isEmpty())
        return;
    auto failures = std::make_shared<QStringList>();
    auto left = std::make_shared<int>(0);
    for (const Core::Run &run : runs) {
        Core::ApiReply *reply = request(run);
        if (!reply)
            continue;
        ++*left;
        reply->setParent(this);
        connect(reply, &Core::ApiReply::finished, this, [this, reply, run, what, failures, left, onDone] {
            reply->deleteLater();
            if (reply->error().isError())
                failures->append(
                    u"%1: %2"_s.arg(run.label.isEmpty() ? run.runId : run.label, reply->error().message()));
            else if (auto *typed = dynamic_cast<Core::RunReply *>(reply))
                mergeFresh({typed->value()});
            if (--*left > 0)
                return;
            if (!failures->isEmpty())
                m_banner->showError(tr("%1 failed for %n run(s): %2", nullptr, int(failures->size()))
                                        .arg(what, failures->join(u"; "_s)),
                                    false);
            if (onDone)
                onDone();
        });
    }
}

void RunsView::cancelSelected()
{
    QList<Core::Run> open;
    for (const Core::Run &run : selectedRuns())
        if (!Core::isTerminal(run.status))
            open.append(run);
    if (open.isEmpty())
        return;
    if (m_confirm && QMessageBox::question(this, tr("Cancel runs"),
                                           tr("Cancel %n run(s)? This cannot be undone.", nullptr, int(open.size())),
                                           QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes)
        return;
    bulk(tr("Cancelling"), [this](const Core::Run &run) -> Core::ApiReply * {
        return Core::isTerminal(run.status) ? nullptr : m_client->cancelRun(run.runId);
    });
}

void RunsView::releaseSelected()
{
    const QList<Core::Run> runs = selectedRuns();
    const auto done =
        std::count_if(runs.cbegin(), runs.cend(), [](const Core::Run &r) { return Core::isTerminal(r.status); });
    if (done == 0)
        return;
    if (m_confirm && QMessageBox::question(
                         this, tr("Release runs"),
                         tr("Release %n finished run(s)? The service forgets them and their logs.", nullptr, int(done)),
                         QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes)
        return;
    bulk(
        tr("Releasing"),
        [this](const Core::Run &run) -> Core::ApiReply * {
            return Core::isTerminal(run.status) ? m_client->releaseRun(run.runId) : nullptr;
        },
        [this] { refresh(); }); // released runs leave the list, once the service has let them go
}

void RunsView::tagSelected()
{
    const QList<Core::Run> runs = selectedRuns();
    if (runs.isEmpty())
        return;
    QStringList common = runs.constFirst().tags;
    for (const Core::Run &run : runs)
        common.removeIf([&run](const QString &tag) { return !run.tags.contains(tag); });
    RunEditDialog dialog(common, int(runs.size()), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QStringList tags = *dialog.options().tags;
    // Tags the runs had in common and the user removed go; each run's own other tags stay.
    bulk(tr("Tagging"), [this, tags, common](const Core::Run &run) -> Core::ApiReply * {
        QStringList merged;
        for (const QString &tag : run.tags)
            if (!common.contains(tag) || tags.contains(tag))
                merged.append(tag);
        for (const QString &tag : tags)
            if (!merged.contains(tag))
                merged.append(tag);
        Core::UpdateRunOptions options;
        options.tags = merged;
        return m_client->updateRun(run.runId, options);
    });
}

void RunsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    window()->installEventFilter(this);
    m_poller->setPaused(false);
}

void RunsView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_poller->setPaused(true);
}

// A minimised window shows nothing: no reason to poll for it.
bool RunsView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == window() && event->type() == QEvent::WindowStateChange)
        m_poller->setPaused(window()->isMinimized() || !isVisible());
    return QWidget::eventFilter(watched, event);
}

} // namespace Flowdeck::Ui
