// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/localservice.h"

#include <QObject>
#include <QThread>

namespace Flowdeck::Core::Engine {

// Runs a LocalService on a thread of its own, so that hundreds of runs and their SQLite writes never
// touch the GUI thread; the GUI talks to it over loopback HTTP like any Flows service.
class LocalServiceHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalServiceHost)

public:
    explicit LocalServiceHost(const LocalServiceOptions &options, QObject *parent = nullptr);
    ~LocalServiceHost() override; // stops the service and joins its thread

    // Starts the service and waits until it listens (opening the database and loading it: tens of
    // milliseconds, before any window is shown). False with *error when it cannot start.
    bool start(QString *error);
    QUrl url() const { return m_url; }
    QString token() const { return m_token; }
    QString userUrn() const { return m_userUrn; }

private:
    LocalServiceOptions m_options;
    QThread m_thread;
    QObject *m_context = nullptr;      // lives on m_thread: calls into the thread go through it
    LocalService *m_service = nullptr; // lives on m_thread
    QUrl m_url;
    QString m_token;
    QString m_userUrn;
};

} // namespace Flowdeck::Core::Engine
