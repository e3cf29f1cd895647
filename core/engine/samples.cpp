// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/samples.h"

#include "core/engine/servicecore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core::Engine {

void loadCollections(ServiceCore &core)
{
    const QJsonObject stored = QJsonDocument::fromJson(core.store.meta(u"collections"_s).toUtf8()).object();
    for (auto it = stored.begin(); it != stored.end(); ++it)
        core.collections.insert(it.key(), it.value()[u"path"_s].toString());
    for (auto it = core.options.collections.cbegin(); it != core.options.collections.cend(); ++it)
        core.collections.insert(it.key(), it.value());
}

namespace {

bool writeFile(const QString &path, const QByteArray &contents)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

} // namespace

bool createSampleLibrary(ServiceCore &core)
{
    if (!core.store.meta(u"samples_created"_s).isEmpty())
        return true;
    QJsonObject collections = QJsonDocument::fromJson(core.store.meta(u"collections"_s).toUtf8()).object();
    QHash<QString, QString> ids;
    if (!core.options.dataDirectory.isEmpty()) {
        const QDir data(core.options.dataDirectory);
        for (const QString &name : {u"A"_s, u"B"_s}) {
            const QString id = newId();
            const QString path = data.filePath(u"collections/sample-"_s + name.toLower());
            QDir().mkpath(path);
            collections.insert(id,
                               QJsonObject{{u"name"_s, QString(u"Sample collection "_s + name)}, {u"path"_s, path}});
            core.collections.insert(id, path);
            ids.insert(name, id);
        }
        const QString a = data.filePath(u"collections/sample-a"_s);
        writeFile(a + u"/experiment/readings.csv"_s, "time,temperature\n0,21.5\n1,21.7\n2,22.1\n");
        writeFile(a + u"/experiment/notes.txt"_s, "Sample data for Flowdeck's two-hop transfer flow.\n");
        writeFile(a + u"/README.txt"_s, "This directory is a local collection of Flowdeck's embedded service.\n");
        core.store.setMeta(u"collections"_s,
                           QString::fromUtf8(QJsonDocument(collections).toJson(QJsonDocument::Compact)));
    }
    QDir samples(u":/samples"_s);
    const QStringList files = samples.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    const QString now = isoNow();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    int position = 0;
    for (const QString &name : files) {
        // The library's order (hello world first) shows in lists sorted by "updated_at DESC".
        const QString stamp = isoTime(nowMs - position++);
        QFile file(samples.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        QByteArray text = file.readAll();
        text.replace("${COLLECTION_A}", ids.value(u"A"_s).toUtf8());
        text.replace("${COLLECTION_B}", ids.value(u"B"_s).toUtf8());
        QJsonObject sample = QJsonDocument::fromJson(text).object();
        const QJsonValue mock = sample.take(u"mock"_s);
        const QString id = newId();
        QString underscored = id;
        underscored.replace(u'-', u'_');
        QJsonObject flow = sample;
        flow.insert(u"id"_s, id);
        flow.insert(u"globus_auth_scope"_s, u"https://auth.globus.org/scopes/%1/flow_%2_user"_s.arg(id, underscored));
        flow.insert(u"synchronous"_s, false);
        flow.insert(u"log_supported"_s, true);
        flow.insert(u"types"_s, QJsonArray{u"Action"_s});
        flow.insert(u"api_version"_s, u"1.0"_s);
        flow.insert(u"created_at"_s, stamp);
        flow.insert(u"updated_at"_s, stamp);
        flow.insert(u"created_by"_s, core.userUrn);
        flow.insert(u"flow_owner"_s, core.userUrn);
        flow.insert(u"flow_url"_s, QString(core.baseUrl + u"flows/"_s + id));
        flow.insert(u"action_url"_s, QString(core.baseUrl + u"flows/"_s + id));
        for (const char *key : {"flow_viewers", "flow_starters", "flow_administrators", "run_managers", "run_monitors",
                                "visible_to", "runnable_by", "administered_by"})
            flow.insert(QLatin1StringView(key), QJsonArray());
        flow.insert(u"subscription_id"_s, QJsonValue());
        flow.insert(u"is_high_assurance"_s, false);
        if (!core.store.putFlow(flow))
            return false;
        core.flows.insert(id, flow);
        if (mock.isObject() && !core.options.dataDirectory.isEmpty())
            writeFile(QDir(core.options.dataDirectory).filePath(u"mocks/%1.json"_s.arg(id)),
                      QJsonDocument(mock.toObject()).toJson());
    }
    return core.store.setMeta(u"samples_created"_s, now);
}

} // namespace Flowdeck::Core::Engine
