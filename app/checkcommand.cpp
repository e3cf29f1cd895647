// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/checkcommand.h"

#include "core/lang/definitionvalidator.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using Flowdeck::Core::Lang::Diagnostic;

namespace Flowdeck::App {

namespace {

void print(std::FILE *stream, const QString &text)
{
    std::fputs(text.toUtf8().constData(), stream);
}

QJsonObject toJson(const QString &file, const Diagnostic &d)
{
    return {{u"file"_s, file},
            {u"line"_s, d.range.start.line},
            {u"column"_s, d.range.start.column},
            {u"endLine"_s, d.range.end.line},
            {u"endColumn"_s, d.range.end.column},
            {u"severity"_s, Diagnostic::severityName(d.severity)},
            {u"code"_s, d.code},
            {u"message"_s, d.message},
            {u"path"_s, d.path}};
}

} // namespace

int runCheck(const QStringList &files, bool json, std::FILE *out, std::FILE *err)
{
    int exitCode = 0;
    QJsonArray all;
    for (const QString &file : files) {
        QFile input(file);
        if (!input.open(QIODevice::ReadOnly)) {
            print(err, QCoreApplication::translate("check", "%1: cannot read: %2\n").arg(file, input.errorString()));
            exitCode = 2;
            continue;
        }
        for (const Diagnostic &d : Core::Lang::DefinitionValidator::validate(input.readAll())) {
            if (d.severity == Diagnostic::Severity::Error && exitCode == 0)
                exitCode = 1;
            if (json)
                all.append(toJson(file, d));
            else
                print(out, u"%1:%2:%3: %4 %5: %6\n"_s.arg(file)
                               .arg(d.range.start.line)
                               .arg(d.range.start.column)
                               .arg(Diagnostic::severityName(d.severity), d.code, d.message));
        }
    }
    if (json)
        print(out, QString::fromUtf8(QJsonDocument(all).toJson(QJsonDocument::Indented)));
    return exitCode;
}

} // namespace Flowdeck::App
