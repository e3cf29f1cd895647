// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/executor.h"

#include "core/engine/actionproviders.h"
#include "core/lang/choicerule.h"
#include "core/lang/jsontext.h"
#include "core/lang/parameters.h"

#include <QDateTime>
#include <QJsonDocument>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace Flowdeck::Core::Engine {

namespace {

constexpr qsizetype StateLimitBytes = 200 * 1024; // the service's run-state limit (reference §5.5)
constexpr qint64 BatchMs = 4;                     // API requests wait at most about this long

bool isTerminal(const QString &status)
{
    return status == "SUCCEEDED"_L1 || status == "FAILED"_L1 || status == "ENDED"_L1;
}

// The run state with the read-only context visible at $._context.
QJsonValue withContext(const QJsonValue &data, const QJsonObject &context)
{
    QJsonObject object = data.toObject();
    object.insert(u"_context"_s, context);
    return object;
}

QJsonValue withoutContext(const QJsonValue &data)
{
    if (!data.isObject() || !data.toObject().contains("_context"_L1))
        return data;
    QJsonObject object = data.toObject();
    object.remove(u"_context"_s);
    return object;
}

// Values named in __Private_Parameters never reach the log.
QJsonValue hidePrivate(const QJsonValue &value, const QStringList &names)
{
    if (names.isEmpty() || !value.isObject())
        return value;
    QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (names.contains(it.key()))
            it.value() = u"<private>"_s;
        else if (it.value().isObject())
            it.value() = hidePrivate(it.value(), names);
    }
    return object;
}

QString text(const QJsonValue &value)
{
    return value.isString() ? value.toString()
                            : QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}

} // namespace

Executor::Executor(ServiceCore &core, QObject *parent)
    : QObject(parent)
    , m_core(core)
{
    m_batch.setSingleShot(true);
    m_batch.setInterval(0);
    connect(&m_batch, &QTimer::timeout, this, &Executor::processBatch);
    m_clock.setSingleShot(true);
    m_clock.setTimerType(Qt::PreciseTimer);
    connect(&m_clock, &QTimer::timeout, this, &Executor::wake);
}

qint64 Executor::scaled(double seconds) const
{
    return qint64(std::llround(std::max(0.0, seconds) * 1000.0 * m_core.options.timeScale));
}

QJsonObject Executor::context(const RunRecord &run) const
{
    const QString owner = run.doc.value("run_owner"_L1).toString();
    return {{u"flow_id"_s, run.doc.value("flow_id"_L1)},
            {u"run_id"_s, run.doc.value("run_id"_L1)},
            {u"username"_s, u"local-user@flowdeck.local"_s},
            {u"email"_s, u"local-user@flowdeck.local"_s},
            {u"user_id"_s, owner},
            {u"identities"_s, QJsonArray{owner}},
            {u"token_info"_s, QJsonObject{{u"exp"_s, 0}, {u"iat"_s, 0}, {u"nbf"_s, 0}}}};
}

ServiceResponse Executor::createRun(const QJsonObject &flow, const QJsonObject &body, const QString &identity)
{
    const QString id = newId();
    const QString now = isoNow();
    const QJsonObject input = body.value("body"_L1).toObject();
    RunRecord run;
    run.doc = {{u"run_id"_s, id},
               {u"action_id"_s, id},
               {u"flow_id"_s, flow.value("id"_L1)},
               {u"flow_title"_s, flow.value("title"_L1)},
               {u"flow_last_updated"_s, flow.value("updated_at"_L1)},
               {u"start_time"_s, now},
               {u"completion_time"_s, QJsonValue()},
               {u"status"_s, u"ACTIVE"_s},
               {u"display_status"_s, u"ACTIVE"_s},
               {u"details"_s, QJsonObject{{u"code"_s, u"FlowStarting"_s},
                                          {u"description"_s, u"The Flow is starting execution"_s},
                                          {u"details"_s, QJsonObject{{u"input"_s, input}}}}},
               {u"run_owner"_s, identity},
               {u"created_by"_s, identity},
               {u"run_managers"_s, body.value("run_managers"_L1).toArray()},
               {u"run_monitors"_s, body.value("run_monitors"_L1).toArray()},
               {u"manage_by"_s, body.value("run_managers"_L1).toArray()},
               {u"monitor_by"_s, body.value("run_monitors"_L1).toArray()},
               {u"label"_s, body.value("label"_L1).toString()},
               {u"tags"_s, body.value("tags"_L1).toArray()},
               {u"search"_s, QJsonObject()},
               {u"blocking_web_input_id"_s, QJsonValue()}};
    if (body.value("activity_notification_policy"_L1).isObject())
        run.doc.insert(u"activity_notification_policy"_s, body.value("activity_notification_policy"_L1));
    run.definition = {{u"flow_id"_s, flow.value("id"_L1)},
                      {u"definition"_s, flow.value("definition"_L1)},
                      {u"input_schema"_s, flow.value("input_schema"_L1)}};
    run.exec = {{u"state"_s, flow.value("definition"_L1)[u"StartAt"_s].toString()},
                {u"data"_s, input},
                {u"phase"_s, u"ready"_s},
                {u"attempt"_s, 1}};
    m_core.store.begin();
    bool ok = m_core.store.insertRun({run.doc, run.definition, run.exec, 0});
    m_core.runs.insert(id, run);
    RunRecord &stored = m_core.runs[id];
    log(stored, u"FlowStarted"_s, u"The Flow Instance started execution"_s, {{u"input"_s, input}});
    ok = m_core.store.commit() && ok;
    if (!ok) {
        m_core.runs.remove(id);
        return errorResponse(500, u"STORAGE_ERROR"_s, u"The run could not be stored: "_s + m_core.store.lastError());
    }
    enqueue(id);
    return {201, m_core.runView(stored, identity)};
}

void Executor::log(RunRecord &run, const QString &code, const QString &description, const QJsonObject &details)
{
    const QJsonObject entry{
        {u"time"_s, isoNow()}, {u"code"_s, code}, {u"description"_s, description}, {u"details"_s, details}};
    m_core.store.appendLog(run.doc.value("run_id"_L1).toString(), run.logCount++, entry);
}

void Executor::enqueue(const QString &runId)
{
    if (m_queued.contains(runId))
        return;
    m_queued.insert(runId);
    m_ready.push_back(runId);
    if (!m_batch.isActive())
        m_batch.start();
}

void Executor::processBatch()
{
    QElapsedTimer clock;
    clock.start();
    m_core.store.begin();
    while (!m_ready.empty() && clock.elapsed() < BatchMs) {
        const QString id = m_ready.front();
        m_ready.pop_front();
        m_queued.remove(id);
        const auto it = m_core.runs.find(id);
        const QString phase = it == m_core.runs.end() ? QString() : it->exec.value("phase"_L1).toString();
        if (it == m_core.runs.end() || it->doc.value("status"_L1).toString() != "ACTIVE"_L1 ||
            (phase != "ready"_L1 && phase != "resumed"_L1))
            continue;
        step(*it);
    }
    saveDirty();
    m_core.store.commit();
    if (!m_ready.empty())
        m_batch.start();
}

void Executor::saveDirty()
{
    for (const QString &id : std::as_const(m_dirty)) {
        const auto it = m_core.runs.constFind(id);
        if (it != m_core.runs.cend())
            m_core.saveRun(*it);
    }
    m_dirty.clear();
}

void Executor::scheduleWakeup(qint64 at, const Wakeup &wakeup)
{
    m_wakeups.emplace(at, wakeup);
    armClock();
}

void Executor::armClock()
{
    if (m_wakeups.empty()) {
        m_clock.stop();
        return;
    }
    const qint64 wait = m_wakeups.begin()->first - QDateTime::currentMSecsSinceEpoch();
    m_clock.start(int(std::clamp<qint64>(wait, 0, 24 * 3600 * 1000)));
}

void Executor::wake()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_core.store.begin();
    while (!m_wakeups.empty() && m_wakeups.begin()->first <= now) {
        const Wakeup w = m_wakeups.begin()->second;
        m_wakeups.erase(m_wakeups.begin());
        const auto it = m_core.runs.find(w.runId);
        if (it == m_core.runs.end() || it->generation != w.generation ||
            it->doc.value("status"_L1).toString() != "ACTIVE"_L1)
            continue;
        RunRecord &run = *it;
        const QString phase = run.exec.value("phase"_L1).toString();
        if (w.timeout && phase == "action"_L1 && run.exec.value("attempt"_L1).toInt() == w.attempt) {
            ++run.generation; // the late outcome, if it comes, is ignored
            fail(run, u"ActionTimeout"_s, u"The action did not complete within its WaitTime"_s);
        } else if (!w.timeout && phase == "waiting"_L1) {
            const QJsonObject state =
                run.definition.value("definition"_L1)[u"States"_s][run.exec.value("state"_L1).toString()].toObject();
            const QJsonValue data = run.exec.value("data"_L1);
            complete(run, state, data, data);
        }
        markDirty(run);
    }
    saveDirty();
    m_core.store.commit();
    armClock();
}

void Executor::step(RunRecord &run)
{
    markDirty(run);
    const QString name = run.exec.value("state"_L1).toString();
    const QJsonObject state = run.definition.value("definition"_L1)[u"States"_s][name].toObject();
    const QString type = state.value("Type"_L1).toString();
    if (state.isEmpty()) {
        fail(run, u"States.Runtime"_s, u"The flow has no state named \"%1\""_s.arg(name));
        return;
    }
    const QJsonValue data = run.exec.value("data"_L1);
    const QJsonValue scope = withContext(data, context(run));
    DataFlow::Error error;
    auto runtimeError = [&](const DataFlow::Error &e) {
        const QString where = e.path.isEmpty() ? QString() : u" (at %1)"_s.arg(pathToString(e.path));
        fail(run, u"States.Runtime"_s, e.message + where);
    };
    const QString started = type + u"Started"_s;
    const QString startedText = u"State %1 of type %2 started"_s.arg(name, type);
    const QJsonObject stateInfo{{u"state_name"_s, name}, {u"state_type"_s, type}};
    // As on Globus, an active run's details say where it is: dashboards show it as its current state.
    run.doc.insert(u"details"_s,
                   QJsonObject{{u"code"_s, started}, {u"description"_s, startedText}, {u"details"_s, stateInfo}});
    auto startedDetails = [&](const QJsonValue &input) {
        QJsonObject details = stateInfo;
        details.insert(u"input"_s, withoutContext(input));
        return details;
    };

    std::optional<QJsonValue> input =
        DataFlow::applyInputPath(scope, state.value("InputPath"_L1).toString(u"$"_s), &error);
    if (!input) {
        runtimeError(error);
        return;
    }
    const QJsonValue parameters = state.value("Parameters"_L1);
    std::optional<QJsonValue> effective = input;
    if (parameters.isObject()) {
        effective = DataFlow::applyParameters(parameters, *input, &error);
        if (!effective) {
            runtimeError(error);
            return;
        }
    }
    const QStringList hidden = DataFlow::privateParameterNames(parameters);

    if (type == "Pass"_L1 || type == "ExpressionEval"_L1) {
        log(run, started, startedText, startedDetails(hidePrivate(*effective, hidden)));
        QJsonValue result = *effective;
        if (type == "Pass"_L1 && !parameters.isObject() && state.contains("Result"_L1))
            result = state.value("Result"_L1);
        complete(run, state, data, result);
    } else if (type == "Choice"_L1) {
        log(run, started, startedText, startedDetails(*input));
        QString why;
        const auto next = ChoiceRules::next(state, *input, &why);
        if (!next) {
            fail(run, why.contains("States.NoChoiceMatched"_L1) ? u"States.NoChoiceMatched"_s : u"States.Runtime"_s,
                 why);
            return;
        }
        QJsonObject done = stateInfo;
        done.insert(u"output"_s, data);
        log(run, type + u"Completed"_s, u"State %1 of type %2 completed"_s.arg(name, type), done);
        run.exec.insert(u"state"_s, *next);
        run.exec.insert(u"attempt"_s, 1);
        enqueue(run.doc.value("run_id"_L1).toString());
    } else if (type == "Wait"_L1) {
        log(run, started, startedText, startedDetails(*input));
        qint64 at = 0;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        auto timestamp = [&](const QString &text, qint64 *out) {
            const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
            if (!t.isValid())
                return false;
            *out = now + scaled(double(t.toMSecsSinceEpoch() - now) / 1000.0);
            return true;
        };
        if (state.value("Seconds"_L1).isDouble()) {
            at = now + scaled(state.value("Seconds"_L1).toDouble());
        } else if (state.contains("SecondsPath"_L1) || state.contains("TimestampPath"_L1)) {
            const bool seconds = state.contains("SecondsPath"_L1);
            const auto value = DataFlow::applyInputPath(
                scope, state.value(seconds ? "SecondsPath"_L1 : "TimestampPath"_L1).toString(), &error);
            if (!value || (seconds && !value->isDouble()) || (!seconds && !timestamp(value->toString(), &at))) {
                fail(run, u"States.Runtime"_s,
                     seconds ? u"SecondsPath must point at a number of seconds"_s
                             : u"TimestampPath must point at an RFC 3339 time"_s);
                return;
            }
            if (seconds)
                at = now + scaled(value->toDouble());
        } else if (!timestamp(state.value("Timestamp"_L1).toString(), &at)) {
            fail(run, u"States.Runtime"_s, u"The Wait state's Timestamp is not an RFC 3339 time"_s);
            return;
        }
        run.exec.insert(u"phase"_s, u"waiting"_s);
        run.exec.insert(u"wake"_s, at);
        scheduleWakeup(at, {run.doc.value("run_id"_L1).toString(), run.generation, 0, false});
    } else if (type == "Fail"_L1) {
        log(run, started, startedText, startedDetails(*input));
        const auto read = [&](const char *field, const char *pathField) {
            if (state.value(QLatin1StringView(pathField)).isString()) {
                const auto v =
                    DataFlow::applyInputPath(scope, state.value(QLatin1StringView(pathField)).toString(), &error);
                return v ? text(*v) : QString();
            }
            return state.value(QLatin1StringView(field)).toString();
        };
        const QString errorName = read("Error", "ErrorPath");
        const QString cause = read("Cause", "CausePath");
        finish(run, u"FAILED"_s,
               {{u"code"_s, u"FlowFailed"_s},
                {u"description"_s, u"The Flow Instance failed at state %1: %2"_s.arg(name, cause)},
                {u"error"_s, errorName},
                {u"cause"_s, cause},
                {u"state_name"_s, name}},
               u"FlowFailed"_s, u"The Flow Instance failed"_s,
               {{u"state_name"_s, name}, {u"error"_s, errorName}, {u"cause"_s, cause}});
    } else if (type == "Action"_L1) {
        log(run, started, startedText, startedDetails(hidePrivate(*effective, hidden)));
        const int attempt = run.exec.value("attempt"_L1).toInt(1);
        run.exec.insert(u"phase"_s, u"action"_s);
        run.exec.insert(u"action_started"_s, isoNow());
        const QString runId = run.doc.value("run_id"_L1).toString();
        const int generation = run.generation;
        if (state.value("WaitTime"_L1).isDouble())
            scheduleWakeup(QDateTime::currentMSecsSinceEpoch() + scaled(state.value("WaitTime"_L1).toDouble()),
                           {runId, generation, attempt, true});
        m_core.providers->start({state.value("ActionUrl"_L1).toString(state.value("Handler"_L1)[u"Url"_s].toString()),
                                 *effective, runId, run.doc.value("flow_id"_L1).toString(), name, attempt},
                                [this, runId, generation, attempt](const ActionOutcome &outcome) {
                                    const auto it = m_core.runs.find(runId);
                                    if (it == m_core.runs.end() || it->generation != generation ||
                                        it->exec.value("phase"_L1).toString() != "action"_L1 ||
                                        it->exec.value("attempt"_L1).toInt(1) != attempt ||
                                        it->doc.value("status"_L1).toString() != "ACTIVE"_L1)
                                        return; // canceled, timed out or restarted meanwhile
                                    m_core.store.begin();
                                    finishAction(*it, outcome);
                                    markDirty(*it);
                                    saveDirty();
                                    m_core.store.commit();
                                });
    } else if (type == "CreateWebInput"_L1) {
        log(run, started, startedText, startedDetails(*effective));
        const QJsonObject p = effective->toObject();
        const QString id = newId();
        const QString owner = run.doc.value("run_owner"_L1).toString();
        const QJsonObject webInput{
            {u"id"_s, id},
            {u"status"_s, u"open"_s},
            {u"input_type"_s, p.value("input_type"_L1).toString(u"selection"_s)},
            {u"input_schema"_s, p.value("input_schema"_L1).toObject()},
            {u"context"_s, QJsonObject{{u"title"_s, p.value("title"_L1).toString(name)},
                                       {u"presentation_style"_s, u"text"_s},
                                       {u"text"_s, p.value("text"_L1).toString()}}},
            {u"options"_s, p.value("options"_L1).toArray()},
            {u"roles"_s, QJsonObject{{u"viewer_urns"_s, QJsonArray{owner}}, {u"respondent_urns"_s, QJsonArray{owner}}}},
            {u"creator_urn"_s, owner},
            {u"flow"_s,
             QJsonObject{{u"id"_s, run.doc.value("flow_id"_L1)}, {u"title"_s, run.doc.value("flow_title"_L1)}}},
            {u"run"_s, QJsonObject{{u"id"_s, run.doc.value("run_id"_L1)}, {u"label"_s, run.doc.value("label"_L1)}}},
            {u"created_timestamp"_s, isoNow()},
            {u"edited_timestamp"_s, isoNow()},
            {u"closed_timestamp"_s, QJsonValue()},
        };
        m_core.webInputs.insert(id, webInput);
        m_core.store.putWebInput(webInput);
        complete(run, state, data, QJsonObject{{u"web_input_id"_s, id}});
    } else if (type == "AwaitWebInput"_L1) {
        const QJsonObject p = effective->toObject();
        const QString id = p.value("WebInputId"_L1).toString(p.value("web_input_id"_L1).toString());
        const auto it = m_core.webInputs.constFind(id);
        if (it == m_core.webInputs.cend()) {
            fail(run, u"WebInputNotFound"_s, u"There is no web input with id \"%1\""_s.arg(id));
            return;
        }
        if (run.exec.value("phase"_L1).toString() != "resumed"_L1)
            log(run, started, startedText, startedDetails(*effective));
        if (it->value("status"_L1).toString() == "closed"_L1) {
            run.doc.insert(u"blocking_web_input_id"_s, QJsonValue());
            complete(run, state, data, QJsonObject{{u"web_input_id"_s, id}, {u"response"_s, it->value("response"_L1)}});
            return;
        }
        run.exec.insert(u"phase"_s, u"inactive"_s);
        run.doc.insert(u"status"_s, u"INACTIVE"_s);
        run.doc.insert(u"display_status"_s, u"INACTIVE"_s);
        run.doc.insert(u"blocking_web_input_id"_s, id);
        run.doc.insert(u"details"_s,
                       QJsonObject{{u"code"_s, u"WebInputRequired"_s},
                                   {u"description"_s, u"The run waits for a response to the web input "
                                                      "\"%1\"; answer it to continue"_s.arg(
                                                          it->value("context"_L1)[u"title"_s].toString())},
                                   {u"web_input_id"_s, id},
                                   {u"state_name"_s, name}});
    } else {
        fail(run, u"States.Runtime"_s, u"Unknown state type \"%1\""_s.arg(type));
    }
}

void Executor::finishAction(RunRecord &run, const ActionOutcome &outcome)
{
    const QString name = run.exec.value("state"_L1).toString();
    const QJsonObject state = run.definition.value("definition"_L1)[u"States"_s][name].toObject();
    if (!outcome.error.isEmpty()) {
        fail(run, outcome.error, outcome.cause);
        return;
    }
    const QJsonObject result{{u"action_id"_s, newId().left(12)},
                             {u"status"_s, outcome.status},
                             {u"display_status"_s, outcome.status},
                             {u"details"_s, outcome.details},
                             {u"start_time"_s, run.exec.value("action_started"_L1)},
                             {u"completion_time"_s, isoNow()},
                             {u"creator_id"_s, run.doc.value("run_owner"_L1)},
                             {u"label"_s, run.doc.value("label"_L1)},
                             {u"manage_by"_s, QJsonArray()},
                             {u"monitor_by"_s, QJsonArray()},
                             {u"release_after"_s, QJsonValue()},
                             {u"state_name"_s, name}};
    if (outcome.status == "INACTIVE"_L1) {
        // Consent, a session or some other user step is needed: resume_run tries the action again.
        run.exec.insert(u"phase"_s, u"inactive"_s);
        run.doc.insert(u"status"_s, u"INACTIVE"_s);
        run.doc.insert(u"display_status"_s, u"INACTIVE"_s);
        QJsonObject details = outcome.details.toObject();
        details.insert(u"state_name"_s, name);
        details.insert(u"action_statuses"_s, QJsonArray{result});
        if (!details.contains("code"_L1))
            details.insert(u"code"_s, u"ActionInactive"_s);
        run.doc.insert(u"details"_s, details);
        return;
    }
    if (outcome.status == "FAILED"_L1 && state.value("ExceptionOnActionFailure"_L1).toBool(true)) {
        fail(run, u"ActionFailedException"_s, text(outcome.details));
        return;
    }
    complete(run, state, run.exec.value("data"_L1), result);
}

// A state produced result: store it at ResultPath, log the completion and go on.
void Executor::complete(RunRecord &run, const QJsonObject &state, const QJsonValue &data, const QJsonValue &result)
{
    const QString name = run.exec.value("state"_L1).toString();
    const QString type = state.value("Type"_L1).toString();
    QJsonValue next = data;
    if (type != "Wait"_L1) {
        DataFlow::Error error;
        const auto written =
            DataFlow::applyResultPath(data, state.value("ResultPath"_L1).toString(u"$"_s), result, &error);
        if (!written) {
            fail(run, u"States.Runtime"_s, u"ResultPath: "_s + error.message);
            return;
        }
        next = withoutContext(*written);
    }
    if (QJsonDocument(next.toObject()).toJson(QJsonDocument::Compact).size() > StateLimitBytes) {
        fail(run, u"States.DataLimitExceeded"_s,
             u"The run state would exceed the service's 200 KB limit after state \"%1\""_s.arg(name));
        return;
    }
    run.exec.insert(u"data"_s, next);
    QJsonObject details{{u"state_name"_s, name}, {u"state_type"_s, type}};
    details.insert(u"output"_s, type == "Action"_L1 ? result : next);
    log(run, type + u"Completed"_s, u"State %1 of type %2 completed"_s.arg(name, type), details);
    transition(run, state);
}

void Executor::transition(RunRecord &run, const QJsonObject &state)
{
    run.exec.insert(u"attempt"_s, 1);
    run.exec.remove(u"wake"_s);
    if (state.value("End"_L1).toBool() || !state.value("Next"_L1).isString()) {
        const QJsonValue output = run.exec.value("data"_L1);
        finish(run, u"SUCCEEDED"_s,
               {{u"code"_s, u"FlowSucceeded"_s},
                {u"description"_s, u"The Flow run reached a successful completion state"_s},
                {u"output"_s, output}},
               u"FlowSucceeded"_s, u"The Flow Instance completed successfully"_s, {{u"output"_s, output}});
        return;
    }
    run.exec.insert(u"state"_s, state.value("Next"_L1));
    run.exec.insert(u"phase"_s, u"ready"_s);
    enqueue(run.doc.value("run_id"_L1).toString());
}

// An error in the current state: the first matching Catch handles it, else the run fails.
void Executor::fail(RunRecord &run, const QString &error, const QString &cause)
{
    markDirty(run);
    const QString name = run.exec.value("state"_L1).toString();
    const QJsonObject state = run.definition.value("definition"_L1)[u"States"_s][name].toObject();
    const QString type = state.value("Type"_L1).toString(u"State"_s);
    const QJsonObject errorValue{{u"Error"_s, error}, {u"Cause"_s, cause}};
    for (const QJsonValue &catcher : state.value("Catch"_L1).toArray()) {
        const QJsonArray names = catcher[u"ErrorEquals"_s].toArray();
        if (!names.contains(error) && !names.contains(u"States.ALL"_s))
            continue;
        DataFlow::Error writeError;
        const auto written = DataFlow::applyResultPath(
            run.exec.value("data"_L1), catcher[u"ResultPath"_s].toString(u"$"_s), errorValue, &writeError);
        if (!written)
            break;
        log(run, type + u"Failed"_s, u"State %1 of type %2 failed with %3; caught"_s.arg(name, type, error),
            {{u"state_name"_s, name},
             {u"state_type"_s, type},
             {u"error"_s, errorValue},
             {u"next"_s, catcher[u"Next"_s]}});
        run.exec.insert(u"data"_s, withoutContext(*written));
        run.exec.insert(u"state"_s, catcher[u"Next"_s]);
        run.exec.insert(u"phase"_s, u"ready"_s);
        run.exec.insert(u"attempt"_s, 1);
        enqueue(run.doc.value("run_id"_L1).toString());
        return;
    }
    finish(run, u"FAILED"_s,
           {{u"code"_s, u"FlowFailed"_s},
            {u"description"_s, u"The Flow Instance failed at state %1 with %2: %3"_s.arg(name, error, cause)},
            {u"error"_s, error},
            {u"cause"_s, cause},
            {u"state_name"_s, name}},
           u"FlowFailed"_s, u"The Flow Instance failed"_s,
           {{u"state_name"_s, name}, {u"state_type"_s, type}, {u"error"_s, errorValue}});
}

void Executor::finish(RunRecord &run, const QString &status, const QJsonObject &details, const QString &logCode,
                      const QString &logDescription, const QJsonObject &logDetails)
{
    markDirty(run);
    run.doc.insert(u"status"_s, status);
    run.doc.insert(u"display_status"_s, status);
    run.doc.insert(u"completion_time"_s, isoNow());
    run.doc.insert(u"details"_s, details);
    run.doc.insert(u"blocking_web_input_id"_s, QJsonValue());
    run.exec.insert(u"phase"_s, u"done"_s);
    log(run, logCode, logDescription, logDetails);
    emit m_core.service->runFinished(run.doc.value("run_id"_L1).toString(), status);
}

ServiceResponse Executor::cancel(RunRecord &run, const QString &identity)
{
    const QString status = run.doc.value("status"_L1).toString();
    if (isTerminal(status))
        return errorResponse(409, u"STATE_CONFLICT"_s,
                             u"Run %1 has status '%2' and can no longer be canceled"_s.arg(
                                 run.doc.value("run_id"_L1).toString(), status));
    ++run.generation;
    m_core.store.begin();
    const QString now = isoNow();
    finish(run, u"FAILED"_s,
           {{u"time"_s, now},
            {u"code"_s, u"FlowCanceled"_s},
            {u"description"_s, u"The Flow Instance was canceled by the user"_s},
            {u"details"_s, QJsonObject()}},
           u"FlowCanceled"_s, u"The Flow Instance was canceled by the user"_s,
           {{u"state_name"_s, run.exec.value("state"_L1)}});
    saveDirty();
    m_core.store.commit();
    return {202, m_core.runView(run, identity)};
}

ServiceResponse Executor::resume(RunRecord &run, const QString &identity)
{
    if (run.doc.value("status"_L1).toString() == "INACTIVE"_L1) {
        const QString blocking = run.doc.value("blocking_web_input_id"_L1).toString();
        const bool stillOpen =
            !blocking.isEmpty() && m_core.webInputs.value(blocking).value("status"_L1).toString() == "open"_L1;
        if (!stillOpen) {
            ++run.generation;
            run.doc.insert(u"status"_s, u"ACTIVE"_s);
            run.doc.insert(u"display_status"_s, u"ACTIVE"_s);
            run.exec.insert(u"phase"_s, blocking.isEmpty() ? u"ready"_s : u"resumed"_s);
            run.exec.insert(u"attempt"_s, run.exec.value("attempt"_L1).toInt(1) + 1);
            m_core.store.begin();
            log(run, u"FlowResumed"_s, u"The Flow Instance was resumed"_s,
                {{u"state_name"_s, run.exec.value("state"_L1)}});
            markDirty(run);
            saveDirty();
            m_core.store.commit();
            enqueue(run.doc.value("run_id"_L1).toString());
        }
    }
    return {200, m_core.runView(run, identity)};
}

void Executor::webInputAnswered(const QString &webInputId)
{
    for (RunRecord &run : m_core.runs)
        if (run.doc.value("blocking_web_input_id"_L1).toString() == webInputId &&
            run.doc.value("status"_L1).toString() == "INACTIVE"_L1)
            resume(run, run.doc.value("run_owner"_L1).toString());
}

void Executor::recover()
{
    m_core.store.begin();
    for (RunRecord &run : m_core.runs) {
        if (run.doc.value("status"_L1).toString() != "ACTIVE"_L1)
            continue;
        const QString phase = run.exec.value("phase"_L1).toString();
        const QJsonObject states = run.definition.value("definition"_L1)[u"States"_s].toObject();
        if (!states.contains(run.exec.value("state"_L1).toString())) {
            finish(run, u"FAILED"_s,
                   {{u"code"_s, u"FlowRecoveryFailed"_s},
                    {u"description"_s, u"The run could not be continued after the service stopped: its progress "
                                       "record is incomplete"_s}},
                   u"FlowFailed"_s, u"The Flow Instance could not be recovered"_s, {});
            continue;
        }
        if (phase == "waiting"_L1) {
            scheduleWakeup(run.exec.value("wake"_L1).toInteger(), {run.doc.value("run_id"_L1).toString(), 0, 0, false});
            continue;
        }
        // Interrupted in the middle of a state (an action in flight): run that state again.
        run.exec.insert(u"phase"_s, u"ready"_s);
        markDirty(run);
        enqueue(run.doc.value("run_id"_L1).toString());
    }
    saveDirty();
    m_core.store.commit();
}

int Executor::activeCount() const
{
    int count = 0;
    for (const RunRecord &run : m_core.runs)
        count += run.doc.value("status"_L1).toString() == "ACTIVE"_L1 ? 1 : 0;
    return count;
}

} // namespace Flowdeck::Core::Engine
