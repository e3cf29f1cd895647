// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/paginator.h"

namespace Flowdeck::Core {

PaginatorBase::PaginatorBase(FetchPage fetch, QObject *parent)
    : QObject(parent)
    , m_fetch(std::move(fetch))
{
}

void PaginatorBase::fetchNext()
{
    if (m_done || m_inFlight)
        return;
    m_inFlight = m_fetch(m_marker);
    m_inFlight->setParent(this);
    connect(m_inFlight, &ApiReply::finished, this, &PaginatorBase::onPageFinished);
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
    if (m_inFlight) {
        m_inFlight->disconnect(this);
        m_inFlight->deleteLater(); // its destructor aborts the network request
        m_inFlight = nullptr;
    }
    end();
}

void PaginatorBase::onPageFinished()
{
    ApiReply *reply = m_inFlight;
    m_inFlight = nullptr;
    reply->deleteLater();
    if (reply->error().isError()) {
        m_error = reply->error();
        emit errorOccurred(m_error);
        end();
        return;
    }
    QString next;
    const bool more = takePage(reply, &next);
    ++m_pages;
    m_marker = next;
    if (!more)
        m_done = true;
    emit pageReady();
    if (m_done) {
        m_done = false; // let end() run its single emission
        end();
    } else if (m_all) {
        fetchNext();
    }
}

void PaginatorBase::end()
{
    if (m_done)
        return;
    m_done = true;
    emit finished();
}

} // namespace Flowdeck::Core
