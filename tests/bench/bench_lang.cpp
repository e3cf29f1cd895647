// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test) of the flow-language toolkit: parse + validate a 1,000-state definition and a
// 5 MB one, and 10,000 input validations against a typical input schema. Prints median times.
//   bench_lang [--repeat 9]
#include "core/lang/definitionvalidator.h"
#include "core/lang/jsonschema.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core::Lang;

namespace {

// A realistic mix: Actions with parameters and catchers, Choices, Waits and Passes, chained.
QByteArray definition(int states, int commentBytes)
{
    QByteArray text = "{\"StartAt\": \"S0\", \"States\": {\n";
    const QByteArray comment(commentBytes, 'c');
    for (int i = 0; i < states; ++i) {
        const QByteArray name = "S" + QByteArray::number(i);
        const QByteArray next = i + 1 < states ? QByteArray("\"Next\": \"S" + QByteArray::number(i + 1) + "\"")
                                               : QByteArray("\"End\": true");
        switch (i % 4) {
        case 0:
            text += "\"" + name + "\": {\"Type\": \"Action\", \"Comment\": \"" + comment +
                    "\", \"ActionUrl\": \"https://transfer.actions.globus.org/transfer\", \"Parameters\": "
                    "{\"source_endpoint.$\": \"$.src.id\", \"destination_endpoint.$\": \"$.dst.id\", \"DATA\": "
                    "[{\"source_path.$\": \"$.src.path\", \"destination_path.$\": \"$.dst.path\", \"recursive\": "
                    "true}], \"label.=\": \"'step ' + _context.run_id\"}, \"ResultPath\": \"$.r" +
                    QByteArray::number(i) + "\", \"WaitTime\": 600, " + next + "}";
            break;
        case 1:
            text += "\"" + name + "\": {\"Type\": \"Choice\", \"Comment\": \"" + comment +
                    "\", \"Choices\": [{\"And\": [{\"Variable\": \"$.size\", \"NumericGreaterThan\": 10}, "
                    "{\"Variable\": \"$.kind\", \"StringMatches\": \"*.csv\"}], " +
                    next + "}], \"Default\": \"" +
                    (i + 1 < states ? QByteArray("S" + QByteArray::number(i + 1)) : QByteArray("S0")) + "\"}";
            break;
        case 2:
            text += "\"" + name + "\": {\"Type\": \"Wait\", \"Comment\": \"" + comment +
                    "\", \"SecondsPath\": \"$.delay\", " + next + "}";
            break;
        default:
            text += "\"" + name + "\": {\"Type\": \"Pass\", \"Comment\": \"" + comment +
                    "\", \"Parameters\": {\"x.$\": \"$.a.b[0]\"}, \"ResultPath\": \"$.p\", " + next + "}";
        }
        text += i + 1 < states ? ",\n" : "\n";
    }
    return text + "}}";
}

double median(const std::function<void()> &work, int repeat)
{
    QList<double> times;
    for (int r = 0; r < repeat; ++r) {
        QElapsedTimer clock;
        clock.start();
        work();
        times.append(clock.nsecsElapsed() / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"repeat"_s, u"Repetitions."_s, u"n"_s, u"9"_s});
    parser.process(app);
    const int repeat = std::max(1, parser.value(u"repeat"_s).toInt());

    const QByteArray thousand = definition(1000, 20);
    const QByteArray fiveMb = definition(12'000, 240);
    qsizetype diagnostics = 0;
    const double t1 = median([&] { diagnostics = DefinitionValidator::validate(thousand).size(); }, repeat);
    std::printf("1,000-state definition (%.0f KB): parse + validate, median %.2f ms (%lld diagnostics)\n",
                thousand.size() / 1024.0, t1, qint64(diagnostics));
    const double t5 = median([&] { diagnostics = DefinitionValidator::validate(fiveMb).size(); }, repeat);
    std::printf("%d-state definition (%.1f MB): parse + validate, median %.1f ms (%lld diagnostics)\n", 12'000,
                fiveMb.size() / 1e6, t5, qint64(diagnostics));

    const QJsonObject schema = QJsonDocument::fromJson(R"j({"type": "object", "required": ["source", "destination"],
      "additionalProperties": false, "properties": {
        "source": {"type": "object", "required": ["id", "path"], "properties": {
            "id": {"type": "string", "format": "uuid"}, "path": {"type": "string", "minLength": 1}}},
        "destination": {"type": "object", "required": ["id", "path"], "properties": {
            "id": {"type": "string"}, "path": {"type": "string", "pattern": "^/"}}},
        "recursive": {"type": "boolean", "default": true},
        "label": {"type": "string", "maxLength": 128},
        "notify": {"type": "array", "items": {"type": "string"}, "maxItems": 16},
        "mode": {"enum": ["copy", "sync", "move"]}}})j")
                                   .object();
    const QJsonObject input = QJsonDocument::fromJson(R"j({"source": {"id": "ab12", "path": "/data/in"},
      "destination": {"id": "cd34", "path": "/data/out"}, "recursive": false, "label": "nightly",
      "notify": ["a@b.org"], "mode": "sync"})j")
                                  .object();
    const auto compiled = JsonSchema::compile(schema);
    qsizetype problems = 0;
    const double tv = median(
        [&] {
            for (int i = 0; i < 10'000; ++i)
                problems += compiled->validate(input).size();
        },
        repeat);
    std::printf("10,000 input validations against a typical schema: median %.1f ms (%lld problems)\n", tv,
                qint64(problems));
    return 0;
}
