// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/environment.h"

#include <QTest>

using namespace Qt::StringLiterals;
namespace Environment = Flowdeck::Core::Environment;

class TestEnvironment : public QObject
{
    Q_OBJECT

private slots:
    void urls_data();
    void urls();
    void resolve_data();
    void resolve();
    void baseUrl_data();
    void baseUrl();
};

void TestEnvironment::urls_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("flows");
    QTest::addColumn<QString>("auth");
    QTest::newRow("production") << u"production"_s << u"https://flows.automate.globus.org/"_s
                                << u"https://auth.globus.org/"_s;
    QTest::newRow("preview") << u"preview"_s << u"https://preview.flows.automate.globus.org/"_s
                             << u"https://auth.preview.globus.org/"_s;
    QTest::newRow("sandbox") << u"sandbox"_s << u"https://sandbox.flows.automate.globus.org/"_s
                             << u"https://auth.sandbox.globuscs.info/"_s;
    QTest::newRow("integration") << u"integration"_s << u"https://integration.flows.automate.globus.org/"_s
                                 << u"https://auth.integration.globuscs.info/"_s;
    QTest::newRow("test") << u"test"_s << u"https://test.flows.automate.globus.org/"_s
                          << u"https://auth.test.globuscs.info/"_s;
    QTest::newRow("staging") << u"staging"_s << u"https://staging.flows.automate.globus.org/"_s
                             << u"https://auth.staging.globuscs.info/"_s;
    QTest::newRow("unknown") << u"moon"_s << QString() << QString();
}

void TestEnvironment::urls()
{
    QFETCH(QString, name);
    QFETCH(QString, flows);
    QFETCH(QString, auth);
    QCOMPARE(Environment::flowsUrl(name).toString(), flows);
    QCOMPARE(Environment::authUrl(name).toString(), auth);
    QCOMPARE(Environment::isKnown(name), !flows.isEmpty());
}

void TestEnvironment::resolve_data()
{
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("serviceUrl");
    QTest::addColumn<QString>("expected");
    QTest::newRow("nothing set") << QString() << QString() << u"https://flows.automate.globus.org/"_s;
    QTest::newRow("environment") << u"sandbox"_s << QString() << u"https://sandbox.flows.automate.globus.org/"_s;
    QTest::newRow("service url wins") << u"sandbox"_s << u"https://flows.example.org/"_s
                                      << u"https://flows.example.org/"_s;
    QTest::newRow("unknown environment") << u"moon"_s << QString() << QString();
}

void TestEnvironment::resolve()
{
    QFETCH(QString, environment);
    QFETCH(QString, serviceUrl);
    QFETCH(QString, expected);
    QProcessEnvironment env;
    if (!environment.isEmpty())
        env.insert(u"GLOBUS_SDK_ENVIRONMENT"_s, environment);
    if (!serviceUrl.isEmpty())
        env.insert(u"GLOBUS_SDK_SERVICE_URL_FLOWS"_s, serviceUrl);
    QString why;
    QCOMPARE(Environment::resolveFlowsUrl(env, &why).toString(), expected);
    QCOMPARE(why.isEmpty(), !expected.isEmpty());
}

void TestEnvironment::baseUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("acceptable");
    QTest::newRow("https") << u"https://flows.globus.org/"_s << true;
    QTest::newRow("http loopback ip") << u"http://127.0.0.1:8080/"_s << true;
    QTest::newRow("http localhost") << u"http://localhost:8080/"_s << true;
    QTest::newRow("http ipv6 loopback") << u"http://[::1]:8080/"_s << true;
    QTest::newRow("http remote") << u"http://flows.example.org/"_s << false;
    QTest::newRow("http lan") << u"http://192.168.1.5/"_s << false;
    QTest::newRow("ftp") << u"ftp://127.0.0.1/"_s << false;
    QTest::newRow("no host") << u"https:///x"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void TestEnvironment::baseUrl()
{
    QFETCH(QString, url);
    QFETCH(bool, acceptable);
    QString why;
    QCOMPARE(Environment::isAcceptableBaseUrl(QUrl(url), &why), acceptable);
    QCOMPARE(why.isEmpty(), acceptable);
}

QTEST_GUILESS_MAIN(TestEnvironment)
#include "tst_environment.moc"
