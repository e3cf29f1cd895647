// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/diagnosticsmodel.h"

#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

namespace {

using Severity = Lang::Diagnostic::Severity;

DiagnosticsModel::SeverityFlag flagOf(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return DiagnosticsModel::ShowErrors;
    case Severity::Warning:
        return DiagnosticsModel::ShowWarnings;
    case Severity::Info:
        return DiagnosticsModel::ShowInfos;
    }
    return DiagnosticsModel::ShowErrors;
}

QString location(const Lang::TextRange &range)
{
    return QString::number(range.start.line) + u':' + QString::number(range.start.column);
}

} // namespace

bool DiagnosticsModel::Row::operator==(const Row &other) const
{
    const Lang::Diagnostic &a = diagnostic, &b = other.diagnostic;
    return source == other.source && a.severity == b.severity && a.range == b.range && a.code == b.code &&
           a.message == b.message && a.path == b.path;
}

DiagnosticsModel::DiagnosticsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void DiagnosticsModel::setDiagnostics(Source source, const QList<Lang::Diagnostic> &diagnostics)
{
    m_bySource[int(source)] = diagnostics;
    update();
}

void DiagnosticsModel::clear()
{
    m_bySource[0].clear();
    m_bySource[1].clear();
    update();
}

void DiagnosticsModel::setVisibleSeverities(Severities severities)
{
    if (severities == m_visible)
        return;
    m_visible = severities;
    update();
}

void DiagnosticsModel::update()
{
    QList<Row> rows;
    int counts[3] = {0, 0, 0};
    for (const Source source : {Source::Local, Source::Server}) {
        for (const Lang::Diagnostic &d : std::as_const(m_bySource[int(source)])) {
            ++counts[int(d.severity)];
            if (m_visible.testFlag(flagOf(d.severity)))
                rows.append({d, source});
        }
    }
    // Stable: equal places keep local before server, and each source's own order.
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        const qsizetype at = a.diagnostic.range.start.offset, bt = b.diagnostic.range.start.offset;
        return at != bt ? at < bt : int(a.diagnostic.severity) < int(b.diagnostic.severity);
    });
    apply(rows);
    if (!std::equal(std::begin(counts), std::end(counts), std::begin(m_counts))) {
        std::copy(std::begin(counts), std::end(counts), std::begin(m_counts));
        emit countsChanged();
    }
}

// Keeps the rows both lists share at the start and at the end; the ones between are changed in
// place when their number stays (typing moves positions, not rows), else removed and inserted.
void DiagnosticsModel::apply(const QList<Row> &rows)
{
    const qsizetype oldSize = m_rows.size(), newSize = rows.size();
    qsizetype head = 0;
    while (head < oldSize && head < newSize && m_rows.at(head) == rows.at(head))
        ++head;
    qsizetype tail = 0;
    while (tail < oldSize - head && tail < newSize - head &&
           m_rows.at(oldSize - 1 - tail) == rows.at(newSize - 1 - tail))
        ++tail;
    const qsizetype oldMiddle = oldSize - head - tail, newMiddle = newSize - head - tail;
    if (oldMiddle == 0 && newMiddle == 0)
        return;
    if (oldMiddle == newMiddle) {
        m_rows = rows;
        emit dataChanged(index(int(head), 0), index(int(head + newMiddle - 1), ColumnCount - 1));
        return;
    }
    if (head == 0 && tail == 0 && oldSize > 0 && newSize > 0) { // nothing in common: a new list
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    if (oldMiddle > 0) {
        beginRemoveRows({}, int(head), int(head + oldMiddle - 1));
        m_rows.remove(head, oldMiddle);
        endRemoveRows();
    }
    if (newMiddle > 0) {
        beginInsertRows({}, int(head), int(head + newMiddle - 1));
        m_rows = rows; // after the removal, m_rows held exactly rows' head and tail
        endInsertRows();
    }
}

int DiagnosticsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DiagnosticsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DiagnosticsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const Lang::Diagnostic &d = row.diagnostic;
    if (role == SeverityRole)
        return int(d.severity);
    if (role == OffsetRole)
        return qlonglong(d.range.start.offset);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case SeverityColumn:
        return Lang::Diagnostic::severityName(d.severity);
    case CodeColumn:
        return d.code;
    case MessageColumn:
        return d.message;
    case LocationColumn:
        if (role == Qt::ToolTipRole) // the service's "loc" form, as its errors name places
            return QString::fromUtf8(QJsonDocument(d.path).toJson(QJsonDocument::Compact));
        return location(d.range);
    case SourceColumn:
        return row.source == Source::Local ? tr("local") : tr("server");
    }
    return {};
}

QVariant DiagnosticsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case CodeColumn:
        return tr("Code");
    case MessageColumn:
        return tr("Message");
    case LocationColumn:
        return tr("Location");
    case SourceColumn:
        return tr("Source");
    }
    return {};
}

} // namespace Flowdeck::Core
