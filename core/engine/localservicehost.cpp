// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/localservicehost.h"

#include <QMetaObject>

namespace Flowdeck::Core::Engine {

LocalServiceHost::LocalServiceHost(const LocalServiceOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    m_thread.setObjectName(QStringLiteral("Flowdeck local service"));
}

LocalServiceHost::~LocalServiceHost()
{
    if (m_context) {
        QMetaObject::invokeMethod(
            m_context,
            [this] {
                delete m_service;
                m_service = nullptr;
            },
            Qt::BlockingQueuedConnection);
        m_context->deleteLater();
    }
    m_thread.quit();
    m_thread.wait();
}

bool LocalServiceHost::start(QString *error)
{
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
    bool ok = false;
    QString problem;
    // The service (its sockets, timers and database connection) must be created on its own thread.
    QMetaObject::invokeMethod(
        m_context,
        [this, &ok, &problem] {
            m_service = new LocalService(m_options);
            ok = m_service->start(&problem);
            if (ok) {
                m_url = m_service->url();
                m_token = m_service->token();
                m_userUrn = m_service->userUrn();
            }
        },
        Qt::BlockingQueuedConnection);
    if (!ok)
        *error = problem;
    return ok;
}

} // namespace Flowdeck::Core::Engine
