// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/pagedmodel.h"

#include "core/api/apireply.h"
#include "core/api/flowsclient.h"

namespace Flowdeck::Core {

PagedModel::PagedModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void PagedModel::setClient(FlowsClient *client)
{
    m_client = client;
    refresh();
}

void PagedModel::refresh()
{
    ++m_generation;
    if (m_pending)
        m_pending->deleteLater(); // cancels it; its page would be outdated anyway
    m_pending = nullptr;
    beginResetModel();
    clearRows();
    m_marker.clear();
    m_hasMore = false;
    endResetModel();
    m_started = true;
    request();
}

void PagedModel::cancel()
{
    if (!m_pending)
        return;
    ++m_generation; // its answer, if one still comes, is dropped
    m_pending->deleteLater();
    m_pending = nullptr;
    emit loadingChanged(false);
}

void PagedModel::request()
{
    if (!m_client || m_pending)
        return;
    ApiReply *reply = requestPage(m_client, m_marker, m_pageSize);
    if (!reply)
        return;
    reply->setParent(this);
    m_pending = reply;
    const quint64 generation = m_generation;
    connect(reply, &ApiReply::finished, this, [this, reply, generation] { onPage(reply, generation); });
    emit loadingChanged(true);
}

void PagedModel::onPage(ApiReply *reply, quint64 generation)
{
    reply->deleteLater();
    if (generation != m_generation)
        return; // an answer to a query the user has since changed
    m_pending = nullptr;
    emit loadingChanged(false);
    if (reply->error().isError()) {
        emit errorOccurred(reply->error());
        return;
    }
    m_hasMore = false; // views ask for more while the rows go in: not with the old marker
    const PageEnd end = appendPage(reply);
    m_hasMore = end.hasNext && !end.marker.isEmpty();
    m_marker = end.marker;
    emit pageLoaded();
}

bool PagedModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_pending;
}

void PagedModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        request();
}

} // namespace Flowdeck::Core
