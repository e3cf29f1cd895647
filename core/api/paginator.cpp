// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/paginator.h"

namespace Flowdeck::Core {

PaginatorBase::PaginatorBase(FetchPage fetch, MarkerStyle style, QObject *parent)
    : QObject(parent)
    , m_fetch(std::move(fetch))
    , m_style(style)
{}

void PaginatorBase::fetchNext()
{
    if (m_done || !m_pending.isEmpty())
        return;
    request(m_marker);
}

void PaginatorBase::fetchAll()
{
    m_all = true;
    fetchNext();
}

void PaginatorBase::stop()
{
    if (m_done)
        return;
    cancelPending();
    end();
}

void PaginatorBase::request(const QString &marker)
{
    ApiReply *reply = m_fetch(marker);
    if (!reply) { // the client is gone
        cancelPending();
        m_error = ApiError::make(ApiError::Kind::Canceled, tr("The Flows client was closed"));
        emit errorOccurred(m_error);
        end();
        return;
    }
    reply->setParent(this);
    m_pending.append({reply, marker});
    if (m_all)
        connect(reply, &ApiReply::bodyArrived, this,
                [this, reply](const QByteArray &body) { prefetchAfter(reply, body); });
    connect(reply, &ApiReply::finished, this, [this, reply] { onPageFinished(reply); });
}

void PaginatorBase::prefetchAfter(ApiReply *reply, const QByteArray &body)
{
    // Only the newest page may start its successor; an unreadable cursor just means no prefetch.
    if (m_pending.isEmpty() || m_pending.last().reply != reply)
        return;
    const auto cursor = scanPageCursor(body, m_style);
    if (cursor && cursor->hasNextPage)
        request(cursor->marker);
}

void PaginatorBase::onPageFinished(ApiReply *reply)
{
    for (Pending &pending : m_pending)
        if (pending.reply == reply)
            pending.finished = true;
    while (!m_done && !m_pending.isEmpty() && m_pending.first().finished) {
        const QPointer<ApiReply> head = m_pending.takeFirst().reply;
        if (head)
            deliver(head);
    }
}

void PaginatorBase::deliver(ApiReply *reply)
{
    reply->deleteLater();
    if (reply->error().isError()) {
        m_error = reply->error();
        cancelPending();
        emit errorOccurred(m_error);
        end();
        return;
    }
    QString next;
    const bool more = takePage(reply, &next);
    ++m_pages;
    m_marker = next;
    // A prefetch for any other marker than the one the full parse found is wrong: drop it.
    if (!more || (!m_pending.isEmpty() && m_pending.first().marker != next))
        cancelPending();
    emit pageReady();
    if (!more)
        end();
    else if (m_all && m_pending.isEmpty())
        request(m_marker);
}

void PaginatorBase::cancelPending()
{
    for (const Pending &pending : std::as_const(m_pending)) {
        if (!pending.reply)
            continue;
        pending.reply->disconnect(this);
        pending.reply->deleteLater(); // its destructor aborts the network request
    }
    m_pending.clear();
}

void PaginatorBase::end()
{
    if (m_done)
        return;
    m_done = true;
    emit finished();
}

} // namespace Flowdeck::Core
