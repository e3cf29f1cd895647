// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/api/profile.h"

#include "core/api/environment.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

Profile Profile::local()
{
    return {};
}

Profile Profile::globus(const QString &environment)
{
    return {Kind::Globus, environment, {}};
}

Profile Profile::custom(const QUrl &url)
{
    return {Kind::Custom, {}, url};
}

Profile Profile::fromId(const QString &id, bool *ok)
{
    bool valid = true;
    Profile profile;
    if (id.startsWith("globus:"_L1) && Environment::isKnown(id.mid(7)))
        profile = globus(id.mid(7));
    else if (id.startsWith("custom:"_L1) && Environment::isAcceptableBaseUrl(QUrl(id.mid(7))))
        profile = custom(QUrl(id.mid(7)));
    else
        valid = id == "local"_L1;
    if (ok)
        *ok = valid;
    return profile;
}

QString Profile::id() const
{
    switch (kind) {
    case Kind::Local:
        return u"local"_s;
    case Kind::Globus:
        return u"globus:"_s + environment;
    case Kind::Custom:
        return u"custom:"_s + url.toString();
    }
    return {};
}

QString Profile::displayName() const
{
    auto tr = [](const char *text) { return QCoreApplication::translate("Profile", text); };
    switch (kind) {
    case Kind::Local:
        return tr("Local (embedded service)");
    case Kind::Globus:
        return environment == "production"_L1 ? tr("Globus") : tr("Globus %1").arg(environment);
    case Kind::Custom:
        return tr("Custom: %1").arg(url.host() + (url.port() > 0 ? u":"_s + QString::number(url.port()) : QString()));
    }
    return {};
}

QUrl Profile::flowsUrl() const
{
    switch (kind) {
    case Kind::Local:
        return {};
    case Kind::Globus:
        return Environment::flowsUrl(environment);
    case Kind::Custom:
        return url;
    }
    return {};
}

} // namespace Flowdeck::Core
