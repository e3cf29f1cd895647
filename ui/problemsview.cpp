// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/problemsview.h"

#include "core/lang/diagnostic.h"
#include "core/models/diagnosticsmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Flowdeck::Ui {

using Severity = Core::Lang::Diagnostic::Severity;

ProblemsView::ProblemsView(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableView(this))
    , m_errors(new QToolButton(this))
    , m_warnings(new QToolButton(this))
    , m_infos(new QToolButton(this))
    , m_summary(new QLabel(this))
{
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    auto *title = new QLabel(tr("<b>Problems</b>"), this);
    bar->addWidget(title);
    for (QToolButton *button : {m_errors, m_warnings, m_infos}) {
        button->setCheckable(true);
        button->setChecked(true);
        button->setAutoRaise(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        connect(button, &QToolButton::toggled, this, &ProblemsView::applyFilter);
        bar->addWidget(button);
    }
    m_errors->setObjectName(u"showErrors"_s);
    m_warnings->setObjectName(u"showWarnings"_s);
    m_infos->setObjectName(u"showInfos"_s);
    bar->addStretch();
    bar->addWidget(m_summary);

    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->installEventFilter(this);
    connect(m_table, &QTableView::activated, this,
            [this](const QModelIndex &index) { emit rowActivated(index.row()); });
    connect(m_table, &QTableView::customContextMenuRequested, this,
            [this](const QPoint &at) { showQuickFixes(m_table->viewport()->mapToGlobal(at)); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_table);
    updateCounts();
}

void ProblemsView::setModel(Core::DiagnosticsModel *model)
{
    m_model = model;
    m_table->setModel(model);
    // Fixed widths from the font: the columns neither jump while typing nor cut "FD302" short.
    QHeaderView *header = m_table->horizontalHeader();
    const QFontMetrics metrics = m_table->fontMetrics();
    const auto fixed = [&](int column, const QString &widest) {
        header->setSectionResizeMode(column, QHeaderView::Fixed);
        header->resizeSection(column, metrics.horizontalAdvance(widest) + 24);
    };
    fixed(Core::DiagnosticsModel::SeverityColumn, tr("warning"));
    fixed(Core::DiagnosticsModel::CodeColumn, u"FD000"_s);
    fixed(Core::DiagnosticsModel::LocationColumn, u"00000:000"_s);
    fixed(Core::DiagnosticsModel::SourceColumn, tr("server"));
    header->setSectionResizeMode(Core::DiagnosticsModel::MessageColumn, QHeaderView::Stretch);
    connect(model, &Core::DiagnosticsModel::countsChanged, this, &ProblemsView::updateCounts);
    updateCounts();
}

QToolButton *ProblemsView::severityButton(int severity) const
{
    switch (Severity(severity)) {
    case Severity::Error:
        return m_errors;
    case Severity::Warning:
        return m_warnings;
    case Severity::Info:
        return m_infos;
    }
    return nullptr;
}

void ProblemsView::updateCounts()
{
    const int errors = m_model ? m_model->errorCount() : 0;
    const int warnings = m_model ? m_model->warningCount() : 0;
    const int infos = m_model ? m_model->infoCount() : 0;
    m_errors->setText(tr("Errors: %1").arg(errors));
    m_warnings->setText(tr("Warnings: %1").arg(warnings));
    m_infos->setText(tr("Info: %1").arg(infos));
    m_summary->setText(errors + warnings + infos == 0 ? tr("No problems found") : QString());
}

void ProblemsView::applyFilter()
{
    if (!m_model)
        return;
    Core::DiagnosticsModel::Severities visible;
    visible.setFlag(Core::DiagnosticsModel::ShowErrors, m_errors->isChecked());
    visible.setFlag(Core::DiagnosticsModel::ShowWarnings, m_warnings->isChecked());
    visible.setFlag(Core::DiagnosticsModel::ShowInfos, m_infos->isChecked());
    m_model->setVisibleSeverities(visible);
}

QMenu *ProblemsView::quickFixMenu(int row)
{
    const QStringList fixes = m_quickFixes ? m_quickFixes(row) : QStringList();
    if (fixes.isEmpty())
        return nullptr;
    auto *menu = new QMenu(this);
    // The list may be re-sorted while the menu is open (a new analysis, the service's answer): the
    // fix goes to the diagnostic the menu was opened for, wherever it is now, or nowhere.
    const Core::Lang::Diagnostic chosen = m_model->diagnostic(row);
    for (int i = 0; i < fixes.size(); ++i)
        connect(menu->addAction(fixes.at(i)), &QAction::triggered, this, [this, chosen, i] {
            for (int now = 0; now < m_model->rowCount(); ++now) {
                const Core::Lang::Diagnostic &d = m_model->diagnostic(now);
                if (d.code == chosen.code && d.message == chosen.message && d.path == chosen.path)
                    return emit quickFixRequested(now, i);
            }
        });
    return menu;
}

void ProblemsView::showQuickFixes(const QPoint &globalPosition)
{
    const int row = m_table->currentIndex().row();
    QMenu *menu = quickFixMenu(row);
    if (!menu)
        return;
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(globalPosition);
}

bool ProblemsView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Period && key->modifiers() == Qt::ControlModifier) {
            const QRect cell = m_table->visualRect(m_table->currentIndex());
            showQuickFixes(m_table->viewport()->mapToGlobal(cell.bottomLeft()));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Flowdeck::Ui
