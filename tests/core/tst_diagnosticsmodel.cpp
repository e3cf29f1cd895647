// SPDX-License-Identifier: GPL-3.0-or-later
// The Problems list: two sources merged and sorted, filtered by severity in the model, and updated
// in small steps so that a selection survives re-validation.
#include "core/models/diagnosticsmodel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Flowdeck::Core;
using Lang::Diagnostic;
using Severity = Lang::Diagnostic::Severity;

namespace {

Diagnostic diag(Severity severity, const char *code, qsizetype offset, const char *message = "m")
{
    Diagnostic d;
    d.severity = severity;
    d.code = QLatin1StringView(code);
    d.message = QLatin1StringView(message);
    d.path = QJsonArray{u"States"_s, u"A"_s, u"Next"_s};
    // One line per 100 bytes, so the location is easy to predict.
    d.range.start = {offset, int(offset / 100) + 1, int(offset % 100) + 1};
    d.range.end = {offset + 3, int(offset / 100) + 1, int(offset % 100) + 4};
    return d;
}

QStringList codes(const DiagnosticsModel &model)
{
    QStringList list;
    for (int row = 0; row < model.rowCount(); ++row)
        list << model.index(row, DiagnosticsModel::CodeColumn).data().toString();
    return list;
}

QList<Diagnostic> shifted(QList<Diagnostic> list, qsizetype by)
{
    for (Diagnostic &d : list)
        d = diag(d.severity, qPrintable(d.code), d.range.start.offset + by, qPrintable(d.message));
    return list;
}

} // namespace

class TestDiagnosticsModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void setDiagnostics_mergesSourcesSortedByPositionThenSeverity();
    void data_showsEveryColumn();
    void setDiagnostics_keepsTheOtherSource();
    void setDiagnostics_identicalListChangesNothing();
    void setDiagnostics_movedPositionsKeepTheSelection();
    void setDiagnostics_insertsAndRemovesOnlyWhatChanged();
    void setVisibleSeverities_hidesRowsButCountsAll();

private:
    std::unique_ptr<DiagnosticsModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestDiagnosticsModel::init()
{
    m_tester.reset();
    m_model = std::make_unique<DiagnosticsModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestDiagnosticsModel::setDiagnostics_mergesSourcesSortedByPositionThenSeverity()
{
    DiagnosticsModel &model = *m_model;
    model.setDiagnostics(
        DiagnosticsModel::Source::Local,
        {diag(Severity::Warning, "L-W10", 10), diag(Severity::Error, "L-E5", 5), diag(Severity::Error, "L-E10", 10)});
    model.setDiagnostics(DiagnosticsModel::Source::Server,
                         {diag(Severity::Error, "S-E10", 10), diag(Severity::Info, "S-I1", 1)});
    // At 10: errors before the warning; the two errors keep local-before-server.
    QCOMPARE(codes(model), (QStringList{u"S-I1"_s, u"L-E5"_s, u"L-E10"_s, u"S-E10"_s, u"L-W10"_s}));
    QCOMPARE(model.source(0), DiagnosticsModel::Source::Server);
    QCOMPARE(model.source(1), DiagnosticsModel::Source::Local);
    QCOMPARE(model.diagnostic(3).code, u"S-E10"_s);
    QCOMPARE(model.errorCount(), 3);
    QCOMPARE(model.warningCount(), 1);
    QCOMPARE(model.infoCount(), 1);
}

void TestDiagnosticsModel::data_showsEveryColumn()
{
    DiagnosticsModel &model = *m_model;
    model.setDiagnostics(DiagnosticsModel::Source::Server, {diag(Severity::Warning, "FD300", 412, "Use .$")});
    const auto at = [&](int column, int role = Qt::DisplayRole) { return model.index(0, column).data(role); };
    QCOMPARE(model.columnCount(), 5);
    QCOMPARE(at(DiagnosticsModel::SeverityColumn).toString(), u"warning"_s);
    QCOMPARE(at(DiagnosticsModel::CodeColumn).toString(), u"FD300"_s);
    QCOMPARE(at(DiagnosticsModel::MessageColumn).toString(), u"Use .$"_s);
    QCOMPARE(at(DiagnosticsModel::MessageColumn, Qt::ToolTipRole).toString(), u"Use .$"_s);
    QCOMPARE(at(DiagnosticsModel::LocationColumn).toString(), u"5:13"_s);
    QCOMPARE(at(DiagnosticsModel::LocationColumn, Qt::ToolTipRole).toString(), uR"(["States","A","Next"])"_s);
    QCOMPARE(at(DiagnosticsModel::SourceColumn).toString(), u"server"_s);
    QCOMPARE(at(0, DiagnosticsModel::SeverityRole).toInt(), int(Severity::Warning));
    QCOMPARE(at(0, DiagnosticsModel::OffsetRole).toLongLong(), 412);
    QVERIFY(!at(DiagnosticsModel::SeverityColumn, Qt::DecorationRole).isValid()); // icons belong to the ui
    QCOMPARE(model.headerData(DiagnosticsModel::LocationColumn, Qt::Horizontal).toString(), u"Location"_s);
    model.setDiagnostics(DiagnosticsModel::Source::Local, {diag(Severity::Error, "FD101", 0)});
    QCOMPARE(model.index(0, DiagnosticsModel::SourceColumn).data().toString(), u"local"_s);
}

void TestDiagnosticsModel::setDiagnostics_keepsTheOtherSource()
{
    DiagnosticsModel &model = *m_model;
    model.setDiagnostics(DiagnosticsModel::Source::Server, {diag(Severity::Error, "S", 50)});
    model.setDiagnostics(DiagnosticsModel::Source::Local,
                         {diag(Severity::Error, "L1", 1), diag(Severity::Error, "L2", 99)});
    model.setDiagnostics(DiagnosticsModel::Source::Local, {diag(Severity::Warning, "L3", 60)});
    QCOMPARE(codes(model), (QStringList{u"S"_s, u"L3"_s}));
    model.setDiagnostics(DiagnosticsModel::Source::Server, {});
    QCOMPARE(codes(model), QStringList{u"L3"_s});
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.warningCount(), 0);
}

void TestDiagnosticsModel::setDiagnostics_identicalListChangesNothing()
{
    DiagnosticsModel &model = *m_model;
    const QList<Diagnostic> list{diag(Severity::Error, "A", 1), diag(Severity::Warning, "B", 2)};
    model.setDiagnostics(DiagnosticsModel::Source::Local, list);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy counts(&model, &DiagnosticsModel::countsChanged);
    model.setDiagnostics(DiagnosticsModel::Source::Local, list);
    model.setVisibleSeverities(DiagnosticsModel::ShowAll);
    QCOMPARE(reset.size() + inserted.size() + removed.size() + changed.size() + counts.size(), 0);
}

void TestDiagnosticsModel::setDiagnostics_movedPositionsKeepTheSelection()
{
    DiagnosticsModel &model = *m_model;
    const QList<Diagnostic> list{diag(Severity::Error, "A", 10), diag(Severity::Warning, "B", 20),
                                 diag(Severity::Error, "C", 30)};
    model.setDiagnostics(DiagnosticsModel::Source::Local, list);
    QItemSelectionModel selection(&model);
    selection.setCurrentIndex(model.index(1, 0), QItemSelectionModel::SelectCurrent | QItemSelectionModel::Rows);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy counts(&model, &DiagnosticsModel::countsChanged);
    // Typing before B moves B and C on by 5 bytes: same problems, new places.
    QList<Diagnostic> moved = list;
    moved[1] = shifted({list[1]}, 5).first();
    moved[2] = shifted({list[2]}, 5).first();
    model.setDiagnostics(DiagnosticsModel::Source::Local, moved);
    QCOMPARE(reset.size() + removed.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.first().at(1).toModelIndex().row(), 2);
    QCOMPARE(counts.size(), 0);
    QCOMPARE(selection.currentIndex().row(), 1);
    QVERIFY(selection.isRowSelected(1));
    QCOMPARE(model.diagnostic(1).range.start.offset, 25);
}

void TestDiagnosticsModel::setDiagnostics_insertsAndRemovesOnlyWhatChanged()
{
    DiagnosticsModel &model = *m_model;
    model.setDiagnostics(DiagnosticsModel::Source::Local,
                         {diag(Severity::Error, "A", 10), diag(Severity::Error, "C", 30)});
    QItemSelectionModel selection(&model);
    selection.setCurrentIndex(model.index(1, 0), QItemSelectionModel::SelectCurrent | QItemSelectionModel::Rows);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy counts(&model, &DiagnosticsModel::countsChanged);
    model.setDiagnostics(
        DiagnosticsModel::Source::Local,
        {diag(Severity::Error, "A", 10), diag(Severity::Warning, "B", 20), diag(Severity::Error, "C", 30)});
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 1);
    QCOMPARE(inserted.first().at(2).toInt(), 1);
    QCOMPARE(selection.currentIndex().row(), 2); // C is still the one selected
    QCOMPARE(counts.size(), 1);
    QCOMPARE(model.warningCount(), 1);
    model.setDiagnostics(DiagnosticsModel::Source::Local,
                         {diag(Severity::Error, "A", 10), diag(Severity::Error, "C", 30)});
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().at(1).toInt(), 1);
    QCOMPARE(selection.currentIndex().row(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(codes(model), (QStringList{u"A"_s, u"C"_s}));
}

void TestDiagnosticsModel::setVisibleSeverities_hidesRowsButCountsAll()
{
    DiagnosticsModel &model = *m_model;
    model.setDiagnostics(DiagnosticsModel::Source::Local,
                         {diag(Severity::Error, "E1", 1), diag(Severity::Warning, "W2", 2),
                          diag(Severity::Info, "I3", 3), diag(Severity::Error, "E4", 4)});
    QSignalSpy counts(&model, &DiagnosticsModel::countsChanged);
    model.setVisibleSeverities(DiagnosticsModel::ShowErrors);
    QCOMPARE(model.visibleSeverities(), DiagnosticsModel::Severities(DiagnosticsModel::ShowErrors));
    QCOMPARE(codes(model), (QStringList{u"E1"_s, u"E4"_s}));
    QCOMPARE(model.diagnostic(1).code, u"E4"_s);
    QCOMPARE(model.errorCount(), 2);
    QCOMPARE(model.warningCount(), 1);
    QCOMPARE(model.infoCount(), 1);
    QCOMPARE(counts.size(), 0);
    // Hidden rows follow new diagnostics too, and come back when shown.
    model.setDiagnostics(DiagnosticsModel::Source::Server, {diag(Severity::Warning, "W0", 0)});
    QCOMPARE(codes(model), (QStringList{u"E1"_s, u"E4"_s}));
    QCOMPARE(counts.size(), 1);
    model.setVisibleSeverities(DiagnosticsModel::ShowWarnings | DiagnosticsModel::ShowInfos);
    QCOMPARE(codes(model), (QStringList{u"W0"_s, u"W2"_s, u"I3"_s}));
    model.setVisibleSeverities({});
    QCOMPARE(model.rowCount(), 0);
    model.setVisibleSeverities(DiagnosticsModel::ShowAll);
    QCOMPARE(codes(model), (QStringList{u"W0"_s, u"E1"_s, u"W2"_s, u"I3"_s, u"E4"_s}));
}

QTEST_GUILESS_MAIN(TestDiagnosticsModel)
#include "tst_diagnosticsmodel.moc"
