// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/commandline.h"

#include "core/api/environment.h"

#include <QCommandLineParser>
#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Flowdeck::App {

CommandLine CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Flowdeck: design, launch and watch Globus Flows."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption serviceUrl(
        u"service-url"_s, QCoreApplication::translate("main", "Talk to the Flows service at <url>."), u"url"_s);
    const QCommandLineOption environment(
        u"environment"_s,
        QCoreApplication::translate("main", "Globus environment: %1.").arg(Core::Environment::names().join(u", "_s)),
        u"name"_s);
    parser.addOption(serviceUrl);
    parser.addOption(environment);

    CommandLine result;
    if (!parser.parse(arguments)) {
        result = {Action::Exit, 2, parser.errorText() + u'\n' + parser.helpText(), {}, {}};
        return result;
    }
    if (parser.isSet(help))
        return {Action::Exit, 0, parser.helpText(), {}, {}};
    if (parser.isSet(version))
        return {Action::Exit,
                0,
                QCoreApplication::applicationName() + u' ' + QCoreApplication::applicationVersion() + u'\n',
                {},
                {}};
    result.serviceUrl = parser.value(serviceUrl);
    result.environment = parser.value(environment);
    if (!result.environment.isEmpty() && !Core::Environment::isKnown(result.environment))
        return {Action::Exit,
                2,
                QCoreApplication::translate("main", "Unknown environment \"%1\"\n").arg(result.environment),
                {},
                {}};
    return result;
}

} // namespace Flowdeck::App
