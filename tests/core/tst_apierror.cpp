// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/apierror.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using Flowdeck::Core::ApiError;
using Flowdeck::Core::ErrorDetail;

class TestApiError : public QObject
{
    Q_OBJECT

private slots:
    void jsonPath_data();
    void jsonPath();
    void fromHttpResponse_data();
    void fromHttpResponse();
    void fromHttpResponse_keepsDetailsAndGare();
    void toString_neverEmptyAndMentionsOutcome();
};

void TestApiError::jsonPath_data()
{
    QTest::addColumn<QByteArray>("loc");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain keys") << "[\"definition\",\"States\",\"Step1\"]"_ba << u"$.definition.States.Step1"_s;
    QTest::newRow("index") << "[\"flow_administrators\",0]"_ba << u"$.flow_administrators[0]"_s;
    QTest::newRow("odd key") << "[\"States\",\"a b.c\"]"_ba << u"$.States['a b.c']"_s;
    QTest::newRow("quote") << "[\"it's\"]"_ba << u"$['it\\'s']"_s;
    QTest::newRow("empty") << "[]"_ba << u"$"_s;
}

void TestApiError::jsonPath()
{
    QFETCH(QByteArray, loc);
    QFETCH(QString, expected);
    ErrorDetail detail;
    detail.loc = QJsonDocument::fromJson(loc).array();
    QCOMPARE(detail.jsonPath(), expected);
}

void TestApiError::fromHttpResponse_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ApiError::Kind>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("messages");

    QTest::newRow("flows string detail") << 409 << R"({"error":{"code":"STATE_CONFLICT","detail":"Run is ACTIVE"}})"_ba
                                         << ApiError::Kind::Api << u"STATE_CONFLICT"_s
                                         << QStringList{u"Run is ACTIVE"_s};
    QTest::newRow("flows list detail")
        << 422
        << R"({"error":{"code":"UNPROCESSABLE_ENTITY","detail":[{"loc":["a"],"msg":"one","type":"t"},{"loc":["b"],"msg":"two","type":"t"}],"message":"ignored"}})"_ba
        << ApiError::Kind::Api << u"UNPROCESSABLE_ENTITY"_s << QStringList{u"one"_s, u"two"_s};
    QTest::newRow("flows title only") << 500 << R"({"error":{"code":"X","title":"Boom"}})"_ba << ApiError::Kind::Api
                                      << u"X"_s << QStringList{u"Boom"_s};
    QTest::newRow("type zero") << 400 << R"({"code":"BadRequest","message":"nope"})"_ba << ApiError::Kind::Api
                               << u"BadRequest"_s << QStringList{u"nope"_s};
    QTest::newRow("json api") << 400 << R"({"errors":[{"code":"E1","detail":"first"},{"title":"second"}]})"_ba
                              << ApiError::Kind::Api << u"E1"_s << QStringList{u"first"_s, u"second"_s};
    QTest::newRow("html page") << 502 << "<html>Bad gateway</html>"_ba << ApiError::Kind::Http << QString()
                               << QStringList();
    QTest::newRow("empty body") << 503 << QByteArray() << ApiError::Kind::Http << QString() << QStringList();
    QTest::newRow("json without error") << 500 << R"({"hello":1})"_ba << ApiError::Kind::Http << QString()
                                        << QStringList();
}

void TestApiError::fromHttpResponse()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(ApiError::Kind, kind);
    QFETCH(QString, code);
    QFETCH(QStringList, messages);

    const ApiError error = ApiError::fromHttpResponse(status, body, "application/json", u"Reason"_s);
    QCOMPARE(error.kind, kind);
    QCOMPARE(error.httpStatus, status);
    QCOMPARE(error.code, code);
    QCOMPARE(error.messages, messages);
    QCOMPARE(error.message(), messages.join(u"; "_s));
    QVERIFY(error.isError());
}

void TestApiError::fromHttpResponse_keepsDetailsAndGare()
{
    const QByteArray body = R"({"authorization_parameters":{"session_required_policies":["p1"]},
        "code":"AuthenticationPolicyRequired","debug_id":"d-1",
        "error":{"code":"AUTHENTICATION_POLICY_REQUIRED","detail":[{"loc":["x",1],"msg":"m","type":"t","ctx":{"k":1}}]}})"_ba;
    const ApiError error = ApiError::fromHttpResponse(403, body, "application/json", {});
    QCOMPARE(error.code, u"AUTHENTICATION_POLICY_REQUIRED"_s); // error.code wins over the top-level code
    QCOMPARE(error.debugId, u"d-1"_s);
    QCOMPARE(error.details.size(), 1);
    QCOMPARE(error.details.first().jsonPath(), u"$.x[1]"_s);
    QCOMPARE(error.details.first().ctx.value("k"_L1).toInt(), 1);
    QCOMPARE(error.authorizationParameters.value("session_required_policies"_L1).toArray().size(), 1);
    QVERIFY(error.requiresReauthentication());
    QVERIFY(!ApiError::fromHttpResponse(403, R"({"error":{"code":"FORBIDDEN","detail":"no"}})", {}, {})
                 .requiresReauthentication());
    QVERIFY(ApiError::fromHttpResponse(401, {}, {}, {}).requiresReauthentication());
}

void TestApiError::toString_neverEmptyAndMentionsOutcome()
{
    ApiError error = ApiError::fromHttpResponse(503, {}, {}, u"Service Unavailable"_s);
    QVERIFY(error.toString().contains(u"503"_s));
    QVERIFY(error.toString().contains(u"Service Unavailable"_s));
    QVERIFY(!error.toString().contains(u"carried out"_s));
    error.outcomeUnknown = true;
    QVERIFY(error.toString().contains(u"carried out"_s));
}

QTEST_GUILESS_MAIN(TestApiError)
#include "tst_apierror.moc"
