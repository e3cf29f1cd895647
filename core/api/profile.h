// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

namespace Flowdeck::Core {

// Which Flows service the app talks to: the embedded local service, a Globus environment, or a
// custom base URL (https, or http to loopback). Identified by a stable id ("local",
// "globus:sandbox", "custom:https://...") that settings remember. A value type; any thread.
struct Profile
{
    enum class Kind { Local, Globus, Custom };
    Kind kind = Kind::Local;
    QString environment; // Globus
    QUrl url;            // Custom

    static Profile local();
    static Profile globus(const QString &environment);
    static Profile custom(const QUrl &url);
    // nullopt-like: an invalid id gives the local profile and *ok false.
    static Profile fromId(const QString &id, bool *ok = nullptr);

    QString id() const;
    QString displayName() const;
    // The Flows base URL (empty for Local: the embedded service picks its port at start).
    QUrl flowsUrl() const;
    bool operator==(const Profile &) const = default;
};

} // namespace Flowdeck::Core
