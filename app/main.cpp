// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/application.h"
#include "app/checkcommand.h"
#include "app/commandline.h"
#include "app/servecommand.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication::setApplicationName(u"flowdeck"_s);
    QApplication::setApplicationDisplayName(u"Flowdeck"_s);
    QApplication::setApplicationVersion(QStringLiteral(FLOWDECK_VERSION));
    QApplication::setOrganizationName(u"Flowdeck"_s);
    QApplication::setDesktopFileName(u"flowdeck"_s);

    // --help and --version must work without a display, so parse before creating the GUI app.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const auto commandLine = Flowdeck::App::CommandLine::parse(arguments);
    if (commandLine.action == Flowdeck::App::CommandLine::Action::Check) {
        QCoreApplication app(argc, argv); // no display needed: this runs in CI and git hooks
        return Flowdeck::App::runCheck(commandLine.checkFiles, commandLine.jsonOutput, stdout, stderr);
    }
    if (commandLine.action == Flowdeck::App::CommandLine::Action::Serve) {
        QCoreApplication app(argc, argv); // headless: scripts, other tools and tests use it over HTTP
        return Flowdeck::App::runServe(commandLine, stdout, stderr);
    }
    if (commandLine.action == Flowdeck::App::CommandLine::Action::Exit) {
        std::fputs(commandLine.output.toLocal8Bit().constData(), commandLine.exitCode == 0 ? stdout : stderr);
        return commandLine.exitCode;
    }

    QApplication app(argc, argv);
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), u"flowdeck"_s, u"_"_s, u":/i18n"_s))
        QApplication::installTranslator(&translator);

    Flowdeck::App::Application flowdeck(commandLine);
    flowdeck.show();
    if (!commandLine.screenshot.isEmpty())
        flowdeck.saveScreenshotAndQuit(commandLine.screenshot);
    return QApplication::exec();
}
