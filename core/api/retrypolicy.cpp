// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/retrypolicy.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using std::chrono::milliseconds;

namespace Flowdeck::Core {

bool RetryPolicy::isTransientStatus(int httpStatus)
{
    return httpStatus == 429 || httpStatus == 500 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504;
}

bool RetryPolicy::honoursRetryAfter(int httpStatus)
{
    return httpStatus == 429 || httpStatus == 503;
}

milliseconds RetryPolicy::backoff(int attempt) const
{
    const double r = random ? random() : QRandomGenerator::global()->generateDouble();
    const double factor = (0.25 + 0.5 * r) * std::pow(2.0, std::clamp(attempt, 0, 30));
    const auto wait = milliseconds(qint64(factor * double(base.count())));
    return std::min(wait, maxSleep);
}

std::optional<milliseconds> RetryPolicy::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt : std::optional(milliseconds(seconds * 1000));
    // HTTP-dates end in "GMT", which Qt's RFC 2822 parser does not take; it does take "+0000".
    QString text = QString::fromLatin1(trimmed);
    if (text.endsWith(" GMT"_L1))
        text = text.chopped(3) + u"+0000"_s;
    const QDateTime when = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!when.isValid())
        return std::nullopt;
    return milliseconds(std::max<qint64>(0, now.msecsTo(when)));
}

milliseconds RetryPolicy::delayFor(int attempt, int httpStatus, const QByteArray &retryAfter,
                                   const QDateTime &now) const
{
    if (honoursRetryAfter(httpStatus))
        if (const auto hinted = parseRetryAfter(retryAfter, now))
            return std::min(*hinted, maxSleep);
    return backoff(attempt);
}

} // namespace Flowdeck::Core
