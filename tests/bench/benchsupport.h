// SPDX-License-Identifier: GPL-3.0-or-later
// Small helpers the benchmark executables share.
#pragma once

#include "core/api/apireply.h"

#include <QByteArray>
#include <QEventLoop>
#include <QFile>
#include <QList>

#include <algorithm>
#include <ctime>

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

// The middle of the values (0 for none).
inline double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

// CPU time of the calling thread in ms: how much of some work still runs on the GUI thread.
inline double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
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
