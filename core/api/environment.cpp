// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/environment.h"

#include <QCoreApplication>
#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Environment {

namespace {

// Internal environments live under globuscs.info; preview has its own public domain.
QString domainOf(const QString &environment)
{
    if (environment == QLatin1StringView(Production))
        return u"globus.org"_s;
    if (environment == "preview"_L1)
        return u"preview.globus.org"_s;
    return environment + u".globuscs.info"_s;
}

} // namespace

QStringList names()
{
    return {QString::fromLatin1(Production), u"preview"_s, u"sandbox"_s, u"integration"_s, u"test"_s, u"staging"_s};
}

bool isKnown(const QString &name)
{
    return names().contains(name);
}

QUrl flowsUrl(const QString &environment)
{
    if (!isKnown(environment))
        return {};
    // Flows is an "automate service": https://{env}.flows.automate.globus.org/
    if (environment == QLatin1StringView(Production))
        return QUrl(u"https://flows.automate.globus.org/"_s);
    return QUrl(u"https://"_s + environment + u".flows.automate.globus.org/"_s);
}

QUrl authUrl(const QString &environment)
{
    if (!isKnown(environment))
        return {};
    return QUrl(u"https://auth."_s + domainOf(environment) + u'/');
}

QUrl resolveFlowsUrl(const QProcessEnvironment &env, QString *why)
{
    const QString explicitUrl = env.value(u"GLOBUS_SDK_SERVICE_URL_FLOWS"_s);
    if (!explicitUrl.isEmpty())
        return QUrl(explicitUrl);
    const QString name = env.value(u"GLOBUS_SDK_ENVIRONMENT"_s, QString::fromLatin1(Production));
    const QUrl url = flowsUrl(name);
    if (url.isEmpty() && why)
        *why = QCoreApplication::translate("Environment", "Unrecognized environment \"%1\"; known: %2")
                   .arg(name, names().join(u", "_s));
    return url;
}

bool isAcceptableBaseUrl(const QUrl &url, QString *why)
{
    auto fail = [why](const QString &text) {
        if (why)
            *why = text;
        return false;
    };
    if (!url.isValid() || url.host().isEmpty())
        return fail(
            QCoreApplication::translate("Environment", "\"%1\" is not a valid service URL").arg(url.toString()));
    if (url.scheme() == "https"_L1)
        return true;
    if (url.scheme() != "http"_L1)
        return fail(QCoreApplication::translate("Environment", "Only https:// service URLs are supported"));
    const QHostAddress address(url.host());
    if (url.host() == "localhost"_L1 || address.isLoopback())
        return true;
    return fail(QCoreApplication::translate(
                    "Environment", "Plain http:// is only allowed to this computer (loopback); use https:// for %1")
                    .arg(url.host()));
}

} // namespace Flowdeck::Core::Environment
