// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/diagnostic.h"

#include <QAbstractTableModel>
#include <QList>

namespace Flowdeck::Core {

// The studio's Problems list: the local validator's diagnostics (replaced every few hundred ms while
// typing) and the service's (replaced on demand), kept per source and shown together, sorted by
// position, then severity. The model hides rows of unwanted severities itself, so the view needs no
// proxy. Updates change only the rows that differ (a selection survives re-validation); counts are
// over every diagnostic, hidden or not. GUI thread; countsChanged() follows the row signals.
class DiagnosticsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosticsModel)

public:
    enum Column { SeverityColumn, CodeColumn, MessageColumn, LocationColumn, SourceColumn, ColumnCount };
    // SeverityRole: the Lang::Diagnostic::Severity as an int, for the ui's icons. OffsetRole: where
    // the diagnostic starts in the text (UTF-8 bytes).
    enum DataRole { SeverityRole = Qt::UserRole + 1, OffsetRole };
    enum class Source { Local, Server };
    enum SeverityFlag { ShowErrors = 0x1, ShowWarnings = 0x2, ShowInfos = 0x4, ShowAll = 0x7 };
    Q_DECLARE_FLAGS(Severities, SeverityFlag)

    explicit DiagnosticsModel(QObject *parent = nullptr);

    // Replaces the diagnostics of one source; the other's stay.
    void setDiagnostics(Source source, const QList<Lang::Diagnostic> &diagnostics);
    void clear(); // both sources

    void setVisibleSeverities(Severities severities);
    Severities visibleSeverities() const { return m_visible; }

    // The visible row's diagnostic and where it came from.
    const Lang::Diagnostic &diagnostic(int row) const { return m_rows.at(row).diagnostic; }
    Source source(int row) const { return m_rows.at(row).source; }

    int errorCount() const { return m_counts[0]; }
    int warningCount() const { return m_counts[1]; }
    int infoCount() const { return m_counts[2]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void countsChanged();

private:
    struct Row
    {
        Lang::Diagnostic diagnostic;
        Source source = Source::Local;
        bool operator==(const Row &other) const;
    };

    void update();
    void apply(const QList<Row> &rows);

    QList<Lang::Diagnostic> m_bySource[2];
    QList<Row> m_rows; // visible, sorted
    Severities m_visible = ShowAll;
    int m_counts[3] = {0, 0, 0};
};

} // namespace Flowdeck::Core

Q_DECLARE_OPERATORS_FOR_FLAGS(Flowdeck::Core::DiagnosticsModel::Severities)
