// SPDX-License-Identifier: GPL-3.0-or-later
// Runs straight from response bytes with simdjson. Qt's JSON parser needs ~50 instructions per byte
// and a QString per field; listing 10,000 runs that way costs ~250 ms of GUI-thread time, this ~30 ms.
// The only file that includes simdjson.h (a very large header), to keep builds fast.
#include "core/api/jsonfields.h"
#include "core/api/run.h"

#include <QCoreApplication>

#include <cstring>
#include <simdjson.h>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

namespace {

namespace od = simdjson::ondemand;

QString text(std::string_view view)
{
    return QString::fromUtf8(view.data(), qsizetype(view.size()));
}

QString jsonError(simdjson::error_code error)
{
    return QCoreApplication::translate("FastJson", "The response is not valid JSON (%1)")
        .arg(QString::fromLatin1(simdjson::error_message(error)));
}

// A string value, or empty when null or of another type (as JsonFields::string).
QString optionalString(od::value value)
{
    std::string_view s;
    return value.get_string().get(s) == simdjson::SUCCESS ? text(s) : QString();
}

QStringList stringList(od::value value)
{
    QStringList out;
    od::array array;
    if (value.get_array().get(array) != simdjson::SUCCESS)
        return out;
    for (auto item : array) {
        std::string_view s;
        out.append(item.get_string().get(s) == simdjson::SUCCESS ? text(s) : QString());
    }
    return out;
}

QDateTime time(od::value value)
{
    std::string_view s;
    return value.get_string().get(s) == simdjson::SUCCESS ? JsonFields::parseTime(QByteArrayView(s)) : QDateTime();
}

// Reads the fields a Run types, in one pass over the object, whatever their order.
bool readFields(od::object object, Run &run, QString *why)
{
    for (auto field : object) {
        std::string_view key;
        if (const auto error = field.unescaped_key().get(key)) {
            *why = jsonError(error);
            return false;
        }
        od::value value; // the error-code API: exceptions must never cross a thread-pool thread
        if (const auto error = field.value().get(value)) {
            *why = jsonError(error);
            return false;
        }
        if (key == "run_id")
            run.runId = optionalString(value);
        else if (key == "status")
            run.statusText = optionalString(value);
        else if (key == "flow_id")
            run.flowId = optionalString(value);
        else if (key == "flow_title")
            run.flowTitle = optionalString(value);
        else if (key == "start_time")
            run.startTime = time(value);
        else if (key == "completion_time")
            run.completionTime = time(value);
        else if (key == "display_status")
            run.displayStatus = optionalString(value);
        else if (key == "label")
            run.label = optionalString(value);
        else if (key == "tags")
            run.tags = stringList(value);
        else if (key == "run_owner")
            run.runOwner = optionalString(value);
    }
    for (const auto &[name, field] : {std::pair{"run_id", &run.runId}, std::pair{"status", &run.statusText}}) {
        if (field->isEmpty()) {
            *why = JsonFields::missingStringMessage(QLatin1StringView(name));
            return false;
        }
    }
    run.status = runStatusFromString(run.statusText);
    return true;
}

// Reads one run and keeps its exact source text: the document's position before and after it.
bool readRun(od::document &document, od::value value, Run &run, QString *why)
{
    const char *start = nullptr;
    od::object object;
    if (document.current_location().get(start) != simdjson::SUCCESS ||
        value.get_object().get(object) != simdjson::SUCCESS) {
        *why = QCoreApplication::translate("FastJson", "A run is not a JSON object");
        return false;
    }
    if (!readFields(object, run, why))
        return false;
    const char *end = nullptr;
    if (document.current_location().get(end) != simdjson::SUCCESS)
        end = start; // at the very end of the document: find the closing brace below
    if (end <= start)
        end = start + std::strlen(start);
    while (end > start && end[-1] != '}')
        --end;
    run.json = QByteArray(start, end - start);
    return true;
}

// One parser per thread, reused: its buffers grow to the largest page once.
od::parser &parser()
{
    thread_local od::parser instance;
    return instance;
}

} // namespace

bool fromBytes(const QByteArray &body, Run &run, QString *why)
{
    const simdjson::padded_string padded(body.constData(), size_t(body.size()));
    od::document document;
    if (const auto error = parser().iterate(padded).get(document)) {
        *why = jsonError(error);
        return false;
    }
    od::value root;
    if (const auto error = document.get_value().get(root)) {
        *why = jsonError(error);
        return false;
    }
    if (!readRun(document, root, run, why))
        return false;
    const char *after = nullptr;
    if (document.current_location().get(after) == simdjson::SUCCESS) {
        *why = jsonError(simdjson::TRAILING_CONTENT);
        return false;
    }
    run.json = body.trimmed(); // the document is the run: keep it as sent
    return true;
}

bool fromBytes(const QByteArray &body, Page<Run> &page, QString *why)
{
    const simdjson::padded_string padded(body.constData(), size_t(body.size()));
    od::document document;
    od::object top;
    if (const auto error = parser().iterate(padded).get(document)) {
        *why = jsonError(error);
        return false;
    }
    if (const auto error = document.get_object().get(top)) {
        *why = error == simdjson::INCORRECT_TYPE
                   ? QCoreApplication::translate("FastJson", "The response is not a JSON object")
                   : jsonError(error);
        return false;
    }
    bool sawRuns = false;
    page = {};
    for (auto field : top) {
        std::string_view key;
        if (const auto error = field.unescaped_key().get(key)) {
            *why = jsonError(error);
            return false;
        }
        od::value value;
        if (const auto error = field.value().get(value)) {
            *why = jsonError(error);
            return false;
        }
        if (key == "runs") {
            od::array runs;
            if (value.get_array().get(runs) != simdjson::SUCCESS)
                break;
            sawRuns = true;
            qsizetype index = 0;
            for (auto item : runs) {
                Run run;
                QString itemWhy;
                od::value itemValue;
                if (item.get(itemValue) != simdjson::SUCCESS || !readRun(document, itemValue, run, &itemWhy)) {
                    *why = u"runs[%1]: %2"_s.arg(index).arg(
                        itemWhy.isEmpty() ? QCoreApplication::translate("FastJson", "A run is not a JSON object")
                                          : itemWhy);
                    return false;
                }
                page.items.append(std::move(run));
                ++index;
            }
        } else if (key == "has_next_page") {
            bool more = false;
            page.hasNextPage = value.get_bool().get(more) == simdjson::SUCCESS && more;
        } else if (key == "marker") {
            page.marker = optionalString(value);
        } else if (key == "limit") {
            int64_t limit = 0;
            page.limit = value.get_int64().get(limit) == simdjson::SUCCESS ? int(limit) : 0;
        }
    }
    if (!sawRuns) {
        *why = QCoreApplication::translate("FastJson", "The response has no \"runs\" list");
        return false;
    }
    // On-demand parsing validates as it goes; make sure nothing followed the object.
    const char *after = nullptr;
    if (document.current_location().get(after) == simdjson::SUCCESS) {
        *why = jsonError(simdjson::TRAILING_CONTENT);
        return false;
    }
    return true;
}

} // namespace Flowdeck::Core
