// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QFileDevice>
#include <QString>

namespace Flowdeck::Core {

// Writes bytes to path through a temporary file that replaces path only once it is complete, so a
// crash, a full disk or a file-size limit never leaves a truncated file behind. permissions, when
// given, are set before any data goes in. Returns "" or what went wrong (without the path).
QString writeFileAtomically(const QString &path, const QByteArray &bytes, QFileDevice::Permissions permissions = {});

} // namespace Flowdeck::Core
