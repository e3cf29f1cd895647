// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/apierror.h"
#include "core/api/flow.h"
#include "core/api/replies.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QStringList>

namespace Flowdeck::Core {

class FlowsClient;

// The flows a service lists for the signed-in identity, one page at a time: canFetchMore/fetchMore
// ask listFlows for the next page, answers to an outdated query are ignored, and single flows are
// updated or removed in place. Filtering and sorting happen on the server. GUI thread.
class FlowsModel final : public QAbstractTableModel
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

    // A new service (profile switch) or a new query empties the model and loads the first page.
    void setClient(FlowsClient *client);
    void setQuery(const Query &query);
    const Query &query() const { return m_query; }
    void setCurrentIdentity(const QString &urn); // its flows show "You" as the owner
    void setPageSize(int size) { m_pageSize = size; }
    void refresh();
    void cancel(); // stops the page being loaded (a slow service); fetchMore or refresh try again

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    const Flow &flowAt(int row) const { return m_flows.at(row); }
    int rowOf(const QString &flowId) const;
    // A flow changed elsewhere (edited, or re-read): its row is updated if it is shown.
    void updateFlow(const Flow &flow);
    void removeFlow(const QString &flowId);
    bool isLoading() const { return !m_pending.isNull(); }
    bool hasMore() const { return m_hasMore; }
    // The column's server-side sort field, or empty if the service cannot sort by it.
    static QString sortField(int column);

signals:
    void loadingChanged(bool loading);
    void errorOccurred(const Flowdeck::Core::ApiError &error);
    void pageLoaded();

private:
    void request();
    void onPage(FlowPageReply *reply, quint64 generation);

    QPointer<FlowsClient> m_client;
    Query m_query;
    QString m_identity;
    QList<Flow> m_flows;
    QString m_marker;
    bool m_hasMore = false;
    bool m_started = false;
    int m_pageSize = 50;
    quint64 m_generation = 0; // bumped by every reset: pages of an earlier query are dropped
    QPointer<FlowPageReply> m_pending;
};

} // namespace Flowdeck::Core
