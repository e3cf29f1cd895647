// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/models/draftstore.h"

#include "core/models/atomicfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Flowdeck::Core {

namespace {

constexpr auto Format = "flowdeck-draft"_L1;
constexpr int Version = 1;
constexpr auto SessionPrefix = "session-"_L1;
constexpr auto LockName = "lock"_L1;
constexpr QFile::Permissions OwnerOnly = QFile::ReadOwner | QFile::WriteOwner;

QString tr(const char *text)
{
    return QCoreApplication::translate("Flowdeck::Core::DraftStore", text);
}

// Ids become file names: nothing that could leave the directory or hide a file.
bool isSafeId(const QString &id)
{
    static const QRegularExpression safe(u"^[A-Za-z0-9][A-Za-z0-9_.{}-]{0,99}$"_s);
    return safe.match(id).hasMatch() && !id.contains(".."_L1);
}

// Text documents travel as strings, so the draft file stays readable; anything that is not UTF-8
// (it should not happen, but a draft must never lose bytes) as base64.
void putBytes(QJsonObject &object, const QString &key, const QByteArray &bytes)
{
    if (QByteArrayView(bytes).isValidUtf8())
        object.insert(key, QString::fromUtf8(bytes));
    else
        object.insert(key + u"Base64"_s, QString::fromLatin1(bytes.toBase64()));
}

QByteArray getBytes(const QJsonObject &object, const QString &key)
{
    const QJsonValue base64 = object.value(key + u"Base64"_s);
    return base64.isString() ? QByteArray::fromBase64(base64.toString().toLatin1())
                             : object.value(key).toString().toUtf8();
}

// "" or what went wrong. The content is never readable by others, not even briefly.
QString write(const QString &path, const QByteArray &bytes)
{
    const QString why = writeFileAtomically(path, bytes, OwnerOnly);
    return why.isEmpty() ? why : tr("Cannot save the draft: %1").arg(why);
}

std::unique_ptr<QLockFile> lockFor(const QString &directory)
{
    auto lock = std::make_unique<QLockFile>(directory + u'/' + LockName);
    lock->setStaleLockTime(0); // a session lasts for hours: only a dead owner makes its lock stale
    return lock;
}

// Appends the drafts of one session directory; unreadable files go to problems.
void readDrafts(const QString &directory, QList<Draft> &drafts, QStringList *problems)
{
    const QDir dir(directory);
    for (const QString &name : dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        Draft draft;
        QString why;
        if (!file.open(QIODevice::ReadOnly))
            why = file.errorString();
        else
            DraftStore::fromJson(file.readAll(), &draft, &why);
        if (why.isEmpty())
            drafts.append(draft);
        else if (problems)
            problems->append(QDir::toNativeSeparators(file.fileName()) + u": "_s + why);
    }
}

} // namespace

DraftStore::DraftStore(const QString &directory)
    : m_directory(QDir::cleanPath(directory))
{
    m_session = m_directory + u'/' + SessionPrefix + QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!QDir().mkpath(m_session)) {
        m_error = tr("Cannot create the drafts folder %1").arg(QDir::toNativeSeparators(m_session));
        return;
    }
    QFile::setPermissions(m_session, OwnerOnly | QFile::ExeOwner);
    m_lock = lockFor(m_session);
    if (!m_lock->tryLock(0))
        m_error = tr("Cannot lock the drafts folder %1").arg(QDir::toNativeSeparators(m_session));
}

DraftStore::~DraftStore()
{
    if (m_lock)
        m_lock->unlock();
    removeIfEmpty(m_session);
    for (Recovered &recovered : m_recovered) {
        recovered.lock->unlock();
        removeIfEmpty(recovered.directory);
    }
}

QString DraftStore::fileOf(const QString &directory, const QString &id) const
{
    return directory + u'/' + id + u".json"_s;
}

bool DraftStore::save(const Draft &draft, QString *error)
{
    QString why;
    if (!isValid())
        why = m_error;
    else if (!isSafeId(draft.id))
        why = tr("The draft id \"%1\" cannot be used as a file name").arg(draft.id);
    if (why.isEmpty())
        why = write(fileOf(m_session, draft.id), toJson(draft));
    if (!why.isEmpty()) {
        if (error)
            *error = why;
        return false;
    }
    for (const Recovered &recovered : m_recovered) // a recovered draft now lives in this session
        if (QFile::exists(fileOf(recovered.directory, draft.id)))
            QFile::remove(fileOf(recovered.directory, draft.id));
    dropEmptyRecovered();
    return true;
}

bool DraftStore::remove(const QString &id, QString *error)
{
    if (!isSafeId(id)) {
        if (error)
            *error = tr("The draft id \"%1\" cannot be used as a file name").arg(id);
        return false;
    }
    QStringList directories{m_session};
    for (const Recovered &recovered : m_recovered)
        directories << recovered.directory;
    for (const QString &directory : std::as_const(directories)) {
        QFile file(fileOf(directory, id));
        if (file.exists() && !file.remove()) {
            if (error)
                *error = tr("Cannot delete the draft: %1").arg(file.errorString());
            return false;
        }
    }
    dropEmptyRecovered();
    return true;
}

QStringList DraftStore::sessions() const
{
    QStringList found;
    const QDir dir(m_directory);
    for (const QString &name : dir.entryList({SessionPrefix + u'*'}, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        if (dir.filePath(name) != m_session)
            found << dir.filePath(name);
    return found;
}

QList<Draft> DraftStore::load(QStringList *problems) const
{
    QList<Draft> drafts;
    QStringList directories = sessions();
    directories.append(m_session);
    for (const QString &directory : std::as_const(directories))
        readDrafts(directory, drafts, problems);
    return drafts;
}

QList<Draft> DraftStore::recover(QStringList *problems)
{
    QList<Draft> drafts;
    for (const QString &directory : sessions()) {
        const bool held = std::any_of(m_recovered.begin(), m_recovered.end(),
                                      [&](const Recovered &r) { return r.directory == directory; });
        if (!held) {
            std::unique_ptr<QLockFile> lock = lockFor(directory);
            if (!lock->tryLock(0))
                continue; // its instance is running (or another instance is recovering it)
            m_recovered.push_back({directory, std::move(lock)});
        }
        readDrafts(directory, drafts, problems);
    }
    dropEmptyRecovered();
    return drafts;
}

// Recovered sessions whose drafts were all adopted or discarded are deleted.
void DraftStore::dropEmptyRecovered()
{
    for (auto it = m_recovered.begin(); it != m_recovered.end();) {
        if (!QDir(it->directory).entryList({u"*.json"_s}, QDir::Files).isEmpty()) {
            ++it;
            continue;
        }
        it->lock->unlock();
        removeIfEmpty(it->directory);
        it = m_recovered.erase(it);
    }
}

// A session directory goes once it holds no draft (only its lock, or nothing).
void DraftStore::removeIfEmpty(const QString &directory) const
{
    QDir dir(directory);
    if (directory.isEmpty() || !dir.exists() || !dir.entryList({u"*.json"_s}, QDir::Files).isEmpty())
        return;
    dir.removeRecursively();
}

QByteArray DraftStore::toJson(const Draft &draft)
{
    QJsonObject object{{u"format"_s, Format},
                       {u"version"_s, Version},
                       {u"id"_s, draft.id},
                       {u"title"_s, draft.title},
                       {u"filePath"_s, draft.filePath},
                       {u"flowId"_s, draft.flowId},
                       {u"metadata"_s, draft.metadata},
                       {u"definitionFormat"_s, draft.definitionFormat},
                       {u"savedAt"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}};
    putBytes(object, u"definition"_s, draft.definition);
    putBytes(object, u"inputSchema"_s, draft.inputSchema);
    return QJsonDocument(object).toJson();
}

bool DraftStore::fromJson(const QByteArray &json, Draft *draft, QString *errorString)
{
    QString ignored;
    QString *error = errorString ? errorString : &ignored;
    error->clear();
    QJsonParseError parseError;
    const QJsonObject object = QJsonDocument::fromJson(json, &parseError).object();
    if (parseError.error != QJsonParseError::NoError)
        *error = tr("not JSON (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset);
    else if (object.value("format"_L1).toString() != Format)
        *error = tr("not a Flowdeck draft");
    else if (object.value("version"_L1).toInt() > Version)
        *error = tr("written by a newer Flowdeck (version %1)").arg(object.value("version"_L1).toInt());
    else if (!isSafeId(object.value("id"_L1).toString()))
        *error = tr("the draft has no valid id");
    if (!error->isEmpty())
        return false;
    draft->id = object.value("id"_L1).toString();
    draft->title = object.value("title"_L1).toString();
    draft->filePath = object.value("filePath"_L1).toString();
    draft->flowId = object.value("flowId"_L1).toString();
    draft->metadata = object.value("metadata"_L1).toObject();
    draft->definitionFormat = object.value("definitionFormat"_L1).toString(u"json"_s);
    draft->savedAt = QDateTime::fromString(object.value("savedAt"_L1).toString(), Qt::ISODateWithMs);
    draft->definition = getBytes(object, u"definition"_s);
    draft->inputSchema = getBytes(object, u"inputSchema"_s);
    return true;
}

} // namespace Flowdeck::Core
