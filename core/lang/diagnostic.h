// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/lang/jsontext.h"

#include <QJsonArray>
#include <QString>

namespace Flowdeck::Core::Lang {

// One finding of the flow-language toolkit: a stable code (for filters and quick fixes), how bad,
// what to do about it, and where (the "loc" path and its text range).
struct Diagnostic
{
    enum class Severity { Error, Warning, Info };
    Severity severity = Severity::Error;
    QString code;    // "FD101", ...; never reused for another meaning
    QString message; // says what is wrong and how to fix it
    QJsonArray path; // in the checked document ("definition" first for a flow document)
    TextRange range;

    static QString severityName(Severity severity);
};

} // namespace Flowdeck::Core::Lang
