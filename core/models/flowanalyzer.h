// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/flowanalysis.h"

#include <QObject>

#include <memory>

class QTimer;

namespace Flowdeck::Core {

// Runs analyzeFlow() off the GUI thread on a short debounce: each schedule() restarts the delay,
// one analysis runs at a time, and only the newest texts are reported (a burst of keystrokes costs
// one analysis, never a queue of stale ones). GUI thread.
class FlowAnalyzer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlowAnalyzer)

public:
    explicit FlowAnalyzer(QObject *parent = nullptr);
    ~FlowAnalyzer() override;

    void setDelay(int milliseconds);
    void schedule(const QByteArray &definition, const QByteArray &inputSchema);
    void analyzeNow(const QByteArray &definition, const QByteArray &inputSchema);
    bool isIdle() const; // nothing scheduled or running

signals:
    void analyzed(const Flowdeck::Core::Lang::FlowAnalysis &analysis);

private:
    struct Shared;
    void start();
    void finished(const Lang::FlowAnalysis &analysis);

    QTimer *m_timer;
    std::shared_ptr<Shared> m_shared;
    QByteArray m_definition;
    QByteArray m_inputSchema;
    bool m_running = false;
    bool m_pending = false; // texts changed while an analysis ran
};

} // namespace Flowdeck::Core
