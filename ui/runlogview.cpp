// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runlogview.h"

#include "core/models/runlogmodel.h"
#include "ui/listviews.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

// Text search runs over the entry's compact bytes as well: an action's output is often what
// the user looks for.
class LogFilterModel final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    QString text;
    QString state;
    QString code;
    bool asciiText = true;
    void apply()
    {
        asciiText = std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 128; });
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &) const override
    {
        const auto *log = static_cast<const Core::RunLogModel *>(sourceModel());
        const Core::RunLogModel::Entry &entry = log->entryAt(row);
        if (!state.isEmpty() && entry.state != state)
            return false;
        if (!code.isEmpty() && entry.code != code)
            return false;
        if (text.isEmpty())
            return true;
        if (entry.description.contains(text, Qt::CaseInsensitive) || entry.code.contains(text, Qt::CaseInsensitive) ||
            entry.state.contains(text, Qt::CaseInsensitive))
            return true;
        // An ASCII needle can be looked for in the UTF-8 bytes as they are: no conversion per entry.
        return asciiText ? QLatin1StringView(entry.details).contains(text, Qt::CaseInsensitive)
                         : QString::fromUtf8(entry.details).contains(text, Qt::CaseInsensitive);
    }
};

RunLogView::RunLogView(Core::RunLogModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new LogFilterModel(this))
    , m_search(new QLineEdit(this))
    , m_state(new QComboBox(this))
    , m_code(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_table(new QTableView(this))
    , m_details(new QPlainTextEdit(this))
    , m_debounce(new QTimer(this))
{
    m_search->setPlaceholderText(tr("Search the log"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search the log"));
    m_state->setAccessibleName(tr("Only entries of state"));
    m_code->setAccessibleName(tr("Only entries with code"));
    m_state->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_code->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *copy = new QPushButton(tr("Copy JSON"), this);
    copy->setAccessibleName(tr("Copy the entry's details as JSON"));
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_state);
    bar->addWidget(m_code);
    bar->addWidget(m_count);

    m_filter->setSourceModel(model);
    m_table->setModel(m_filter);
    m_table->setAccessibleName(tr("Run log"));
    setUpListTable(m_table);
    m_table->setColumnWidth(Core::RunLogModel::Time, 170);
    m_table->setColumnWidth(Core::RunLogModel::Code, 150);
    m_table->setColumnWidth(Core::RunLogModel::State, 140);
    m_details->setReadOnly(true);
    m_details->setAccessibleName(tr("Log entry details"));
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(tr("Select an entry to see its details"));
    auto *detailPane = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detailPane);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_details, 1);
    detailLayout->addWidget(copy, 0, Qt::AlignRight);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(detailPane);
    splitter->setSizes({600, 300});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(200);
    connect(m_debounce, &QTimer::timeout, this, &RunLogView::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_state, &QComboBox::activated, this, &RunLogView::applyFilter);
    connect(m_code, &QComboBox::activated, this, &RunLogView::applyFilter);
    connect(copy, &QPushButton::clicked, this, &RunLogView::copyDetails);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showEntry(current); });
    // Follow the tail only while the user looks at the end of the log.
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this,
            [this](int value) { m_followTail = value >= m_table->verticalScrollBar()->maximum(); });
    connect(model, &Core::RunLogModel::entriesAppended, this, [this] {
        refreshChoices();
        if (m_followTail)
            QTimer::singleShot(0, m_table, &QTableView::scrollToBottom);
    });
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_followTail = true;
        m_details->clear();
        refreshChoices();
    });
    refreshChoices();
}

void RunLogView::refreshChoices()
{
    auto fill = [](QComboBox *box, const QString &all, const QStringList &items) {
        if (box->count() == items.size() + 1)
            return; // the lists only grow
        const QString current = box->currentData().toString();
        box->clear();
        box->addItem(all, QString());
        for (const QString &item : items)
            box->addItem(item, item);
        box->setCurrentIndex(std::max(0, box->findData(current)));
    };
    fill(m_state, tr("All states"), m_model->states());
    fill(m_code, tr("All codes"), m_model->codes());
    m_count->setText(m_filter->rowCount() == m_model->rowCount()
                         ? tr("%n entries", nullptr, m_model->rowCount())
                         : tr("%1 of %2").arg(m_filter->rowCount()).arg(m_model->rowCount()));
}

void RunLogView::applyFilter()
{
    m_debounce->stop();
    m_filter->text = m_search->text().trimmed();
    m_filter->state = m_state->currentData().toString();
    m_filter->code = m_code->currentData().toString();
    m_filter->apply();
    refreshChoices();
}

int RunLogView::visibleRows() const
{
    return m_filter->rowCount();
}

void RunLogView::showEntry(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid()) {
        m_details->clear();
        return;
    }
    const int row = m_filter->mapToSource(proxyIndex).row();
    const QJsonObject details = m_model->detailsAt(row);
    m_details->setPlainText(QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Indented)));
    emit entrySelected(row);
}

QString RunLogView::detailsText() const
{
    return m_details->toPlainText();
}

void RunLogView::copyDetails() const
{
    QGuiApplication::clipboard()->setText(m_details->toPlainText());
}

void RunLogView::selectLogRow(int row)
{
    QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) { // filtered out: show everything again rather than nothing
        m_search->clear();
        m_state->setCurrentIndex(0);
        m_code->setCurrentIndex(0);
        applyFilter();
        index = m_filter->mapFromSource(m_model->index(row, 0));
    }
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
}

void RunLogView::selectState(const QString &state)
{
    for (int row = m_model->rowCount() - 1; row >= 0; --row)
        if (m_model->entryAt(row).state == state) {
            selectLogRow(row);
            return;
        }
}

} // namespace Flowdeck::Ui
