// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace Flowdeck::App {

// What the command line asked for. Parsed before any window exists.
struct CommandLine
{
    enum class Action { RunGui, Check, Exit };
    Action action = Action::RunGui;
    int exitCode = 0;
    QString output;          // text to print for --help / --version / errors
    QString serviceUrl;      // --service-url: an explicit Flows base URL
    QString environment;     // --environment: a Globus environment name
    QString screenshot;      // --screenshot: save the main window as PNG once shown, then quit
    QStringList checkFiles;  // --check FILE...: validate without a GUI
    bool jsonOutput = false; // --format json

    static CommandLine parse(const QStringList &arguments);
};

} // namespace Flowdeck::App
