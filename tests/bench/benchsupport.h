// SPDX-License-Identifier: GPL-3.0-or-later
// Small helpers the benchmark executables share.
#pragma once

#include "core/api/apireply.h"

#include <QByteArray>
#include <QEventLoop>
#include <QFile>

namespace Flowdeck::Bench {

// A "VmRSS:" / "VmHWM:" line of /proc/self/status, in kB (-1 where there is none).
inline qint64 processStatusKb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').first().toLongLong();
    return -1;
}

// Waits in a local event loop until reply has finished; returns it.
template<class Reply>
Reply *finish(Reply *reply)
{
    if (!reply->isFinished()) {
        QEventLoop loop;
        QObject::connect(reply, &Core::ApiReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return reply;
}

} // namespace Flowdeck::Bench
