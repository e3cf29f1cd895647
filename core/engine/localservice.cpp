// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/localservice.h"

#include "core/engine/actionproviders.h"
#include "core/engine/executor.h"
#include "core/engine/samples.h"
#include "core/engine/servicecore.h"

#include <QDir>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTcpServer>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Engine {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

QString randomToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

void write(QHttpServerResponder &responder, const ServiceResponse &response)
{
    const QByteArray body = QJsonDocument(response.body).toJson(QJsonDocument::Compact);
    responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    responder.writeHeader("Content-Type", "application/json");
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    responder.writeBody(body);
}

} // namespace

LocalService::LocalService(const LocalServiceOptions &options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<ServiceCore>(options))
{
    d->service = this;
}

LocalService::~LocalService()
{
    delete d->executor;
    delete d->providers;
}

namespace {

ServiceResponse dispatch(ServiceCore &core, const QHttpServerRequest &request)
{
    const QByteArray authorization = request.value("Authorization");
    const QString token =
        authorization.startsWith("Bearer ") ? QString::fromLatin1(authorization.mid(7).trimmed()) : QString();
    const auto identity = core.identities.constFind(token);
    if (token.isEmpty() || identity == core.identities.cend())
        return errorResponse(401, u"AUTHENTICATION_ERROR"_s, u"Expired or invalid Bearer token"_s);
    ServiceRequest r;
    r.method = methodName(request.method());
    r.segments = request.url().path(QUrl::FullyDecoded).split(u'/', Qt::SkipEmptyParts);
    r.query = QUrlQuery(request.url());
    r.body = request.body();
    r.identity = *identity;
    if (r.segments.isEmpty())
        return notFound(u"route"_s, u"/"_s);
    const QString collection = r.segments.first();
    if (collection == "flows"_L1)
        return handleFlows(core, r);
    if (collection == "runs"_L1)
        return handleRuns(core, r);
    if (collection == "web_inputs"_L1)
        return handleWebInputs(core, r);
    if (collection == "registered_apis"_L1 && r.method == "GET") {
        if (r.segments.size() == 1)
            return {200,
                    {{u"registered_apis"_s, QJsonArray()},
                     {u"limit"_s, 20},
                     {u"has_next_page"_s, false},
                     {u"marker"_s, QJsonValue()}}};
        return notFound(u"Registered API"_s, r.segments.value(1));
    }
    return errorResponse(404, u"NOT_FOUND"_s,
                         u"There is no route %1 %2"_s.arg(QString::fromLatin1(r.method), request.url().path()));
}

} // namespace

bool LocalService::start(QString *error)
{
    const QString dir = d->options.dataDirectory;
    if (!dir.isEmpty() && !QDir().mkpath(dir)) {
        *error = tr("Cannot create the local service's data directory %1").arg(dir);
        return false;
    }
    if (!d->store.open(dir.isEmpty() ? u":memory:"_s : QDir(dir).filePath(u"flowdeck-local.sqlite"_s), error))
        return false;
    d->userUrn = d->store.meta(u"user_urn"_s);
    if (d->userUrn.isEmpty()) {
        d->userUrn = u"urn:globus:auth:identity:"_s + newId();
        d->store.setMeta(u"user_urn"_s, d->userUrn);
    }
    d->identities.insert(d->options.token.isEmpty() ? randomToken() : d->options.token, d->userUrn);

    auto *tcp = new QTcpServer(this);
    if (!tcp->listen(QHostAddress::LocalHost, d->options.port)) {
        *error = tr("The local service cannot listen on 127.0.0.1:%1: %2").arg(d->options.port).arg(tcp->errorString());
        return false;
    }
    d->baseUrl = u"http://127.0.0.1:%1/"_s.arg(tcp->serverPort());

    for (const QJsonObject &flow : d->store.flows())
        d->flows.insert(flow.value("id"_L1).toString(), flow);
    for (const Store::RunRow &row : d->store.runs())
        d->runs.insert(row.doc.value("run_id"_L1).toString(), {row.doc, row.definition, row.exec, row.logCount, 0});
    for (const QJsonObject &input : d->store.webInputs())
        d->webInputs.insert(input.value("id"_L1).toString(), input);
    loadCollections(*d);
    if (d->options.createSamples && !createSampleLibrary(*d)) {
        *error = tr("Cannot create the sample flows: %1").arg(d->store.lastError());
        return false;
    }

    d->providers = new ActionProviders(*d);
    d->executor = new Executor(*d);
    d->executor->recover();

    auto *http = new QHttpServer(this);
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    http->setMissingHandler(this, [this](const QHttpServerRequest &request, QHttpServerResponder &responder) {
        write(responder, dispatch(*d, request));
    });
#else
    http->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        write(responder, dispatch(*d, request));
    });
#endif
    http->bind(tcp);
    return true;
}

QUrl LocalService::url() const
{
    return QUrl(d->baseUrl);
}

QString LocalService::token() const
{
    for (auto it = d->identities.cbegin(); it != d->identities.cend(); ++it)
        if (it.value() == d->userUrn)
            return it.key();
    return {};
}

QString LocalService::userUrn() const
{
    return d->userUrn;
}

QString LocalService::addIdentity(const QString &urn)
{
    const QString token = randomToken();
    d->identities.insert(token, urn);
    return token;
}

QList<QJsonObject> LocalService::recordedNotifications() const
{
    return d->store.notifications();
}

int LocalService::activeRunCount() const
{
    return d->executor ? d->executor->activeCount() : 0;
}

} // namespace Flowdeck::Core::Engine
