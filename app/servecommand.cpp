// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/servecommand.h"

#include "core/engine/localservice.h"

#include <QCoreApplication>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Flowdeck::App {

QString localDataDirectory(const CommandLine &commandLine)
{
    if (!commandLine.dataDirectory.isEmpty())
        return commandLine.dataDirectory;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/local-service"_s;
}

int runServe(const CommandLine &commandLine, FILE *out, FILE *err)
{
    Core::Engine::LocalServiceOptions options;
    options.dataDirectory = localDataDirectory(commandLine);
    options.port = commandLine.port;
    options.token = commandLine.token;
    options.timeScale = commandLine.timeScale;
    Core::Engine::LocalService service(options);
    QString error;
    if (!service.start(&error)) {
        std::fprintf(err, "flowdeck: %s\n", qPrintable(error));
        return 1;
    }
    std::fprintf(out, "url: %s\ntoken: %s\ndata: %s\nuser: %s\n", qPrintable(service.url().toString()),
                 qPrintable(service.token()), qPrintable(options.dataDirectory), qPrintable(service.userUrn()));
    std::fflush(out);
    return QCoreApplication::exec();
}

} // namespace Flowdeck::App
