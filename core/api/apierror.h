// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Flowdeck::Core {

// One entry of a Flows error "detail" list: where (loc), what (msg) and the validator's type.
struct ErrorDetail
{
    QJsonArray loc;
    QString msg;
    QString type;
    QJsonObject ctx;

    // The loc rendered as the Globus CLI renders it: $.definition.States['a b'][0]
    QString jsonPath() const;
    bool operator==(const ErrorDetail &) const = default;
};

// The single error type of the client (house style rule 8). Value type; cheap to copy.
// kind tells the layers apart; the other fields carry what the service said, built as the SDK builds them.
struct ApiError
{
    enum class Kind {
        None,     // success
        Network,  // connection refused, host not found, dropped connection, TLS ...
        Timeout,  // no answer within the transfer timeout
        Canceled, // abort() by the caller
        Http,     // 4xx/5xx without a Flows error body
        Api,      // 4xx/5xx with a Flows (or Globus) error body: code and messages are set
        Parse,    // 2xx whose body is not the expected JSON shape
        Usage,    // the request was refused before sending (bad base URL, bad argument)
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString code;         // error.code, else top-level code
    QStringList messages; // SDK rule: detail[].msg, else detail, else title
    QString text;         // for non-API kinds: what went wrong, human readable
    QList<ErrorDetail> details;
    QString debugId;
    QJsonObject authorizationParameters; // a GARE's parameters (session/consent requirements)
    QJsonObject body;                    // the whole JSON error body, when there was one
    int networkError = 0;                // QNetworkReply::NetworkError for Network/Timeout
    // For a non-idempotent request: the server may have acted although we saw a failure, so it
    // was not re-sent. The UI should tell the user to check (e.g. the runs list) before retrying.
    bool outcomeUnknown = false;

    bool isError() const { return kind != Kind::None; }
    // "; "-joined messages, as the SDK's FlowsAPIError.message (empty when there are none).
    QString message() const;
    // One line for a banner or a log: kind, status, code and message. Never contains tokens.
    QString toString() const;
    // 401, or a 403 that carries authorization parameters: the user must sign in (again) or consent.
    bool requiresReauthentication() const;

    // Builds the error of an HTTP error response (status >= 400) from its body.
    static ApiError fromHttpResponse(int status, const QByteArray &body, const QByteArray &contentType,
                                     const QString &reasonPhrase);
    static ApiError make(Kind kind, const QString &text, int networkError = 0);
    static QString kindName(Kind kind);
};

} // namespace Flowdeck::Core

Q_DECLARE_METATYPE(Flowdeck::Core::ApiError)
