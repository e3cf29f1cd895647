// SPDX-License-Identifier: GPL-3.0-or-later
// Autosaved drafts: exact round trips, atomic replacement, corrupt files reported, and recovery
// only of drafts whose instance is gone. Other instances are this test binary run as a child
// ("--child crash|hold <dir>"), which saves a draft and then dies without unlocking, or waits.
#include "core/models/draftstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <sys/resource.h>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core;

namespace {

Draft sample(const QString &id)
{
    Draft draft;
    draft.id = id;
    draft.title = u"Überweisung – 転送"_s;
    draft.filePath = u"/home/me/flows/transfer.json"_s;
    draft.flowId = u"0f1a2b3c-0000-4000-8000-000000000001"_s;
    // Not what a JSON writer would produce: odd spacing, escapes, unicode and a trailing newline.
    draft.definition = "{ \"StartAt\":\"Ä\",\n\t\"States\" : {\"\xc3\x84\": {\"Type\": \"Pass\", \"Comment\": "
                       "\"say \\\"hi\\\" \xf0\x9f\x98\x80\", \"End\": true}}}\r\n";
    draft.inputSchema = "{\"type\": \"object\"}";
    draft.metadata = {{u"title"_s, u"Überweisung"_s}, {u"keywords"_s, QJsonArray{u"a"_s, u"b"_s}}};
    draft.definitionFormat = u"yaml"_s;
    return draft;
}

QStringList ids(const QList<Draft> &drafts)
{
    QStringList list;
    for (const Draft &d : drafts)
        list << d.id;
    list.sort();
    return list;
}

// Starts this binary as another instance that saves the draft "<mode>-draft" into directory.
std::unique_ptr<QProcess> startInstance(const QString &mode, const QString &directory)
{
    auto process = std::make_unique<QProcess>();
    process->start(QCoreApplication::applicationFilePath(), {u"--child"_s, mode, directory});
    if (!process->waitForReadyRead(10000) || !process->readAll().startsWith("ready"))
        return nullptr;
    return process;
}

int runChild(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QString mode = QString::fromLocal8Bit(argv[2]);
    auto *store = new DraftStore(QString::fromLocal8Bit(argv[3])); // never deleted: a crash cleans nothing up
    if (!store->save(sample(mode + u"-draft"_s)))
        return 2;
    std::fputs("ready\n", stdout);
    std::fflush(stdout);
    if (mode == "crash"_L1)
        std::_Exit(0);            // no destructors: the lock stays behind, as after a crash
    while (std::getchar() != EOF) // hold the session until killed
        ;
    return 0;
}

} // namespace

class TestDraftStore : public QObject
{
    Q_OBJECT

private slots:
    void saveLoad_roundTripsExactly();
    void save_replacesAtomically();
    void save_rejectsUnsafeIds();
    void load_reportsCorruptFiles();
    void remove_deletesTheDraft();
    void recover_skipsLiveSessions();
    void recover_offersDraftsOfACrashedInstance();
    void recover_waitsUntilAnInstanceDies();
    void destructor_removesOnlyEmptySessions();
};

void TestDraftStore::saveLoad_roundTripsExactly()
{
    QTemporaryDir dir;
    DraftStore store(dir.path());
    QVERIFY2(store.isValid(), qPrintable(store.errorString()));
    const Draft draft = sample(u"2d7e3a1c-5b6f-4d8e-9a0b-c1d2e3f4a5b6"_s);
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    QString error;
    QVERIFY2(store.save(draft, &error), qPrintable(error));
    QStringList problems;
    const QList<Draft> loaded = store.load(&problems);
    QVERIFY(problems.isEmpty());
    QCOMPARE(loaded.size(), 1);
    const Draft &back = loaded.first();
    QCOMPARE(back.id, draft.id);
    QCOMPARE(back.title, draft.title);
    QCOMPARE(back.filePath, draft.filePath);
    QCOMPARE(back.flowId, draft.flowId);
    QCOMPARE(back.definition, draft.definition); // byte for byte
    QCOMPARE(back.inputSchema, draft.inputSchema);
    QCOMPARE(back.metadata, draft.metadata);
    QCOMPARE(back.definitionFormat, u"yaml"_s);
    QVERIFY(back.savedAt >= before && back.savedAt <= QDateTime::currentDateTimeUtc());
    const QString file = store.sessionDirectory() + u'/' + draft.id + u".json"_s;
    QVERIFY(file.startsWith(dir.path()));
    QCOMPARE(QFile::permissions(file), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
    // Bytes that are not UTF-8 survive too.
    Draft binary = sample(u"binary"_s);
    binary.definition = QByteArray("\xff\xfe{\x80}", 5);
    QVERIFY(store.save(binary));
    for (const Draft &d : store.load())
        if (d.id == "binary"_L1)
            QCOMPARE(d.definition, binary.definition);
}

void TestDraftStore::save_replacesAtomically()
{
    QTemporaryDir dir;
    DraftStore store(dir.path());
    Draft draft = sample(u"doc"_s);
    QVERIFY(store.save(draft));
    draft.definition = "{\"StartAt\": \"B\"}";
    QVERIFY(store.save(draft));
    QCOMPARE(store.load().size(), 1);
    QCOMPARE(store.load().first().definition, draft.definition);
    // Nothing but the lock and the draft: no temporary files left behind.
    QCOMPARE(QDir(store.sessionDirectory()).entryList(QDir::Files | QDir::Hidden, QDir::Name),
             (QStringList{u"doc.json"_s, u"lock"_s}));
    // A save that cannot finish (here: the file size limit, which binds root too) leaves the
    // previous draft intact.
    Draft newer = draft;
    newer.definition = QByteArray(4096, 'x');
    ::signal(SIGXFSZ, SIG_IGN); // get EFBIG instead of being killed
    rlimit limit{};
    ::getrlimit(RLIMIT_FSIZE, &limit);
    const rlimit lowered{1024, limit.rlim_max};
    ::setrlimit(RLIMIT_FSIZE, &lowered);
    QString error;
    const bool saved = store.save(newer, &error);
    ::setrlimit(RLIMIT_FSIZE, &limit);
    QVERIFY(!saved);
    QVERIFY(!error.isEmpty());
    QCOMPARE(store.load().first().definition, draft.definition);
    QCOMPARE(QDir(store.sessionDirectory()).entryList(QDir::Files | QDir::Hidden, QDir::Name),
             (QStringList{u"doc.json"_s, u"lock"_s}));
}

void TestDraftStore::save_rejectsUnsafeIds()
{
    QTemporaryDir dir;
    DraftStore store(dir.path());
    for (const QString &id : {u""_s, u"../escape"_s, u"a/b"_s, u".hidden"_s}) {
        QString error;
        QVERIFY2(!store.save(sample(id), &error), qPrintable(id));
        QVERIFY(!error.isEmpty());
    }
    QVERIFY(store.load().isEmpty());
    QVERIFY(!QFile::exists(dir.path() + u"/escape.json"_s));
}

void TestDraftStore::load_reportsCorruptFiles()
{
    QTemporaryDir dir;
    DraftStore store(dir.path());
    QVERIFY(store.save(sample(u"good"_s)));
    const auto write = [&](const QString &name, const QByteArray &bytes) {
        QFile file(store.sessionDirectory() + u'/' + name);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    };
    write(u"truncated.json"_s, DraftStore::toJson(sample(u"truncated"_s)).left(40));
    write(u"foreign.json"_s, R"({"id": "foreign", "definition": "{}"})");
    write(u"binary.json"_s, QByteArray("\x00\x01\x02", 3));
    write(u"notes.txt"_s, "not a draft, not looked at");
    QStringList problems;
    const QList<Draft> drafts = store.load(&problems);
    QCOMPARE(ids(drafts), QStringList{u"good"_s});
    QCOMPARE(problems.size(), 3);
    problems.sort();
    QVERIFY2(problems.at(0).contains("binary.json"_L1), qPrintable(problems.join(u'\n')));
    QVERIFY(problems.at(1).contains("foreign.json"_L1) && problems.at(1).contains("not a Flowdeck draft"_L1));
    QVERIFY(problems.at(2).contains("truncated.json"_L1));
    QCOMPARE(store.load().size(), 1); // problems are optional
}

void TestDraftStore::remove_deletesTheDraft()
{
    QTemporaryDir dir;
    DraftStore store(dir.path());
    QVERIFY(store.save(sample(u"a"_s)));
    QVERIFY(store.save(sample(u"b"_s)));
    QVERIFY(store.remove(u"a"_s));
    QCOMPARE(ids(store.load()), QStringList{u"b"_s});
    QVERIFY(store.remove(u"never-saved"_s));
    QVERIFY(!store.remove(u"../b"_s));
}

void TestDraftStore::recover_skipsLiveSessions()
{
    QTemporaryDir dir;
    DraftStore first(dir.path());
    QVERIFY(first.save(sample(u"mine"_s)));
    DraftStore second(dir.path()); // another window of the same running instance, or another instance
    QVERIFY(second.recover().isEmpty());
    QCOMPARE(ids(second.load()), QStringList{u"mine"_s}); // listed, but not offered for recovery
    QVERIFY(first.recover().isEmpty());
}

void TestDraftStore::recover_offersDraftsOfACrashedInstance()
{
    QTemporaryDir dir;
    const auto crashed = startInstance(u"crash"_s, dir.path());
    QVERIFY(crashed);
    QVERIFY(crashed->waitForFinished(10000));
    DraftStore store(dir.path());
    QStringList problems;
    const QList<Draft> recovered = store.recover(&problems);
    QVERIFY(problems.isEmpty());
    QCOMPARE(ids(recovered), QStringList{u"crash-draft"_s});
    QCOMPARE(recovered.first().definition, sample({}).definition);
    // While this instance holds the crashed session, a third one is not offered the same drafts.
    {
        DraftStore third(dir.path());
        QVERIFY(third.recover().isEmpty());
    }
    QCOMPARE(ids(store.recover()), QStringList{u"crash-draft"_s}); // asking again is harmless
    // Saving it adopts it: it moves into this session and the crashed session goes away.
    QVERIFY(store.save(recovered.first()));
    QCOMPARE(ids(store.load()), QStringList{u"crash-draft"_s});
    QVERIFY(store.recover().isEmpty());
    const QString session = store.sessionDirectory();
    QVERIFY(store.remove(u"crash-draft"_s));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot), QStringList{QFileInfo(session).fileName()});
}

void TestDraftStore::recover_waitsUntilAnInstanceDies()
{
    QTemporaryDir dir;
    const auto running = startInstance(u"hold"_s, dir.path());
    QVERIFY(running);
    DraftStore store(dir.path());
    QVERIFY(store.recover().isEmpty());
    QCOMPARE(ids(store.load()), QStringList{u"hold-draft"_s});
    running->kill(); // SIGKILL: no chance to clean up
    QVERIFY(running->waitForFinished(10000));
    QCOMPARE(ids(store.recover()), QStringList{u"hold-draft"_s});
    // Discarding a recovered draft deletes it.
    QVERIFY(store.remove(u"hold-draft"_s));
    QVERIFY(store.recover().isEmpty());
    QVERIFY(store.load().isEmpty());
}

void TestDraftStore::destructor_removesOnlyEmptySessions()
{
    QTemporaryDir dir;
    QString emptySession, keptSession;
    {
        DraftStore store(dir.path());
        emptySession = store.sessionDirectory();
        QVERIFY(store.save(sample(u"x"_s)));
        QVERIFY(store.remove(u"x"_s));
    }
    QVERIFY(!QFileInfo::exists(emptySession));
    {
        DraftStore store(dir.path());
        keptSession = store.sessionDirectory();
        QVERIFY(store.save(sample(u"unsaved"_s)));
    } // quit with a draft left: it is offered next time
    QVERIFY(QFileInfo::exists(keptSession));
    DraftStore next(dir.path());
    QCOMPARE(ids(next.recover()), QStringList{u"unsaved"_s});
}

int main(int argc, char *argv[])
{
    if (argc == 4 && qstrcmp(argv[1], "--child") == 0)
        return runChild(argc, argv);
    QCoreApplication app(argc, argv);
    TestDraftStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_draftstore.moc"
