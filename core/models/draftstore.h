// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QLockFile>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace Flowdeck::Core {

// An autosaved studio document.
struct Draft
{
    QString id;       // a UUID, unique per document
    QString title;    // shown in the recovery list
    QString filePath; // the file it was opened from or saved to; empty if never saved
    QString flowId;   // the deployed flow it edits; empty if not deployed
    QByteArray definition;
    QByteArray inputSchema;
    QJsonObject metadata;                              // title, subtitle, description, keywords...
    QString definitionFormat = QStringLiteral("json"); // "json" or "yaml"
    QDateTime savedAt;                                 // set by save() (UTC), read back by load()
};

// Autosaved drafts, so that a crash loses nothing. One JSON file per draft (mode 0600), written
// atomically (QSaveFile). Design: every running instance owns a session directory
// <directory>/session-<uuid>/ with a lock file held for the instance's lifetime (QLockFile, PID
// based, never stale by age), and writes drafts only there. recover() offers the drafts of session
// directories whose lock it can take, i.e. whose owner is gone (crashed, killed, or quit leaving
// drafts); it keeps those locks, so two instances never recover the same drafts, and it is never
// offered the drafts of an instance that is still running. Saving a recovered draft (same id) moves
// it into this session; removing it deletes it. Emptied session directories are deleted. Not
// thread-safe; used from the GUI thread.
class DraftStore final
{
    Q_DISABLE_COPY_MOVE(DraftStore)

public:
    explicit DraftStore(const QString &directory);
    ~DraftStore(); // releases the locks; deletes this session's directory if no draft is left

    bool isValid() const { return m_error.isEmpty(); } // the session directory exists and is locked
    QString errorString() const { return m_error; }
    QString sessionDirectory() const { return m_session; }

    bool save(const Draft &draft, QString *error = nullptr);
    // Deletes the draft from this session and from recovered sessions; true if none is left.
    bool remove(const QString &id, QString *error = nullptr);
    // Every draft in the store, whichever session wrote it. Unreadable files are skipped and
    // described in problems ("<file>: <reason>").
    QList<Draft> load(QStringList *problems = nullptr) const;
    // The drafts of sessions that are no longer running (not this one).
    QList<Draft> recover(QStringList *problems = nullptr);

    static QByteArray toJson(const Draft &draft);
    static bool fromJson(const QByteArray &json, Draft *draft, QString *error); // error may be null

private:
    struct Recovered
    {
        QString directory;
        std::unique_ptr<QLockFile> lock;
    };

    QString fileOf(const QString &directory, const QString &id) const;
    QStringList sessions() const; // every session directory but this one
    void removeIfEmpty(const QString &directory) const;
    void dropEmptyRecovered();

    QString m_directory;
    QString m_session;
    QString m_error;
    std::unique_ptr<QLockFile> m_lock;
    std::vector<Recovered> m_recovered;
};

} // namespace Flowdeck::Core
