// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/commandline.h"

#include "core/api/environment.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QProcessEnvironment>

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
    const QCommandLineOption serve(
        u"serve"_s, QCoreApplication::translate("main", "Run the local Flows service without a window; print its URL "
                                                        "and token and serve until stopped."));
    const QCommandLineOption port(u"port"_s, QCoreApplication::translate("main", "Port of --serve (default: any)."),
                                  u"port"_s);
    const QCommandLineOption data(
        u"data"_s, QCoreApplication::translate("main", "Data directory of the local service."), u"dir"_s);
    const QCommandLineOption token(
        u"token"_s, QCoreApplication::translate("main", "Bearer token of --serve (default: a random one)."),
        u"token"_s);
    const QCommandLineOption timeScale(
        u"time-scale"_s,
        QCoreApplication::translate("main", "Local service: Wait states take this fraction of real time."), u"factor"_s,
        u"1"_s);
    parser.addOption(serve);
    parser.addOption(port);
    parser.addOption(data);
    parser.addOption(token);
    parser.addOption(timeScale);
    parser.addOption(serviceUrl);
    parser.addOption(environment);
    parser.addOption(screenshot);
    const QCommandLineOption firstPaint(
        u"report-first-paint"_s,
        QCoreApplication::translate("main", "Print the milliseconds to the main window's first paint, then quit "
                                            "(benchmarks)."));
    parser.addOption(firstPaint);
    const QCommandLineOption screenshotView(
        u"screenshot-view"_s,
        QCoreApplication::translate(
            "main", "With --screenshot: flows, definition, runs, run, timeline, log, launch, edit, signin, studio, "
                    "schema, details or deploy."),
        u"view"_s, u"flows"_s);
    parser.addOption(screenshotView);
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
    result.dataDirectory = parser.value(data);
    result.token = parser.value(token);
    bool ok = true;
    if (parser.isSet(port)) {
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535)
            return exitWith(2, QCoreApplication::translate("main", "--port takes a number from 0 to 65535\n"));
        result.port = quint16(value);
    }
    result.timeScale = parser.value(timeScale).toDouble(&ok);
    if (!ok || result.timeScale < 0)
        return exitWith(2, QCoreApplication::translate("main", "--time-scale takes a number of at least 0\n"));
    if (parser.isSet(serve)) {
        result.action = Action::Serve;
        return result;
    }
    result.serviceUrl = parser.value(serviceUrl);
    result.environment = parser.value(environment);
    result.screenshot = parser.value(screenshot);
    result.reportFirstPaint = parser.isSet(firstPaint);
    result.screenshotView = parser.value(screenshotView);
    if (!result.environment.isEmpty() && !Core::Environment::isKnown(result.environment))
        return exitWith(2, QCoreApplication::translate("main", "Unknown environment \"%1\"\n").arg(result.environment));
    return result;
}

bool CommandLine::usesLocalService() const
{
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    return serviceUrl.isEmpty() && environment.isEmpty() && !system.contains(u"GLOBUS_SDK_ENVIRONMENT"_s) &&
           !system.contains(u"GLOBUS_SDK_SERVICE_URL_FLOWS"_s);
}

} // namespace Flowdeck::App
