// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <cstdio>

namespace Flowdeck::App {

// `flowdeck --check FILE...`: validates flow definitions (or flow documents) without a GUI, for CI
// pipelines and pre-commit hooks. One line per diagnostic, "file:line:column: severity code: message",
// or a JSON array with --format json. Returns the exit code: 1 if any error, 2 if a file could not
// be read, else 0 (warnings alone do not fail).
int runCheck(const QStringList &files, bool json, std::FILE *out, std::FILE *err);

} // namespace Flowdeck::App
