// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace Flowdeck::App {

// What the command line asked for. Parsed before any window exists.
struct CommandLine
{
    enum class Action { RunGui, Check, Serve, Exit };
    Action action = Action::RunGui;
    int exitCode = 0;
    QString output;                // text to print for --help / --version / errors
    QString serviceUrl;            // --service-url: an explicit Flows base URL
    QString environment;           // --environment: a Globus environment name
    QString screenshot;            // --screenshot: save the main window as PNG once shown, then quit
    QString screenshotView;        // --screenshot-view: flows (default), definition, runs, edit or signin
    bool reportFirstPaint = false; // --report-first-paint: print the time to the first paint, then quit
    QStringList checkFiles;        // --check FILE...: validate without a GUI
    bool jsonOutput = false;       // --format json
    QString dataDirectory;         // --data: the local service's data directory
    quint16 port = 0;              // --port: the local service's port (--serve)
    QString token;                 // --token: the local service's bearer token (--serve)
    double timeScale = 1.0;        // --time-scale: Wait states take this fraction of real time (tests, demos)

    // Whether the GUI talks to the embedded local service (no service URL or environment chosen).
    bool usesLocalService() const;

    static CommandLine parse(const QStringList &arguments);
};

} // namespace Flowdeck::App
