// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Flowdeck::Tests {

// A loopback Flows service with nothing but GET /runs over N synthetic runs (about 0.9 KB each),
// newest first, paged by an offset marker, honouring filter_status and filter_completion_time:
// enough to measure dashboards and pollers with many thousands of runs. Counts the requests that
// page through the list and those that poll (a status or completion filter).
class RunsFarm
{
public:
    explicit RunsFarm(int runs)
    {
        const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-1);
        for (int i = 0; i < runs; ++i)
            m_runs.append(makeRun(i, start.addSecs(-60 * i)));
        m_server.route(u"/runs"_s, QHttpServerRequest::Method::Get,
                       [this](const QHttpServerRequest &request) { return list(request); });
        m_server.route(u"/runs/<arg>/log"_s, QHttpServerRequest::Method::Get,
                       [this](const QString &, const QHttpServerRequest &request) { return log(request); });
        m_server.route(u"/runs/<arg>/definition"_s, QHttpServerRequest::Method::Get, [](const QString &id) {
            return QHttpServerResponse(QJsonObject{{u"flow_id"_s, id},
                                                   {u"definition"_s, definition()},
                                                   {u"input_schema"_s, QJsonObject{{u"type"_s, u"object"_s}}}});
        });
        m_port = m_server.listen(QHostAddress::LocalHost);
    }

    QUrl baseUrl() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port)); }
    int pageRequests() const { return m_pageRequests; }
    int pollRequests() const { return m_pollRequests; }
    int size() const { return int(m_runs.size()); }

    // Changes run i's status (and completion time when it ends), as the service would.
    void setStatus(int i, const QString &status)
    {
        QJsonObject &run = m_runs[i];
        run.insert(u"status"_s, status);
        run.insert(u"display_status"_s, status);
        const bool open = status == "ACTIVE"_L1 || status == "INACTIVE"_L1;
        run.insert(u"completion_time"_s,
                   open ? QJsonValue() : QJsonValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)));
    }

    // Every run's log: `entries` entries cycling through the definition's 50 states, each state a
    // Started and a Completed entry with a small input or output.
    void setLogSize(int entries) { m_logSize = entries; }
    int logRequests() const { return m_logRequests; }

    static QJsonObject definition()
    {
        QJsonObject states;
        for (int i = 0; i < 50; ++i)
            states.insert(u"State%1"_s.arg(i),
                          QJsonObject{{u"Type"_s, u"Pass"_s},
                                      {i == 49 ? u"End"_s : u"Next"_s,
                                       i == 49 ? QJsonValue(true) : QJsonValue(u"State%1"_s.arg(i + 1))}});
        return {{u"StartAt"_s, u"State0"_s}, {u"States"_s, states}};
    }

    static QJsonObject logEntry(int i, const QDateTime &start)
    {
        const QString state = u"State%1"_s.arg((i / 2) % 50);
        const bool started = i % 2 == 0;
        return {{u"time"_s, start.addMSecs(i * 10).toString(Qt::ISODateWithMs)},
                {u"code"_s, started ? u"PassStarted"_s : u"PassCompleted"_s},
                {u"description"_s, u"State %1 of type Pass %2"_s.arg(state, started ? u"started"_s : u"completed"_s)},
                {u"details"_s, QJsonObject{{u"state_name"_s, state},
                                           {u"state_type"_s, u"Pass"_s},
                                           {started ? u"input"_s : u"output"_s, QJsonObject{{u"round"_s, i / 100}}}}}};
    }

    static QJsonObject makeRun(int i, const QDateTime &started)
    {
        const QString id = u"%1-0000-4000-8000-%2"_s.arg(i, 8, 16, QLatin1Char('0')).arg(i, 12, 10, QLatin1Char('0'));
        const QString who = u"urn:globus:auth:identity:66a182d8-ec1c-11f1-a019-02fc00000001"_s;
        return {{u"run_id"_s, id},
                {u"action_id"_s, id},
                {u"flow_id"_s, u"66a18076-ec1c-11f1-a019-02fc00000001"_s},
                {u"flow_title"_s, u"Synthetic flow"_s},
                {u"start_time"_s, started.toString(Qt::ISODateWithMs)},
                {u"completion_time"_s, started.addSecs(30).toString(Qt::ISODateWithMs)},
                {u"status"_s, u"SUCCEEDED"_s},
                {u"display_status"_s, u"SUCCEEDED"_s},
                {u"label"_s, u"Run %1"_s.arg(i)},
                {u"tags"_s, QJsonArray{u"synthetic"_s}},
                {u"run_owner"_s, who},
                {u"created_by"_s, who},
                {u"run_managers"_s, QJsonArray{who}},
                {u"run_monitors"_s, QJsonArray()},
                {u"user_role"_s, u"run_owner"_s},
                {u"details"_s, QJsonObject{{u"code"_s, u"FlowSucceeded"_s},
                                           {u"description"_s, u"The Flow run reached a successful completion state"_s},
                                           {u"output"_s, QJsonObject{{u"echo_string"_s, u"hello"_s}}}}}};
    }

private:
    QHttpServerResponse list(const QHttpServerRequest &request)
    {
        const QUrlQuery query(request.url());
        const QStringList statuses =
            query.queryItemValue(u"filter_status"_s, QUrl::FullyDecoded).split(u',', Qt::SkipEmptyParts);
        const QString completed = query.queryItemValue(u"filter_completion_time"_s, QUrl::FullyDecoded);
        const bool poll = !statuses.isEmpty() || !completed.isEmpty();
        ++(poll ? m_pollRequests : m_pageRequests);
        const QDateTime after = QDateTime::fromString(completed.section(u',', 0, 0), Qt::ISODateWithMs);
        const int offset = query.queryItemValue(u"marker"_s).toInt();
        const int limit = std::clamp(query.queryItemValue(u"per_page"_s).toInt(), 1, 1000);
        QJsonArray page;
        int matched = 0;
        bool more = false;
        for (const QJsonObject &run : std::as_const(m_runs)) {
            if (!statuses.isEmpty() && !statuses.contains(run.value("status"_L1).toString()))
                continue;
            if (!completed.isEmpty()) {
                const QDateTime end =
                    QDateTime::fromString(run.value("completion_time"_L1).toString(), Qt::ISODateWithMs);
                if (!end.isValid() || (after.isValid() && end < after))
                    continue;
            }
            if (matched++ < offset)
                continue;
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.append(run);
        }
        QJsonObject body{{u"runs"_s, page}, {u"limit"_s, limit}, {u"has_next_page"_s, more}};
        body.insert(u"marker"_s, more ? QJsonValue(QString::number(offset + limit)) : QJsonValue());
        return QHttpServerResponse(body);
    }

    QHttpServerResponse log(const QHttpServerRequest &request)
    {
        ++m_logRequests;
        const QUrlQuery query(request.url());
        const int offset = query.queryItemValue(u"marker"_s).toInt();
        const int limit =
            std::clamp(query.hasQueryItem(u"limit"_s) ? query.queryItemValue(u"limit"_s).toInt() : 10, 1, 100);
        const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-2);
        QJsonArray entries;
        for (int i = offset; i < std::min(m_logSize, offset + limit); ++i)
            entries.append(logEntry(i, start));
        const bool more = offset + limit < m_logSize;
        QJsonObject body{{u"entries"_s, entries}, {u"limit"_s, limit}, {u"has_next_page"_s, more}};
        if (more)
            body.insert(u"marker"_s, QString::number(offset + limit));
        return QHttpServerResponse(body);
    }

    QList<QJsonObject> m_runs;
    int m_logSize = 0;
    int m_logRequests = 0;
    QHttpServer m_server;
    quint16 m_port = 0;
    int m_pageRequests = 0;
    int m_pollRequests = 0;
};

} // namespace Flowdeck::Tests
