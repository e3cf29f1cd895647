// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/apierror.h"
#include "core/api/run.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>

namespace Flowdeck::Core {

class ApiReply;
class FlowsClient;

// How far a state got in a run, as its log tells it.
enum class StateProgress { NotRun, Running, Succeeded, Failed, Caught, Canceled };

// One stay in a state: from its <Type>Started entry to the entry that ended it.
struct StateSpan
{
    QString state;
    QString type;
    qint64 start = 0; // ms since the epoch, UTC
    qint64 end = -1;  // -1 while the state runs
    StateProgress outcome = StateProgress::Running;
    int firstRow = 0; // the log row that started it
    int lastRow = -1;
};

// A run's whole log as a table: loaded page by page (100 entries a request) in the background,
// then tailed by marker while the run goes on, so that new entries arrive without reloading. Each
// entry is kept compact (its details as JSON text) so that 100,000 entries stay small; the state
// spans of the timeline and each state's progress for the graph are kept up to date as entries
// arrive. GUI thread.
class RunLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunLogModel)

public:
    enum Column { Time, Code, State, Description, ColumnCount };
    enum DataRole { DetailsRole = Qt::UserRole + 1, StateNameRole, CodeRole, TimeRole };

    struct Entry
    {
        qint64 time = 0; // ms since the epoch, UTC
        QString code;
        QString state;
        QString stateType;
        QString description;
        QByteArray details; // compact JSON
    };

    explicit RunLogModel(QObject *parent = nullptr);
    void setClient(FlowsClient *client);
    void setRun(const QString &runId); // empties the model and loads the whole log
    QString runId() const { return m_runId; }
    void tail(); // asks for entries newer than the last one loaded (or retries a failed page)
    void setPageSize(int size) { m_pageSize = size; }

    bool isLoading() const { return !m_pending.isNull(); }
    bool isComplete() const { return m_complete; } // everything the service had, last time it was asked

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const Entry &entryAt(int row) const { return m_entries.at(row); }
    QJsonObject detailsAt(int row) const;
    const QList<StateSpan> &spans() const { return m_spans; }
    QHash<QString, StateProgress> stateProgress(int upToRow = -1) const; // -1: the whole log
    QString currentState() const;                                        // the state running now, if any
    QStringList codes() const;                                           // distinct codes, for a filter
    QStringList states() const; // distinct state names, in order of first appearance

signals:
    void loadingChanged(bool loading);
    void errorOccurred(const Flowdeck::Core::ApiError &error);
    void entriesAppended(int first, int last);

private:
    void request();
    void onPage(ApiReply *reply, quint64 generation);
    void append(const QList<RunLogEntry> &entries);
    void track(const Entry &entry, int row);

    QPointer<FlowsClient> m_client;
    QString m_runId;
    QList<Entry> m_entries;
    QList<StateSpan> m_spans;
    QHash<QString, int> m_openSpan;           // state → index in m_spans
    QHash<QString, StateProgress> m_progress; // each state's latest outcome, for the live graph
    QStringList m_codes;
    QStringList m_states;
    QString m_pageMarker;     // the marker that asked for the page the log ends in
    qsizetype m_pageSeen = 0; // entries of that page already in the model
    bool m_complete = false;
    bool m_tailAgain = false; // tail() was called while a page was on its way
    int m_pageSize = 100;
    quint64 m_generation = 0;
    QPointer<ApiReply> m_pending;
};

} // namespace Flowdeck::Core
