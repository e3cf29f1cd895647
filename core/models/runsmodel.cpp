// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/runsmodel.h"

#include "core/api/flowsclient.h"
#include "core/api/replies.h"

#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

RunsModel::RunsModel(QObject *parent)
    : PagedModel(parent)
{}

void RunsModel::setQuery(const Query &query)
{
    if (query == m_query && started())
        return;
    m_query = query;
    refresh();
}

ListRunsOptions RunsModel::listOptions(const Query &query)
{
    ListRunsOptions options;
    if (!query.label.trimmed().isEmpty())
        options.filterLabel = {query.label.trimmed()};
    options.filterFlowId = query.flowIds;
    options.filterTags = query.tags;
    options.filterRoles = query.roles;
    if (query.startedFrom.isValid())
        options.filterStartTime = TimeRange{query.startedFrom, {}};
    return options;
}

ApiReply *RunsModel::requestPage(FlowsClient *client, const QString &marker, int pageSize)
{
    ListRunsOptions options = listOptions(m_query);
    options.filterStatus = m_query.statuses;
    options.orderby = m_query.orderby.isEmpty() ? QStringList{u"start_time DESC"_s} : m_query.orderby;
    options.perPage = pageSize;
    options.marker = marker;
    return client->listRuns(options);
}

PagedModel::PageEnd RunsModel::appendPage(ApiReply *reply)
{
    const Page<Run> &page = static_cast<RunPageReply *>(reply)->value();
    QList<Run> fresh;
    for (const Run &run : page.items)
        if (rowOf(run.runId) < 0) // a run started meanwhile shifts the pages: never show one twice
            fresh.append(run);
    if (!fresh.isEmpty()) {
        beginInsertRows({}, int(m_runs.size()), int(m_runs.size() + fresh.size()) - 1);
        for (const Run &run : std::as_const(fresh))
            m_rowOfId.insert(run.runId, int(m_runs.size()) + int(&run - fresh.constData()));
        m_runs.append(fresh);
        endInsertRows();
    }
    return {page.hasNextPage, page.marker};
}

int RunsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RunsModel::duration(const Run &run, const QDateTime &now)
{
    if (!run.startTime.isValid())
        return {};
    const qint64 seconds = run.startTime.secsTo(run.completionTime.isValid() ? run.completionTime : now);
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

QVariant RunsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Run &run = m_runs.at(index.row());
    if (role == RunIdRole)
        return run.runId;
    if (role == StatusRole)
        return run.statusText;
    if (role == Qt::ToolTipRole && index.column() == Status)
        return run.details().value("description"_L1).toString();
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Label:
        return run.label.isEmpty() ? run.runId.left(8) : run.label;
    case Flow:
        return run.flowTitle;
    case Status:
        return run.displayStatus.isEmpty() ? run.statusText : run.displayStatus;
    case Started:
        return QLocale().toString(run.startTime.toLocalTime(), QLocale::ShortFormat);
    case Duration:
        return duration(run, QDateTime::currentDateTimeUtc());
    case CurrentState:
        return run.stateName();
    case Tags:
        return run.tags.join(u", "_s);
    }
    return {};
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Label:
        return tr("Label");
    case Flow:
        return tr("Flow");
    case Status:
        return tr("Status");
    case Started:
        return tr("Started");
    case Duration:
        return tr("Duration");
    case CurrentState:
        return tr("State");
    case Tags:
        return tr("Tags");
    }
    return {};
}

void RunsModel::reindex() const
{
    m_rowOfId.clear();
    m_rowOfId.reserve(m_runs.size());
    for (int row = 0; row < m_runs.size(); ++row)
        m_rowOfId.insert(m_runs.at(row).runId, row);
    m_indexValid = true;
}

int RunsModel::rowOf(const QString &runId) const
{
    if (!m_indexValid)
        reindex();
    return m_rowOfId.value(runId, -1);
}

// The query's filters as the service applies them, for runs that reach the model by other ways than
// a listing (a poll of all endings, a run just started): only matching ones may join the list.
bool RunsModel::matches(const Run &run) const
{
    if (!m_query.statuses.isEmpty() && !m_query.statuses.contains(run.statusText))
        return false;
    if (!m_query.flowIds.isEmpty() && !m_query.flowIds.contains(run.flowId))
        return false;
    if (!m_query.label.trimmed().isEmpty() && !run.label.contains(m_query.label.trimmed(), Qt::CaseInsensitive))
        return false;
    return m_query.tags.isEmpty() || std::any_of(m_query.tags.cbegin(), m_query.tags.cend(),
                                                 [&run](const QString &tag) { return run.tags.contains(tag); });
}

QList<Run> RunsModel::mergeRuns(const QList<Run> &runs)
{
    QList<Run> changed;
    const bool newestFirst = m_query.orderby.isEmpty();
    for (const Run &run : runs) {
        const int row = rowOf(run.runId);
        if (row >= 0) {
            if (m_runs.at(row) == run)
                continue;
            changed.append(m_runs.at(row));
            m_runs[row] = run;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            continue;
        }
        // The rows are the newest part of the list: an unknown run belongs in it if it started no
        // earlier than the last row (or the list is complete). The first page decides what is shown.
        const bool inLoadedRange = !hasMore() || (!m_runs.isEmpty() && run.startTime >= m_runs.constLast().startTime);
        if (newestFirst && started() && !(m_runs.isEmpty() && isLoading()) && inLoadedRange && matches(run))
            insertByStartTime(run);
    }
    return changed;
}

void RunsModel::insertByStartTime(const Run &run)
{
    const auto at = std::upper_bound(m_runs.cbegin(), m_runs.cend(), run.startTime,
                                     [](const QDateTime &time, const Run &row) { return time > row.startTime; });
    const int row = int(at - m_runs.cbegin());
    beginInsertRows({}, row, row);
    m_runs.insert(row, run);
    m_indexValid = false;
    endInsertRows();
}

} // namespace Flowdeck::Core
