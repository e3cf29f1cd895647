// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Flowdeck::Core {

// Globus environments and their service URLs, resolved as the Python SDK resolves them
// (GLOBUS_SDK_SERVICE_URL_FLOWS > GLOBUS_SDK_ENVIRONMENT > production). Pure functions; any thread.
namespace Environment {

inline constexpr auto Production = "production";

QStringList names();
bool isKnown(const QString &name);
// Empty URL for an unknown environment name.
QUrl flowsUrl(const QString &environment);
QUrl authUrl(const QString &environment);
// The Flows base URL the SDK would use given these process variables; *why set when unresolvable.
QUrl resolveFlowsUrl(const QProcessEnvironment &env, QString *why = nullptr);
// https anywhere; plain http only to a loopback host (tokens must never cross a network in clear).
bool isAcceptableBaseUrl(const QUrl &url, QString *why = nullptr);

} // namespace Environment
} // namespace Flowdeck::Core
