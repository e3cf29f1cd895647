// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/commandline.h"

#include <cstdio>

namespace Flowdeck::App {

// The local service's data directory: --data, else the XDG data directory.
QString localDataDirectory(const CommandLine &commandLine);

// flowdeck --serve: runs the local Flows service headless until the process is stopped. Prints
// its URL and token on out (one "key: value" per line) once it listens. Needs a QCoreApplication.
int runServe(const CommandLine &commandLine, FILE *out, FILE *err);

} // namespace Flowdeck::App
