// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>

#include <chrono>
#include <functional>
#include <optional>

namespace Flowdeck::Core {

// When and how long to wait before re-sending a request; the SDK's defaults (5 retries,
// jittered exponential backoff capped at 10 s). One policy object for the whole transport.
struct RetryPolicy
{
    int maxRetries = 5;
    std::chrono::milliseconds maxSleep{10'000};
    // Backoff base: (0.25 + 0.5 * random) * 2^attempt * base. Tests shrink it.
    std::chrono::milliseconds base{1000};
    // Uniform in [0, 1); replaceable so tests are deterministic.
    std::function<double()> random;

    static bool isTransientStatus(int httpStatus); // 429, 500, 502, 503, 504
    static bool honoursRetryAfter(int httpStatus); // 429, 503
    std::chrono::milliseconds backoff(int attempt) const;
    // Retry-After as delta-seconds or an HTTP-date (the SDK ignores dates; we honour both).
    static std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value, const QDateTime &now);
    std::chrono::milliseconds delayFor(int attempt, int httpStatus, const QByteArray &retryAfter,
                                       const QDateTime &now) const;
};

} // namespace Flowdeck::Core
