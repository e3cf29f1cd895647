// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/runlogmodel.h"

#include "core/api/flowsclient.h"
#include "core/api/replies.h"

#include <QJsonDocument>
#include <QLocale>

#include <utility>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

RunLogModel::RunLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void RunLogModel::setClient(FlowsClient *client)
{
    m_client = client;
    setRun({});
}

void RunLogModel::setRun(const QString &runId)
{
    ++m_generation;
    if (m_pending)
        m_pending->deleteLater();
    m_pending = nullptr;
    beginResetModel();
    m_runId = runId;
    m_entries.clear();
    m_spans.clear();
    m_openSpan.clear();
    m_progress.clear();
    m_codes.clear();
    m_states.clear();
    m_pageMarker.clear();
    m_pageSeen = 0;
    m_complete = false;
    m_tailAgain = false;
    endResetModel();
    if (!runId.isEmpty())
        request();
}

void RunLogModel::tail()
{
    // After a failed page too: the marker still points at the page that failed.
    if (m_pending)
        m_tailAgain = true; // the answer on its way may predate the entries wanted now
    else
        request();
}

void RunLogModel::request()
{
    if (!m_client || m_pending || m_runId.isEmpty())
        return;
    RunLogOptions options;
    options.limit = m_pageSize;
    options.marker = m_pageMarker;
    ApiReply *reply = m_client->getRunLogs(m_runId, options);
    reply->setParent(this);
    m_pending = reply;
    const quint64 generation = m_generation;
    connect(reply, &ApiReply::finished, this, [this, reply, generation] { onPage(reply, generation); });
    emit loadingChanged(true);
}

void RunLogModel::onPage(ApiReply *reply, quint64 generation)
{
    reply->deleteLater();
    if (generation != m_generation)
        return;
    m_pending = nullptr;
    if (reply->error().isError()) {
        emit loadingChanged(false);
        emit errorOccurred(reply->error());
        return;
    }
    const Page<RunLogEntry> &page = static_cast<RunLogPageReply *>(reply)->value();
    // The page the log ends in is asked for again by its marker: only its unseen entries are new.
    append(page.items.mid(std::min(m_pageSeen, page.items.size())));
    if (page.hasNextPage && !page.marker.isEmpty()) {
        m_pageMarker = page.marker;
        m_pageSeen = 0;
        m_complete = false;
        request();
        return;
    }
    m_pageSeen = page.items.size();
    m_complete = true;
    emit loadingChanged(false);
    if (std::exchange(m_tailAgain, false))
        request();
}

void RunLogModel::append(const QList<RunLogEntry> &entries)
{
    if (entries.isEmpty())
        return;
    const int first = int(m_entries.size());
    beginInsertRows({}, first, first + int(entries.size()) - 1);
    for (const RunLogEntry &entry : entries) {
        Entry compact{entry.time.toMSecsSinceEpoch(),
                      entry.code,
                      entry.stateName(),
                      entry.stateType(),
                      entry.description,
                      QJsonDocument(entry.details).toJson(QJsonDocument::Compact)};
        track(compact, int(m_entries.size()));
        m_entries.append(std::move(compact));
    }
    endInsertRows();
    emit entriesAppended(first, int(m_entries.size()) - 1);
}

// Spans follow the service's codes: <Type>Started opens one, <Type>Completed ends it well,
// <Type>Failed ends it caught (the run goes on), FlowFailed and FlowCanceled end what is open.
void RunLogModel::track(const Entry &entry, int row)
{
    if (!m_codes.contains(entry.code))
        m_codes.append(entry.code);
    const bool flowLevel = entry.code.startsWith("Flow"_L1);
    auto close = [&](int index, StateProgress outcome) {
        StateSpan &span = m_spans[index];
        span.end = entry.time;
        span.outcome = outcome;
        span.lastRow = row;
        m_openSpan.remove(span.state);
        m_progress.insert(span.state, outcome);
    };
    if (flowLevel) {
        const StateProgress outcome = entry.code == "FlowFailed"_L1     ? StateProgress::Failed
                                      : entry.code == "FlowCanceled"_L1 ? StateProgress::Canceled
                                                                        : StateProgress::Running;
        if (outcome != StateProgress::Running)
            for (int index : m_openSpan.values())
                close(index, outcome);
        return;
    }
    if (entry.state.isEmpty())
        return;
    if (!m_states.contains(entry.state))
        m_states.append(entry.state);
    const auto open = m_openSpan.constFind(entry.state);
    if (entry.code.endsWith("Started"_L1)) {
        if (open != m_openSpan.cend())
            close(*open, StateProgress::Succeeded); // a retry restarted it
        m_openSpan.insert(entry.state, int(m_spans.size()));
        m_progress.insert(entry.state, StateProgress::Running);
        m_spans.append({entry.state, entry.stateType, entry.time, -1, StateProgress::Running, row, -1});
    } else if (open != m_openSpan.cend() && entry.code.endsWith("Completed"_L1)) {
        close(*open, StateProgress::Succeeded);
    } else if (open != m_openSpan.cend() && entry.code.endsWith("Failed"_L1)) {
        close(*open, StateProgress::Caught);
    }
}

QHash<QString, StateProgress> RunLogModel::stateProgress(int upToRow) const
{
    if (upToRow < 0 || upToRow >= m_entries.size() - 1)
        return m_progress; // kept up to date as entries arrive: a live view asks after every page
    QHash<QString, StateProgress> progress;
    for (const StateSpan &span : m_spans) {
        if (upToRow >= 0 && span.firstRow > upToRow)
            break;
        const bool endedLater = upToRow >= 0 && (span.lastRow < 0 || span.lastRow > upToRow);
        progress.insert(span.state, endedLater ? StateProgress::Running : span.outcome);
    }
    return progress;
}

QString RunLogModel::currentState() const
{
    int newest = -1; // the most recently started of the open spans
    for (int index : m_openSpan)
        newest = std::max(newest, index);
    return newest < 0 ? QString() : m_spans.at(newest).state;
}

QStringList RunLogModel::codes() const
{
    return m_codes;
}

QStringList RunLogModel::states() const
{
    return m_states;
}

QJsonObject RunLogModel::detailsAt(int row) const
{
    return QJsonDocument::fromJson(m_entries.at(row).details).object();
}

int RunLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int RunLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case DetailsRole:
        return entry.details;
    case StateNameRole:
        return entry.state;
    case CodeRole:
        return entry.code;
    case TimeRole:
        return entry.time;
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case Time:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(entry.time).toLocalTime(),
                                  u"yyyy-MM-dd HH:mm:ss.zzz"_s);
    case Code:
        return entry.code;
    case State:
        return entry.state;
    case Description:
        return entry.description;
    }
    return {};
}

QVariant RunLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Code:
        return tr("Code");
    case State:
        return tr("State");
    case Description:
        return tr("Description");
    }
    return {};
}

} // namespace Flowdeck::Core
