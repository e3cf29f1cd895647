// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QString>

#include <functional>

namespace Flowdeck::Core::Engine {

class ServiceCore;

struct ActionRequest
{
    QString url;
    QJsonValue body;
    QString runId;
    QString flowId;
    QString stateName;
    int attempt = 1;
};

// What an action came to: a status (SUCCEEDED, FAILED or INACTIVE) with its details, or an error
// raised instead (ActionUnableToRun, ActionFailedException, ...).
struct ActionOutcome
{
    QString status;
    QJsonValue details;
    QString error; // set: the action could not run at all
    QString cause;
};

// The action providers of the local service, chosen by ActionUrl: Hello World, the Transfer
// providers on local directories mapped to collection ids, notify (recorded, never sent),
// expression evaluation, and per-flow mock files for everything else. Nothing here reaches the
// network or runs user code. Outcomes are always delivered later from the event loop.
class ActionProviders final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionProviders)

public:
    using Done = std::function<void(const ActionOutcome &)>;

    ActionProviders(ServiceCore &core, QObject *parent = nullptr);
    void start(const ActionRequest &request, const Done &done);
    // Where the mock file of a flow lives: <data directory>/mocks/<flow id>.json.
    QString mockFile(const QString &flowId) const;

private:
    void deliver(const ActionOutcome &outcome, const Done &done, qint64 delayMs = 0);
    void helloWorld(const ActionRequest &request, const Done &done);
    void transfer(const ActionRequest &request, const QString &operation, const Done &done);
    void notify(const ActionRequest &request, const Done &done);
    void expressionEval(const ActionRequest &request, const Done &done);
    bool mocked(const ActionRequest &request, const Done &done);

    ServiceCore &m_core;
};

// The Transfer operations on local collections (worker-thread safe; no Qt objects shared).
namespace LocalTransfer {
// The absolute local path for a collection path, or an empty string with *error when the path
// escapes the collection's root ("..", symbolic links, absolute paths elsewhere).
QString resolve(const QString &root, const QString &path, QString *error);
ActionOutcome run(const QString &operation, const QJsonObject &body, const QHash<QString, QString> &collections);
} // namespace LocalTransfer

} // namespace Flowdeck::Core::Engine
