// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/jsonfields.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <optional>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::JsonFields {

QString string(const QJsonObject &o, QLatin1StringView key)
{
    return o.value(key).toString();
}

QStringList strings(const QJsonObject &o, QLatin1StringView key)
{
    const QJsonArray array = o.value(key).toArray();
    QStringList out;
    out.reserve(array.size());
    for (const QJsonValue &v : array)
        out.append(v.toString());
    return out;
}

namespace {

int code(QChar c)
{
    return c.unicode();
}
int code(char c)
{
    return static_cast<unsigned char>(c);
}

// Reads n digits at text[at]; -1 if any is not a digit.
template<typename View>
int digits(View text, qsizetype at, int n)
{
    int value = 0;
    for (int i = 0; i < n; ++i) {
        const int c = code(text[at + i]);
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

// The service always writes "YYYY-MM-DDTHH:MM:SS[.ffffff](Z|+HH:MM)". Parsing that shape by hand
// is ~10x faster than QDateTime::fromString, which matters when listing thousands of runs.
template<typename View>
std::optional<QDateTime> fastIsoDateTime(View t)
{
    auto is = [&t](qsizetype at, char c) { return code(t[at]) == c; };
    if (t.size() < 20 || !is(4, '-') || !is(7, '-') || !is(10, 'T') || !is(13, ':') || !is(16, ':'))
        return std::nullopt;
    const int y = digits(t, 0, 4), mo = digits(t, 5, 2), d = digits(t, 8, 2);
    const int h = digits(t, 11, 2), mi = digits(t, 14, 2), s = digits(t, 17, 2);
    qsizetype at = 19;
    int ms = 0;
    if (is(at, '.')) {
        int scale = 100;
        for (++at; at < t.size() && code(t[at]) >= '0' && code(t[at]) <= '9'; ++at, scale /= 10)
            ms += scale * (code(t[at]) - '0');
    }
    int offsetSeconds = 0;
    if (at == t.size() - 1 && is(at, 'Z')) {
    } else if (at == t.size() - 6 && (is(at, '+') || is(at, '-')) && is(at + 3, ':')) {
        const int oh = digits(t, at + 1, 2), om = digits(t, at + 4, 2);
        if (oh < 0 || om < 0)
            return std::nullopt;
        offsetSeconds = (is(at, '-') ? -1 : 1) * (oh * 3600 + om * 60);
    } else {
        return std::nullopt;
    }
    const QDate date(y, mo, d);
    const QTime time(h, mi, s, ms);
    if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0 || !date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, Qt::UTC).addSecs(-offsetSeconds);
}

} // namespace

// Qt's parser for the unusual shapes; a time without an offset would be read as local time, which
// would make results depend on the machine's time zone, so it is refused.
QDateTime fallbackTime(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    return time.timeSpec() == Qt::LocalTime ? QDateTime() : time;
}

QDateTime parseTime(QStringView text)
{
    if (const auto fast = fastIsoDateTime(text))
        return *fast;
    return fallbackTime(text.toString());
}

QDateTime parseTime(QByteArrayView utf8)
{
    if (const auto fast = fastIsoDateTime(utf8))
        return *fast;
    return fallbackTime(QString::fromUtf8(utf8));
}

QDateTime dateTime(const QJsonObject &o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    return v.isString() ? parseTime(QStringView(v.toString())) : QDateTime();
}

QString missingStringMessage(QLatin1StringView key)
{
    return QCoreApplication::translate("JsonFields", "The field \"%1\" is missing or not a string").arg(QString(key));
}

bool requireString(const QJsonObject &o, QLatin1StringView key, QString *out, QString *why)
{
    const QJsonValue v = o.value(key);
    if (v.isString() && !v.toString().isEmpty()) {
        *out = v.toString();
        return true;
    }
    if (why)
        *why = missingStringMessage(key);
    return false;
}

} // namespace Flowdeck::Core::JsonFields
