// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/flowsoptions.h"
#include "core/api/run.h"
#include "core/models/pagedmodel.h"

#include <QHash>
#include <QStringList>

namespace Flowdeck::Core {

// The runs a service lists for the signed-in identity, paged like FlowsModel, filtered and sorted on
// the server (status, label, flow; orderby). GUI thread.
class RunsModel final : public PagedModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunsModel)

public:
    enum Column { Label, Flow, Status, Started, Duration, CurrentState, Tags, ColumnCount };
    enum DataRole { RunIdRole = Qt::UserRole + 1, StatusRole };

    struct Query
    {
        QStringList statuses; // ACTIVE, INACTIVE, SUCCEEDED, FAILED, ENDED
        QString label;
        QStringList flowIds;
        QStringList tags;
        QStringList roles;     // run_owner, run_manager, run_monitor, ...
        QDateTime startedFrom; // invalid: any time
        QStringList orderby;   // empty: newest first
        bool operator==(const Query &) const = default;
    };

    explicit RunsModel(QObject *parent = nullptr);
    static ListRunsOptions listOptions(const Query &query); // the query's filters as request options
    void setQuery(const Query &query);
    const Query &query() const { return m_query; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const Run &runAt(int row) const { return m_runs.at(row); }
    int rowOf(const QString &runId) const;
    // Fresh documents from a poll or an action: known rows change in place (one dataChanged each,
    // selection and scroll kept); unknown runs that match the query join the list at their place by
    // start time when the list is newest first. Returns the runs whose documents changed, as they were.
    QList<Run> mergeRuns(const QList<Run> &runs);
    static QString duration(const Run &run, const QDateTime &now);

private:
    ApiReply *requestPage(FlowsClient *client, const QString &marker, int pageSize) override;
    PageEnd appendPage(ApiReply *reply) override;
    void clearRows() override
    {
        m_runs.clear();
        m_indexValid = false;
    }

    void reindex() const;
    bool matches(const Run &run) const;
    void insertByStartTime(const Run &run);

    Query m_query;
    QList<Run> m_runs;
    mutable QHash<QString, int> m_rowOfId; // rebuilt lazily: a poll with 10,000 rows must stay cheap
    mutable bool m_indexValid = false;
};

} // namespace Flowdeck::Core
