// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/profile.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Flowdeck::Core::Profile;

class TestProfile : public QObject
{
    Q_OBJECT

private slots:
    void ids_roundTrip_data();
    void ids_roundTrip();
    void invalidIds_fallBackToLocal_data();
    void invalidIds_fallBackToLocal();
};

void TestProfile::ids_roundTrip_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("flowsUrl");
    QTest::addColumn<QString>("name");
    QTest::newRow("local") << u"local"_s << QString() << u"Local (embedded service)"_s;
    QTest::newRow("production") << u"globus:production"_s << u"https://flows.automate.globus.org/"_s << u"Globus"_s;
    QTest::newRow("sandbox") << u"globus:sandbox"_s << u"https://sandbox.flows.automate.globus.org/"_s
                             << u"Globus sandbox"_s;
    QTest::newRow("custom https") << u"custom:https://flows.example.org/"_s << u"https://flows.example.org/"_s
                                  << u"Custom: flows.example.org"_s;
    QTest::newRow("custom loopback") << u"custom:http://127.0.0.1:8080/"_s << u"http://127.0.0.1:8080/"_s
                                     << u"Custom: 127.0.0.1:8080"_s;
}

void TestProfile::ids_roundTrip()
{
    QFETCH(QString, id);
    QFETCH(QString, flowsUrl);
    QFETCH(QString, name);
    bool ok = false;
    const Profile profile = Profile::fromId(id, &ok);
    QVERIFY(ok);
    QCOMPARE(profile.id(), id);
    QCOMPARE(profile.flowsUrl().toString(), flowsUrl);
    QCOMPARE(profile.displayName(), name);
    QCOMPARE(Profile::fromId(profile.id()), profile);
}

void TestProfile::invalidIds_fallBackToLocal_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("empty") << QString();
    QTest::newRow("unknown environment") << u"globus:moon"_s;
    QTest::newRow("plain http elsewhere") << u"custom:http://flows.example.org/"_s; // tokens in clear
    QTest::newRow("garbage") << u"x"_s;
}

void TestProfile::invalidIds_fallBackToLocal()
{
    QFETCH(QString, id);
    bool ok = true;
    QCOMPARE(Profile::fromId(id, &ok), Profile::local());
    QVERIFY(!ok);
}

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
