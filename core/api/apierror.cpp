// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/apierror.h"

#include "core/lang/jsontext.h"

#include <QCoreApplication>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

namespace {

QString stringOrEmpty(const QJsonValue &value)
{
    return value.isString() ? value.toString() : QString();
}

QList<ErrorDetail> parseDetails(const QJsonArray &array)
{
    QList<ErrorDetail> details;
    for (const QJsonValue &value : array) {
        if (!value.isObject())
            continue;
        const QJsonObject o = value.toObject();
        details.append({o.value("loc"_L1).toArray(), stringOrEmpty(o.value("msg"_L1)),
                        stringOrEmpty(o.value("type"_L1)), o.value("ctx"_L1).toObject()});
    }
    return details;
}

// The Flows format: {"error": {"code", "detail": str | [{loc,msg,type}], "title"?}, "debug_id"?}
void parseFlowsError(const QJsonObject &error, ApiError &out)
{
    out.code = stringOrEmpty(error.value("code"_L1));
    const QJsonValue detail = error.value("detail"_L1);
    if (detail.isArray()) {
        out.details = parseDetails(detail.toArray());
        for (const ErrorDetail &d : std::as_const(out.details))
            if (!d.msg.isEmpty())
                out.messages.append(d.msg);
    } else if (detail.isString()) {
        out.messages = {detail.toString()};
    } else if (error.value("title"_L1).isString()) {
        out.messages = {error.value("title"_L1).toString()};
    }
}

// Other Globus formats ("type zero" {code, message} and JSON:API {errors: [...]}), as the SDK falls back.
void parseOtherError(const QJsonObject &top, ApiError &out)
{
    out.code = stringOrEmpty(top.value("code"_L1));
    for (const auto *key : {"message", "detail", "title"}) {
        const QJsonValue v = top.value(QLatin1StringView(key));
        if (v.isString()) {
            out.messages = {v.toString()};
            return;
        }
    }
    for (const QJsonValue &e : top.value("errors"_L1).toArray()) {
        const QJsonObject o = e.toObject();
        const QString m = stringOrEmpty(o.value("detail"_L1)).isEmpty() ? stringOrEmpty(o.value("title"_L1))
                                                                        : stringOrEmpty(o.value("detail"_L1));
        if (!m.isEmpty())
            out.messages.append(m);
        if (out.code.isEmpty())
            out.code = stringOrEmpty(o.value("code"_L1));
    }
}

} // namespace

QString ErrorDetail::jsonPath() const
{
    return Lang::pathToString(loc);
}

QString ApiError::message() const
{
    return messages.join(u"; "_s);
}

QString ApiError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return u"ok"_s;
    case Kind::Network:
        return u"network error"_s;
    case Kind::Timeout:
        return u"timeout"_s;
    case Kind::Canceled:
        return u"canceled"_s;
    case Kind::Http:
        return u"HTTP error"_s;
    case Kind::Api:
        return u"service error"_s;
    case Kind::Parse:
        return u"unexpected response"_s;
    case Kind::Usage:
        return u"request refused"_s;
    }
    return {};
}

QString ApiError::toString() const
{
    QString line = kindName(kind);
    if (httpStatus != 0)
        line += u" (HTTP "_s + QString::number(httpStatus) + u')';
    if (!code.isEmpty())
        line += u' ' + code;
    const QString what = messages.isEmpty() ? text : message();
    if (!what.isEmpty())
        line += u": "_s + what;
    for (const ErrorDetail &d : details)
        if (!d.loc.isEmpty())
            line += u"\n  "_s + d.type + u' ' + d.jsonPath() + u": "_s + d.msg;
    if (outcomeUnknown)
        line += u"\n  "_s + QCoreApplication::translate("ApiError", "The server may have carried out the request; "
                                                                    "check before trying again.");
    return line;
}

bool ApiError::requiresReauthentication() const
{
    return httpStatus == 401 || (httpStatus == 403 && !authorizationParameters.isEmpty());
}

ApiError ApiError::make(Kind kind, const QString &text, int networkError)
{
    ApiError e;
    e.kind = kind;
    e.text = text;
    e.networkError = networkError;
    return e;
}

ApiError ApiError::fromHttpResponse(int status, const QByteArray &body, const QByteArray &contentType,
                                    const QString &reasonPhrase)
{
    ApiError e;
    e.kind = Kind::Http;
    e.httpStatus = status;
    e.text = reasonPhrase.isEmpty() ? u"HTTP "_s + QString::number(status) : reasonPhrase;
    // The SDK only reads JSON bodies when the server says they are JSON; we are more lenient and
    // try whenever the body looks like an object, because proxies often drop the content type.
    Q_UNUSED(contentType);
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return e;
    const QJsonObject top = doc.object();
    e.body = top;
    e.debugId = stringOrEmpty(top.value("debug_id"_L1));
    e.authorizationParameters = top.value("authorization_parameters"_L1).toObject();
    if (top.value("error"_L1).isObject())
        parseFlowsError(top.value("error"_L1).toObject(), e);
    else
        parseOtherError(top, e);
    if (!e.code.isEmpty() || !e.messages.isEmpty())
        e.kind = Kind::Api;
    return e;
}

} // namespace Flowdeck::Core
