// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Flowdeck::Core::Lang {

// Re-lays out JSON text token by token: only the whitespace between tokens changes. Key order,
// duplicate keys, number spellings (1.0, 1e3) and string escapes stay exactly as typed. Invalid
// JSON is refused (nullopt) with "line L, column C: message" in *error. Pure and thread-safe.

// One member or element per line, indent spaces per level, "key": value, {} and [] when empty,
// and a final newline.
std::optional<QByteArray> formatJson(const QByteArray &text, int indent = 2, QString *error = nullptr);
// No whitespace between tokens at all, and no final newline.
std::optional<QByteArray> minifyJson(const QByteArray &text, QString *error = nullptr);

} // namespace Flowdeck::Core::Lang
