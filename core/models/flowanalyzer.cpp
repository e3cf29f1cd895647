// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/flowanalyzer.h"

#include <QMutex>
#include <QThreadPool>
#include <QTimer>

namespace Flowdeck::Core {

// What the worker needs to hand its result back safely: the analyzer may be gone by then.
struct FlowAnalyzer::Shared
{
    QMutex mutex;
    FlowAnalyzer *owner = nullptr;
};

FlowAnalyzer::FlowAnalyzer(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
    , m_shared(std::make_shared<Shared>())
{
    m_shared->owner = this;
    m_timer->setSingleShot(true);
    m_timer->setInterval(150);
    connect(m_timer, &QTimer::timeout, this, &FlowAnalyzer::start);
}

FlowAnalyzer::~FlowAnalyzer()
{
    const QMutexLocker lock(&m_shared->mutex);
    m_shared->owner = nullptr;
}

void FlowAnalyzer::setDelay(int milliseconds)
{
    m_timer->setInterval(milliseconds);
}

void FlowAnalyzer::schedule(const QByteArray &definition, const QByteArray &inputSchema)
{
    m_definition = definition;
    m_inputSchema = inputSchema;
    m_timer->start();
}

void FlowAnalyzer::analyzeNow(const QByteArray &definition, const QByteArray &inputSchema)
{
    m_definition = definition;
    m_inputSchema = inputSchema;
    m_timer->stop();
    start();
}

bool FlowAnalyzer::isIdle() const
{
    return !m_timer->isActive() && !m_running && !m_pending;
}

void FlowAnalyzer::start()
{
    if (m_running) {
        m_pending = true;
        return;
    }
    m_running = true;
    m_pending = false;
    QThreadPool::globalInstance()->start([shared = m_shared, definition = m_definition, inputSchema = m_inputSchema] {
        const Lang::FlowAnalysis analysis = Lang::analyzeFlow(definition, inputSchema);
        const QMutexLocker lock(&shared->mutex);
        if (shared->owner) // posted while the owner lives; Qt drops it if the owner goes first
            QMetaObject::invokeMethod(
                shared->owner, [owner = shared->owner, analysis] { owner->finished(analysis); }, Qt::QueuedConnection);
    });
}

void FlowAnalyzer::finished(const Lang::FlowAnalysis &analysis)
{
    m_running = false;
    if (m_pending) { // the texts changed meanwhile: this result is already old
        start();
        return;
    }
    emit analyzed(analysis);
}

} // namespace Flowdeck::Core
