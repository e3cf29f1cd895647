// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/flow.h"
#include "core/models/pagedmodel.h"

#include <QStringList>

namespace Flowdeck::Core {

class FlowsClient;

// The flows a service lists for the signed-in identity, one page at a time: canFetchMore/fetchMore
// ask listFlows for the next page, answers to an outdated query are ignored, and single flows are
// updated or removed in place. Filtering and sorting happen on the server. GUI thread.
class FlowsModel final : public PagedModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlowsModel)

public:
    enum Column { Title, Subtitle, Owner, Roles, Keywords, Updated, ColumnCount };
    enum DataRole { FlowIdRole = Qt::UserRole + 1, UpdatedAtRole };

    struct Query
    {
        QString fulltext;
        QStringList roles;   // flow_owner, flow_administrator, flow_starter, flow_viewer, ...
        QStringList orderby; // "title ASC", ...; empty: the service's default (updated_at DESC)
        bool operator==(const Query &) const = default;
    };

    explicit FlowsModel(QObject *parent = nullptr);

    // A new query empties the model and loads the first page (so does setClient, a profile switch).
    void setQuery(const Query &query);
    const Query &query() const { return m_query; }
    void setCurrentIdentity(const QString &urn); // its flows show "You" as the owner

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const Flow &flowAt(int row) const { return m_flows.at(row); }
    int rowOf(const QString &flowId) const;
    // A flow changed elsewhere (edited, or re-read): its row is updated if it is shown.
    void updateFlow(const Flow &flow);
    void removeFlow(const QString &flowId);
    // The column's server-side sort field, or empty if the service cannot sort by it.
    static QString sortField(int column);

private:
    ApiReply *requestPage(FlowsClient *client, const QString &marker, int pageSize) override;
    PageEnd appendPage(ApiReply *reply) override;
    void clearRows() override { m_flows.clear(); }

    Query m_query;
    QString m_identity;
    QList<Flow> m_flows;
};

} // namespace Flowdeck::Core
