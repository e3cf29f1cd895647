// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QMenu;
class QTableView;
class QToolButton;

namespace Flowdeck::Core {
class DiagnosticsModel;
}

namespace Flowdeck::Ui {

// The studio's Problems list: severity, code, message, place and source of every diagnostic,
// filtered by severity with counted toggle buttons. Enter or a double-click goes to the place;
// Ctrl+. (or the context menu) offers the quick fixes of the current row. GUI thread.
class ProblemsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProblemsView)

public:
    using QuickFixProvider = std::function<QStringList(int row)>;

    explicit ProblemsView(QWidget *parent = nullptr);

    void setModel(Core::DiagnosticsModel *model);
    void setQuickFixProvider(QuickFixProvider provider) { m_quickFixes = std::move(provider); }
    QTableView *table() const { return m_table; }
    QToolButton *severityButton(int severity) const; // Diagnostic::Severity as int
    // The quick-fix menu of the current row (null when it has none); the caller owns it.
    QMenu *quickFixMenu(int row);

signals:
    void rowActivated(int row);
    void quickFixRequested(int row, int fix);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateCounts();
    void applyFilter();
    void showQuickFixes(const QPoint &globalPosition);

    Core::DiagnosticsModel *m_model = nullptr;
    QTableView *m_table;
    QToolButton *m_errors;
    QToolButton *m_warnings;
    QToolButton *m_infos;
    QLabel *m_summary;
    QuickFixProvider m_quickFixes;
};

} // namespace Flowdeck::Ui
