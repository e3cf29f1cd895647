// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/retrypolicy.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Flowdeck::Core::RetryPolicy;

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private slots:
    void backoff_growsAndIsCapped_data();
    void backoff_growsAndIsCapped();
    void transientStatuses();
    void parseRetryAfter_data();
    void parseRetryAfter();
    void delayFor_honoursRetryAfterOnlyFor429And503();
};

void TestRetryPolicy::backoff_growsAndIsCapped_data()
{
    QTest::addColumn<double>("random");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<qint64>("expectedMs");
    QTest::newRow("first, low jitter") << 0.0 << 0 << qint64(250);
    QTest::newRow("first, high jitter") << 1.0 << 0 << qint64(750);
    QTest::newRow("third") << 0.5 << 2 << qint64(2000);
    QTest::newRow("capped at 10 s") << 1.0 << 6 << qint64(10'000);
}

void TestRetryPolicy::backoff_growsAndIsCapped()
{
    QFETCH(double, random);
    QFETCH(int, attempt);
    QFETCH(qint64, expectedMs);
    RetryPolicy policy;
    policy.random = [random] { return random; };
    QCOMPARE(policy.backoff(attempt).count(), expectedMs);
}

void TestRetryPolicy::transientStatuses()
{
    for (int status : {429, 500, 502, 503, 504})
        QVERIFY2(RetryPolicy::isTransientStatus(status), qPrintable(QString::number(status)));
    for (int status : {200, 400, 401, 403, 404, 409, 422, 501})
        QVERIFY2(!RetryPolicy::isTransientStatus(status), qPrintable(QString::number(status)));
}

void TestRetryPolicy::parseRetryAfter_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("expectedMs"); // -1: no hint
    QTest::newRow("seconds") << "3"_ba << qint64(3000);
    QTest::newRow("padded") << " 2 "_ba << qint64(2000);
    QTest::newRow("zero") << "0"_ba << qint64(0);
    QTest::newRow("http date") << "Sun, 29 Nov 2026 12:00:05 GMT"_ba << qint64(5000);
    QTest::newRow("past date") << "Sun, 29 Nov 2026 11:00:00 GMT"_ba << qint64(0);
    QTest::newRow("negative") << "-4"_ba << qint64(-1);
    QTest::newRow("garbage") << "soon"_ba << qint64(-1);
    QTest::newRow("empty") << QByteArray() << qint64(-1);
}

void TestRetryPolicy::parseRetryAfter()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, expectedMs);
    const QDateTime now(QDate(2026, 11, 29), QTime(12, 0, 0), Qt::UTC);
    const auto parsed = RetryPolicy::parseRetryAfter(header, now);
    QCOMPARE(parsed ? parsed->count() : -1, expectedMs);
}

void TestRetryPolicy::delayFor_honoursRetryAfterOnlyFor429And503()
{
    RetryPolicy policy;
    policy.random = [] { return 0.0; };
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(policy.delayFor(0, 429, "4", now).count(), 4000);
    QCOMPARE(policy.delayFor(0, 503, "60", now).count(), 10'000); // capped
    QCOMPARE(policy.delayFor(0, 500, "4", now).count(), 250);     // ignored: backoff
    QCOMPARE(policy.delayFor(1, 0, {}, now).count(), 500);
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
