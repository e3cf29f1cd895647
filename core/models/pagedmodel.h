// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/apierror.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace Flowdeck::Core {

class ApiReply;
class FlowsClient;

// What the service's paginated lists have in common, as a table model: one page at a time through
// canFetchMore/fetchMore, answers to an outdated query dropped (a generation counter), a reset when
// the service or the query changes, cancel for a slow page. Subclasses ask for a page and append
// its rows. GUI thread.
class PagedModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PagedModel)

public:
    void setClient(FlowsClient *client);
    void setPageSize(int size) { m_pageSize = size; }
    void refresh(); // empties the model and loads the first page
    void cancel();  // stops the page being loaded; fetchMore or refresh try again
    bool isLoading() const { return !m_pending.isNull(); }
    bool hasMore() const { return m_hasMore; }
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void loadingChanged(bool loading);
    void errorOccurred(const Flowdeck::Core::ApiError &error);
    void pageLoaded();

protected:
    explicit PagedModel(QObject *parent = nullptr);
    struct PageEnd
    {
        bool hasNext = false;
        QString marker;
    };
    // The request for the page at marker (empty: the first), or nullptr.
    virtual ApiReply *requestPage(FlowsClient *client, const QString &marker, int pageSize) = 0;
    // Appends the rows of a successful reply (one insert block); says where the list goes on.
    virtual PageEnd appendPage(ApiReply *reply) = 0;
    virtual void clearRows() = 0; // called inside a model reset
    bool started() const { return m_started; }

private:
    void request();
    void onPage(ApiReply *reply, quint64 generation);

    QPointer<FlowsClient> m_client;
    QString m_marker;
    bool m_hasMore = false;
    bool m_started = false;
    int m_pageSize = 50;
    quint64 m_generation = 0; // bumped by every reset: pages of an earlier query are dropped
    QPointer<ApiReply> m_pending;
};

} // namespace Flowdeck::Core
