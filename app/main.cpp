// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/application.h"
#include "app/checkcommand.h"
#include "app/commandline.h"
#include "app/servecommand.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

// Benchmarks: reports when the main window has painted for the first time, then quits.
class FirstPaintProbe final : public QObject
{
public:
    explicit FirstPaintProbe(const QElapsedTimer &clock)
        : m_clock(clock)
    {}

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_reported) {
            m_reported = true;
            std::printf("first-paint %.1f ms\n", double(m_clock.nsecsElapsed()) / 1e6);
            std::fflush(stdout);
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QElapsedTimer m_clock;
    bool m_reported = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
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
    FirstPaintProbe probe(sinceStart);
    if (commandLine.reportFirstPaint)
        flowdeck.mainWindow()->installEventFilter(&probe);
    flowdeck.show();
    if (!commandLine.screenshot.isEmpty())
        flowdeck.saveScreenshotAndQuit(commandLine.screenshot, commandLine.screenshotView);
    return QApplication::exec();
}
