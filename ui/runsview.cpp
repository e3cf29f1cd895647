// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runsview.h"

#include "core/models/runsmodel.h"
#include "ui/errorbanner.h"
#include "ui/listviews.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
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

} // namespace

RunsView::RunsView(Core::RunsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_label(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_banner(new ErrorBanner(this))
    , m_view(new QTableView(this))
    , m_details(new QPlainTextEdit(this))
    , m_debounce(new QTimer(this))
{
    m_label->setPlaceholderText(tr("Filter by label"));
    m_label->setClearButtonEnabled(true);
    m_label->setAccessibleName(tr("Filter runs by label"));
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 6, 6, 6);
    bar->addWidget(m_label, 1);
    for (const Chip &chip : Chips) {
        auto *button = new QToolButton(this);
        button->setText(tr(chip.label));
        button->setCheckable(true);
        button->setProperty("status", QString::fromLatin1(chip.status));
        button->setAccessibleName(tr("Only %1 runs").arg(tr(chip.label).toLower()));
        connect(button, &QToolButton::toggled, this, &RunsView::applyQuery);
        bar->addWidget(button);
        m_chips.append(button);
    }
    m_count->setMinimumWidth(90);
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    bar->addWidget(m_count);
    auto *refresh = new QToolButton(this);
    refresh->setText(tr("Refresh"));
    connect(refresh, &QToolButton::clicked, this, &RunsView::refresh);
    bar->addWidget(refresh);

    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Runs"));
    setUpListTable(m_view);
    m_view->setColumnWidth(Core::RunsModel::Label, 200);
    m_view->setColumnWidth(Core::RunsModel::Flow, 200);
    m_view->setColumnWidth(Core::RunsModel::Started, 150);
    m_view->setColumnWidth(Core::RunsModel::Duration, 80);
    m_details->setReadOnly(true);
    m_details->setAccessibleName(tr("Run details"));
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setSizes({800, 400});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &RunsView::applyQuery);
    connect(m_label, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_model, &Core::PagedModel::loadingChanged, this, &RunsView::updateCount);
    connect(m_model, &Core::PagedModel::pageLoaded, this, &RunsView::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RunsView::updateCount);
    connect(m_model, &Core::PagedModel::pageLoaded, m_banner, &QWidget::hide);
    connect(m_model, &Core::PagedModel::errorOccurred, this, [this](const Core::ApiError &error) {
        m_banner->showError(tr("The runs could not be listed: %1").arg(error.message()));
    });
    connect(m_banner, &ErrorBanner::retryRequested, this, &RunsView::refresh);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showRun(current.row()); });
}

void RunsView::setClient(Core::FlowsClient *client)
{
    m_banner->hide();
    m_details->clear();
    m_model->setClient(client);
}

void RunsView::refresh()
{
    m_banner->hide();
    m_model->refresh();
}

QToolButton *RunsView::statusChip(const QString &status) const
{
    for (QToolButton *chip : m_chips)
        if (chip->property("status").toString() == status)
            return chip;
    return nullptr;
}

QString RunsView::detailText() const
{
    return m_details->toPlainText();
}

void RunsView::applyQuery()
{
    m_debounce->stop();
    Core::RunsModel::Query query = m_model->query();
    query.label = m_label->text().trimmed();
    query.statuses.clear();
    for (QToolButton *chip : std::as_const(m_chips))
        if (chip->isChecked())
            query.statuses.append(chip->property("status").toString());
    m_model->setQuery(query);
}

void RunsView::updateCount()
{
    const int rows = m_model->rowCount();
    QString text = rows == 1 ? tr("1 run") : tr("%1 runs").arg(rows);
    if (m_model->hasMore())
        text = tr("%1+ runs").arg(rows);
    if (m_model->isLoading())
        text = tr("Loading…");
    m_count->setText(text);
}

void RunsView::showRun(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        m_details->clear();
        return;
    }
    const Core::Run &run = m_model->runAt(row);
    QString text = tr("%1\nRun %2 of “%3”\nStatus: %4\nStarted: %5\n")
                       .arg(run.label, run.runId, run.flowTitle, run.statusText,
                            QLocale().toString(run.startTime.toLocalTime(), QLocale::LongFormat));
    if (run.completionTime.isValid())
        text += tr("Finished: %1 (after %2)\n")
                    .arg(QLocale().toString(run.completionTime.toLocalTime(), QLocale::LongFormat),
                         Core::RunsModel::duration(run, QDateTime::currentDateTimeUtc()));
    text += u"\n"_s + QString::fromUtf8(QJsonDocument(run.details()).toJson(QJsonDocument::Indented));
    m_details->setPlainText(text);
}

} // namespace Flowdeck::Ui
