// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/commandline.h"

#include "core/api/environment.h"

#include <QCommandLineParser>
#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Flowdeck::App {

namespace {

CommandLine exitWith(int code, const QString &output)
{
    CommandLine result;
    result.action = CommandLine::Action::Exit;
    result.exitCode = code;
    result.output = output;
    return result;
}

} // namespace

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
    const QCommandLineOption screenshot(
        u"screenshot"_s, QCoreApplication::translate("main", "Save the main window to <png> once shown, then quit."),
        u"png"_s);
    const QCommandLineOption check(
        u"check"_s, QCoreApplication::translate("main", "Validate the flow definitions given as arguments and exit."));
    const QCommandLineOption format(u"format"_s,
                                    QCoreApplication::translate("main", "Output of --check: text (default) or json."),
                                    u"format"_s, u"text"_s);
    parser.addOption(serviceUrl);
    parser.addOption(environment);
    parser.addOption(screenshot);
    parser.addOption(check);
    parser.addOption(format);
    parser.addPositionalArgument(u"files"_s, QCoreApplication::translate("main", "Definition files for --check."),
                                 u"[FILE...]"_s);

    if (!parser.parse(arguments))
        return exitWith(2, parser.errorText() + u'\n' + parser.helpText());
    if (parser.isSet(help))
        return exitWith(0, parser.helpText());
    if (parser.isSet(version))
        return exitWith(0, QCoreApplication::applicationName() + u' ' + QCoreApplication::applicationVersion() + u'\n');
    CommandLine result;
    if (parser.isSet(check)) {
        if (parser.positionalArguments().isEmpty())
            return exitWith(2, QCoreApplication::translate("main", "--check needs at least one file\n"));
        if (parser.value(format) != "text"_L1 && parser.value(format) != "json"_L1)
            return exitWith(2, QCoreApplication::translate("main", "--format is text or json\n"));
        result.action = Action::Check;
        result.checkFiles = parser.positionalArguments();
        result.jsonOutput = parser.value(format) == "json"_L1;
        return result;
    }
    result.serviceUrl = parser.value(serviceUrl);
    result.environment = parser.value(environment);
    result.screenshot = parser.value(screenshot);
    if (!result.environment.isEmpty() && !Core::Environment::isKnown(result.environment))
        return exitWith(2, QCoreApplication::translate("main", "Unknown environment \"%1\"\n").arg(result.environment));
    return result;
}

} // namespace Flowdeck::App
