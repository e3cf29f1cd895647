// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/auth/authorizer.h"

namespace Flowdeck::Core {

void Authorizer::refresh()
{
    // Never leave a waiting request hanging: report "cannot renew" from the event loop.
    QMetaObject::invokeMethod(
        this, [this] { emit refreshFinished(false); }, Qt::QueuedConnection);
}

StaticTokenAuthorizer::StaticTokenAuthorizer(const QByteArray &token, QObject *parent)
    : Authorizer(parent)
    , m_token(token)
{}

QByteArray StaticTokenAuthorizer::authorizationHeader() const
{
    return m_token.isEmpty() ? QByteArray() : QByteArray("Bearer ") + m_token;
}

} // namespace Flowdeck::Core
