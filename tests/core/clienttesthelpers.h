// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/api/apireply.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace Flowdeck::Tests {

// Waits for a reply's finished() and checks that it came exactly once (replies always finish from
// the event loop, so a spy attached right after the call sees every emission).
inline bool waitFinished(Core::ApiReply *reply, int timeoutMs = 10'000)
{
    QSignalSpy finished(reply, &Core::ApiReply::finished);
    if (!finished.wait(timeoutMs))
        return false;
    QTest::qWait(30); // a second emission (timer, background parse) would arrive meanwhile
    return reply->isFinished() && finished.count() == 1;
}

inline const char *kFlowId = "24bc4997-b483-4c25-a19c-64b0afc00743";
inline const char *kRunId = "36ad9f9a-ad29-488f-beb4-c22ab729643a";
inline const char *kGetRunId = "66a18256-ec1c-11f1-a019-02fc00000001";
inline const char *kLogRunId = "cfdaf0a4-0931-40af-b974-b619ce69f401";
inline const char *kApiId = "9dc867a4-1c6d-46d9-911f-71c2ac67e38c";
inline const char *kWebInputId = "e35d1f92-3e2a-4c1c-8f36-7ce4f00f9d2c";
inline const char *kRespondId = "3d9a4e7b-1c2f-4b8a-9e6d-5f7a8b6c2d1e";

inline Core::RetryPolicy fastRetries(int maxRetries = 5)
{
    Core::RetryPolicy policy;
    policy.maxRetries = maxRetries;
    policy.base = std::chrono::milliseconds(2);
    policy.random = [] { return 0.5; };
    return policy;
}

} // namespace Flowdeck::Tests
