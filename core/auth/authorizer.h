// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>

namespace Flowdeck::Core {

// Supplies the Authorization header of requests and, where it can, renews it. Lives on the
// thread of the client using it. refresh() is single-flight: however often it is called while a
// renewal runs, refreshFinished() is emitted once when that renewal ends.
class Authorizer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Authorizer)

public:
    using QObject::QObject;
    ~Authorizer() override = default;

    // "Bearer <token>", or empty for anonymous requests. Never log the result.
    virtual QByteArray authorizationHeader() const = 0;
    // True when the current token is missing or about to expire and refresh() can fix that.
    virtual bool needsRefresh() const { return false; }
    // True when a 401 might be cured by refresh().
    virtual bool canRefresh() const { return false; }
    // Starts a renewal (no-op when one runs already). Ends with refreshFinished(); authorizers that
    // cannot renew report failure.
    virtual void refresh();
    // Forget the access token (after a 401), so the next request renews it first.
    virtual void invalidate() {}

signals:
    void refreshFinished(bool ok);
};

// A fixed bearer token: the embedded local service's token, or a token pasted by the user.
class StaticTokenAuthorizer final : public Authorizer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StaticTokenAuthorizer)

public:
    explicit StaticTokenAuthorizer(const QByteArray &token, QObject *parent = nullptr);
    QByteArray authorizationHeader() const override;

private:
    QByteArray m_token;
};

} // namespace Flowdeck::Core
