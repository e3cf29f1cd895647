// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lang/textedit.h"

#include <algorithm>

namespace Flowdeck::Core::Lang {

QByteArray applyEdits(const QByteArray &text, QList<TextEdit> edits)
{
    // Back to front, so that each edit's offset still means what it meant in the original text.
    std::stable_sort(edits.begin(), edits.end(),
                     [](const TextEdit &a, const TextEdit &b) { return a.offset > b.offset; });
    QByteArray out = text;
    for (const TextEdit &edit : std::as_const(edits))
        out.replace(edit.offset, edit.length, edit.replacement);
    return out;
}

} // namespace Flowdeck::Core::Lang
