// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableView;
class QTimer;

namespace Flowdeck::Core {
class RunLogModel;
}

namespace Flowdeck::Ui {

class LogFilterModel;

// A run's log: a table that follows new entries while the view is at the bottom, searchable
// (text anywhere in an entry, its details included) and filtered by state and code, with the
// selected entry's JSON details (a state's input or output) beside it, ready to copy.
class RunLogView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunLogView)

public:
    explicit RunLogView(Core::RunLogModel *model, QWidget *parent = nullptr);
    QTableView *table() const { return m_table; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *stateFilter() const { return m_state; }
    QComboBox *codeFilter() const { return m_code; }
    QString detailsText() const;
    int visibleRows() const;
    void selectLogRow(int row);             // a row of the model, e.g. from the timeline or the graph
    void selectState(const QString &state); // its latest entry
    void copyDetails() const;

signals:
    void entrySelected(int logRow);

private:
    void refreshChoices();
    void applyFilter();
    void showEntry(const QModelIndex &proxyIndex);

    Core::RunLogModel *m_model;
    LogFilterModel *m_filter;
    QLineEdit *m_search;
    QComboBox *m_state;
    QComboBox *m_code;
    QLabel *m_count;
    QTableView *m_table;
    QPlainTextEdit *m_details;
    QTimer *m_debounce;
    bool m_followTail = true;
};

} // namespace Flowdeck::Ui
