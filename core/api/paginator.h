// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/apireply.h"
#include "core/api/page.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

namespace Flowdeck::Core {

// Walks a marker-paginated list call page by page, on demand (fetchNext) or to the end (fetchAll).
// fetchAll requests page N+1 as soon as page N's bytes arrive (the marker is read by a cheap scan),
// so the network works while page N is parsed (parses may finish out of order on the thread pool;
// pages are still delivered in order): pageReady() per page;
// at the end, after an error or stop(): errorOccurred() if it failed, then finished(), exactly once.
// Lives on the client's thread; deleting it cancels the pages in flight.
class PaginatorBase : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PaginatorBase)

public:
    using FetchPage = std::function<ApiReply *(const QString &marker)>;

    bool hasMore() const { return !m_done; }
    bool isFetching() const { return !m_pending.isEmpty(); }
    int pageCount() const { return m_pages; }
    const ApiError &error() const { return m_error; }

    void fetchNext();
    void fetchAll();
    void stop();

signals:
    void pageReady();
    void errorOccurred(const Flowdeck::Core::ApiError &error);
    void finished();

protected:
    PaginatorBase(FetchPage fetch, MarkerStyle style, QObject *parent);
    // Takes the typed page out of a successful reply; returns whether another page follows.
    virtual bool takePage(ApiReply *reply, QString *nextMarker) = 0;

private:
    struct Pending
    {
        QPointer<ApiReply> reply;
        QString marker;
        bool finished = false;
    };
    void request(const QString &marker);
    void prefetchAfter(ApiReply *reply, const QByteArray &body);
    void onPageFinished(ApiReply *reply);
    void deliver(ApiReply *reply);
    void cancelPending();
    void end();

    FetchPage m_fetch;
    MarkerStyle m_style;
    QList<Pending> m_pending; // in page order
    QString m_marker;         // of the next page not yet requested
    ApiError m_error;
    int m_pages = 0;
    bool m_all = false;
    bool m_done = false;
};

template<typename T>
class Paginator final : public PaginatorBase
{
public:
    Paginator(FetchPage fetch, QObject *parent)
        : PaginatorBase(std::move(fetch), PageTraits<T>::markerStyle, parent)
    {}
    const Page<T> &lastPage() const { return m_lastPage; }
    // Every item received so far, in order (off with setCollecting(false) to stream huge lists).
    const QList<T> &items() const { return m_items; }
    void setCollecting(bool collect) { m_collect = collect; }

private:
    bool takePage(ApiReply *reply, QString *nextMarker) override
    {
        m_lastPage = static_cast<TypedReply<Page<T>> *>(reply)->value();
        if (m_collect)
            m_items.append(m_lastPage.items);
        *nextMarker = m_lastPage.marker;
        return m_lastPage.hasNextPage && !m_lastPage.marker.isEmpty();
    }

    Page<T> m_lastPage;
    QList<T> m_items;
    bool m_collect = true;
};

} // namespace Flowdeck::Core
