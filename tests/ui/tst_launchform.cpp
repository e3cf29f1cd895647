// SPDX-License-Identifier: GPL-3.0-or-later
// The launch form driven like a user drives it: keys into text fields, clicks on check boxes and
// buttons, a pick in combo boxes. A corpus of small schemas (tests/data/schemas) checks the widgets
// each keyword gets and the exact document the form then produces.
#include "ui/launchform.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleOptionButton>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using Flowdeck::Ui::FieldError;
using Flowdeck::Ui::LaunchForm;

namespace {

QJsonObject object(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return object(file.readAll());
}

QString compact(const QJsonObject &value)
{
    return QString::fromUtf8(QJsonDocument(value).toJson(QJsonDocument::Compact));
}

// Selects everything and types over it, as a user replacing a field's text does.
void typeInto(QWidget *widget, const QString &text)
{
    widget->setFocus();
    QTest::keyClick(widget, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(widget, Qt::Key_Backspace);
    QTest::keyClicks(widget, text);
}

// A click on the box itself: a check box in a layout is wider than its text, and its middle may miss.
void clickCheckBox(QCheckBox *box)
{
    QStyleOptionButton option;
    option.initFrom(box);
    const QRect indicator = box->style()->subElementRect(QStyle::SE_CheckBoxIndicator, &option, box);
    QTest::mouseClick(box, Qt::LeftButton, {}, indicator.center());
}

QWidget *named(const QWidget &form, const QString &name)
{
    QApplication::processEvents(); // widgets added to a shown form become visible from the event loop
    return form.findChild<QWidget *>(name);
}

// One step of a corpus "fill": what it means depends on the widget found under that name.
bool drive(const QWidget &form, const QString &name, const QJsonValue &value)
{
    QWidget *widget = named(form, name);
    if (!widget || !widget->isVisible())
        return false;
    const QString text = value.isString() ? value.toString() : QString::number(value.toDouble());
    if (qobject_cast<QLineEdit *>(widget) || qobject_cast<QPlainTextEdit *>(widget)) {
        typeInto(widget, text);
    } else if (auto *box = qobject_cast<QCheckBox *>(widget)) {
        if (box->isChecked() != value.toBool())
            clickCheckBox(box);
        return box->isChecked() == value.toBool();
    } else if (auto *combo = qobject_cast<QComboBox *>(widget)) {
        const int index = combo->findText(text);
        combo->setCurrentIndex(index);
        return index >= 0;
    } else if (auto *button = qobject_cast<QAbstractButton *>(widget)) {
        for (int i = 0; i < value.toInt(1); ++i) {
            QTest::mouseClick(button, Qt::LeftButton);
            QApplication::processEvents();
        }
    } else {
        return false;
    }
    return true;
}

// "fill" is a list of [name, value] pairs, in order (an object would come back sorted by name).
QList<QPair<QString, QJsonValue>> fillSteps(const QJsonValue &fill)
{
    QList<QPair<QString, QJsonValue>> steps;
    for (const QJsonValue &step : fill.toArray())
        steps.append({step.toArray().at(0).toString(), step.toArray().at(1)});
    return steps;
}

const char *TransferSchema = R"({"type": "object", "required": ["source", "count"],
  "properties": {
    "source": {"type": "object", "format": "globus-collection", "title": "Source"},
    "count": {"type": "integer", "title": "Count", "maximum": 100},
    "label": {"type": "string", "title": "Label"},
    "tags": {"type": "array", "items": {"type": "string"}, "title": "Tags"},
    "files": {"type": "array", "title": "Files",
              "items": {"type": "object", "properties": {"name": {"type": "string"}, "size": {"type": "integer"}}}},
    "mode": {"enum": ["copy", "sync"]},
    "target": {"title": "Target", "oneOf": [{"type": "string", "title": "Path"},
               {"type": "object", "title": "Endpoint", "required": ["id"],
                "properties": {"id": {"type": "string", "format": "uuid"}, "path": {"type": "string"}}}]},
    "notify": {"type": "boolean"},
    "extra": {}
  }})";

} // namespace

class TestLaunchForm : public QObject
{
    Q_OBJECT

private slots:
    void corpus_data();
    void corpus();
    void array_addRemoveReorder_byClicking();
    void oneOf_switchBranchAndBack();
    void setDocument_roundTripKeepsUnknownKeys_data();
    void setDocument_roundTripKeepsUnknownKeys();
    void setDocument_emitsNothingAndUserEditsKeepExtras();
    void setErrors_landOnTheirFields();
    void setErrors_fromServiceLocs();
    void canonicalPath_data();
    void canonicalPath();
    void liveValidation_showsRequiredOnEmptiedField();
    void everyEditor_hasNameAndIsReachedByTab();
};

void TestLaunchForm::corpus_data()
{
    QTest::addColumn<QString>("file");
    const QDir dir(QStringLiteral(FLOWDECK_TEST_DATA "/schemas"));
    const QStringList files = dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 30, qPrintable(dir.path()));
    for (const QString &name : files)
        QTest::newRow(qPrintable(name)) << dir.filePath(name);
}

void TestLaunchForm::corpus()
{
    QFETCH(QString, file);
    const QJsonObject test = readJson(file);
    QVERIFY2(test.value("schema"_L1).isObject() && test.value("document"_L1).isObject(), qPrintable(file));
    LaunchForm form;
    form.resize(640, 900);
    form.show();
    QVERIFY(QTest::qWaitForWindowExposed(&form));
    form.setSchema(test.value("schema"_L1).toObject());
    const QJsonObject initial = test.value("initial"_L1).toObject();
    if (test.contains("initial"_L1))
        QVERIFY2(form.document() == initial, qPrintable(compact(form.document()) + u" != "_s + compact(initial)));

    const QJsonObject widgets = test.value("expect_widgets"_L1).toObject();
    for (auto it = widgets.begin(); it != widgets.end(); ++it) {
        const QWidget *widget = named(form, it.key());
        QVERIFY2(widget, qPrintable(it.key()));
        QCOMPARE(QString::fromLatin1(widget->metaObject()->className()), it.value().toString());
    }
    for (const auto &[name, value] : fillSteps(test.value("fill"_L1)))
        QVERIFY2(drive(form, name, value), qPrintable(name));
    const QJsonObject expected = test.value("document"_L1).toObject();
    QVERIFY2(form.document() == expected, qPrintable(compact(form.document()) + u" != "_s + compact(expected)));

    const QJsonObject errors = test.value("errors"_L1).toObject();
    const QList<FieldError> found = form.revealErrors();
    if (errors.isEmpty())
        QVERIFY2(found.isEmpty(), qPrintable(form.errorTexts().join(u'\n')));
    for (auto it = errors.begin(); it != errors.end(); ++it) {
        const QString shown = form.errorsAt(it.key()).join(u'\n');
        QVERIFY2(shown.contains(it.value().toString()),
                 qPrintable(it.key() + u" shows: "_s + shown + u"; all: "_s + form.errorTexts().join(u'|')));
        QCOMPARE(form.fieldWidget(it.key())->property("flowdeckInvalid").toBool(), true);
    }
}

void TestLaunchForm::array_addRemoveReorder_byClicking()
{
    LaunchForm form;
    form.show();
    QVERIFY(QTest::qWaitForWindowExposed(&form));
    form.setSchema(object(TransferSchema));
    QSignalSpy changed(&form, &LaunchForm::documentChanged);
    auto *add = qobject_cast<QPushButton *>(named(form, u"$.tags:add"_s));
    QVERIFY(add);
    for (int i = 0; i < 3; ++i)
        QTest::mouseClick(add, Qt::LeftButton);
    QVERIFY(drive(form, u"$.tags[0]"_s, u"a"_s));
    QVERIFY(drive(form, u"$.tags[1]"_s, u"b"_s));
    QVERIFY(drive(form, u"$.tags[2]"_s, u"c"_s));
    QCOMPARE(form.document().value("tags"_L1).toArray(), QJsonArray({u"a"_s, u"b"_s, u"c"_s}));
    QVERIFY(changed.count() >= 6);

    QTest::mouseClick(qobject_cast<QToolButton *>(named(form, u"$.tags[2]:up"_s)), Qt::LeftButton);
    QCOMPARE(form.document().value("tags"_L1).toArray(), QJsonArray({u"a"_s, u"c"_s, u"b"_s}));
    // The editors follow their item: "c" now sits at [1], under that name.
    QCOMPARE(qobject_cast<QLineEdit *>(form.fieldWidget(u"$.tags[1]"_s))->text(), u"c"_s);
    QVERIFY(!named(form, u"$.tags[0]:up"_s)->isEnabled());
    QVERIFY(!named(form, u"$.tags[2]:down"_s)->isEnabled());

    QTest::mouseClick(qobject_cast<QToolButton *>(named(form, u"$.tags[0]:down"_s)), Qt::LeftButton);
    QCOMPARE(form.document().value("tags"_L1).toArray(), QJsonArray({u"c"_s, u"a"_s, u"b"_s}));

    QTest::mouseClick(qobject_cast<QToolButton *>(named(form, u"$.tags[1]:remove"_s)), Qt::LeftButton);
    QCOMPARE(form.document().value("tags"_L1).toArray(), QJsonArray({u"c"_s, u"b"_s}));
    QVERIFY(!named(form, u"$.tags[2]"_s));
    QCOMPARE(qobject_cast<QLineEdit *>(form.fieldWidget(u"$.tags[1]"_s))->text(), u"b"_s);

    QTest::mouseClick(qobject_cast<QToolButton *>(named(form, u"$.tags[0]:remove"_s)), Qt::LeftButton);
    QTest::mouseClick(qobject_cast<QToolButton *>(named(form, u"$.tags[0]:remove"_s)), Qt::LeftButton);
    QVERIFY(!form.document().contains("tags"_L1)); // optional and emptied again: left out

    // Items that are objects: their members get item paths.
    QVERIFY(drive(form, u"$.files:add"_s, 2));
    QVERIFY(drive(form, u"$.files[1].name"_s, u"b.txt"_s));
    QVERIFY(drive(form, u"$.files[0].size"_s, u"5"_s));
    QTest::mouseClick(qobject_cast<QToolButton *>(named(form, u"$.files[1]:up"_s)), Qt::LeftButton);
    QCOMPARE(compact(QJsonObject{{u"f"_s, form.document().value("files"_L1)}}),
             u"{\"f\":[{\"name\":\"b.txt\"},{\"size\":5}]}"_s);
    QCOMPARE(qobject_cast<QLineEdit *>(form.fieldWidget(u"$.files[0].name"_s))->text(), u"b.txt"_s);
}

void TestLaunchForm::oneOf_switchBranchAndBack()
{
    LaunchForm form;
    form.show();
    QVERIFY(QTest::qWaitForWindowExposed(&form));
    form.setSchema(object(TransferSchema));
    auto *selector = qobject_cast<QComboBox *>(named(form, u"$.target:choice"_s));
    QVERIFY(selector);
    QCOMPARE(selector->currentText(), u"(none)"_s); // optional: nothing picked, nothing in the document
    QVERIFY(!form.document().contains("target"_L1));

    QVERIFY(drive(form, u"$.target:choice"_s, u"Path"_s));
    QVERIFY(qobject_cast<QLineEdit *>(form.fieldWidget(u"$.target"_s)));
    QVERIFY(drive(form, u"$.target"_s, u"/data"_s));
    QCOMPARE(form.document().value("target"_L1), QJsonValue(u"/data"_s));

    QVERIFY(drive(form, u"$.target:choice"_s, u"Endpoint"_s));
    QVERIFY(!qobject_cast<QLineEdit *>(form.fieldWidget(u"$.target"_s))); // the string branch is gone
    QVERIFY(drive(form, u"$.target.id"_s, u"00000000-0a9d-4036-a9d7-a77c19515594"_s));
    QCOMPARE(form.document().value("target"_L1).toObject(),
             QJsonObject({{u"id"_s, u"00000000-0a9d-4036-a9d7-a77c19515594"_s}}));

    // A document picks the branch its value fits.
    QJsonObject document = form.document();
    document.insert(u"target"_s, u"/back"_s);
    form.setDocument(document);
    QCOMPARE(selector->currentText(), u"Path"_s);
    QCOMPARE(qobject_cast<QLineEdit *>(form.fieldWidget(u"$.target"_s))->text(), u"/back"_s);
    QVERIFY(drive(form, u"$.target:choice"_s, u"(none)"_s));
    QVERIFY(!form.document().contains("target"_L1));

    // Object branches told apart by a const member: the document's value picks its branch.
    LaunchForm stores;
    stores.setSchema(readJson(QStringLiteral(FLOWDECK_TEST_DATA "/schemas/oneof_const_discriminator.json"))
                         .value("schema"_L1)
                         .toObject());
    const QJsonObject local = object(R"({"store": {"kind": "local", "path": "/p", "x": 1}})");
    stores.setDocument(local);
    QCOMPARE(qobject_cast<QComboBox *>(stores.findChild<QWidget *>(u"$.store:choice"_s))->currentText(), u"Local"_s);
    QCOMPARE(stores.document(), local);
    const QJsonObject s3 = object(R"({"store": {"kind": "s3", "bucket": "b", "path": "/p"}})");
    stores.setDocument(s3);
    QCOMPARE(qobject_cast<QComboBox *>(stores.findChild<QWidget *>(u"$.store:choice"_s))->currentText(), u"S3"_s);
    QCOMPARE(stores.document(), s3);
}

void TestLaunchForm::setDocument_roundTripKeepsUnknownKeys_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::newRow("filled") << R"({"source": {"id": "6c54cade-bde5-45c1-bdea-f4bd71dba2cc", "path": "/~/"},
        "count": 3, "label": "", "tags": ["x", "y"], "mode": "sync", "notify": false, "extra": {"k": [1, null]}})"_ba;
    QTest::newRow("unknown keys everywhere") << R"({"source": {"id": "a", "path": "/", "type": "mapped"}, "count": 1,
        "run_label": "kept", "files": [{"name": "n", "checksum": "md5"}], "target": {"id": "u", "region": "eu"}})"_ba;
    QTest::newRow("values the fields cannot show") << R"({"source": "not an object", "count": "three",
        "tags": "not a list", "mode": "bogus", "notify": 1, "target": 42})"_ba;
    QTest::newRow("numbers") << R"({"source": {}, "count": -7, "extra": 1.5e300, "files": []})"_ba;
    QTest::newRow("empty") << R"({"source": {"id": "", "path": ""}, "count": 0})"_ba;
}

void TestLaunchForm::setDocument_roundTripKeepsUnknownKeys()
{
    QFETCH(QByteArray, document);
    LaunchForm form;
    form.setSchema(object(TransferSchema));
    form.setDocument(object(document));
    QVERIFY2(form.document() == object(document),
             qPrintable(compact(form.document()) + u" != "_s + compact(object(document))));
}

void TestLaunchForm::setDocument_emitsNothingAndUserEditsKeepExtras()
{
    LaunchForm form;
    form.show();
    QVERIFY(QTest::qWaitForWindowExposed(&form));
    QSignalSpy changed(&form, &LaunchForm::documentChanged);
    form.setSchema(object(TransferSchema));
    form.setDocument(object(R"({"source": {"id": "a", "path": "/", "type": "mapped"}, "count": 5, "mystery": true})"));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(qobject_cast<QLineEdit *>(form.fieldWidget(u"$.count"_s))->text(), u"5"_s);

    QVERIFY(drive(form, u"$.source.path"_s, u"/new"_s));
    QCOMPARE(changed.count(), u"/new"_s.size() + 1); // the select-all-and-delete, then each key
    QCOMPARE(form.document(),
             object(R"({"source": {"id": "a", "path": "/new", "type": "mapped"}, "count": 5, "mystery": true})"));
}

void TestLaunchForm::setErrors_landOnTheirFields()
{
    LaunchForm form;
    form.show();
    QApplication::setActiveWindow(&form);
    QVERIFY(QTest::qWaitForWindowActive(&form));
    form.setSchema(object(TransferSchema));
    QVERIFY(drive(form, u"$.tags:add"_s, 3));
    form.setErrors({{u"$.source.path"_s, u"no such directory"_s},
                    {u"/count"_s, u"too many"_s},
                    {u"$.tags[2]"_s, u"bad tag"_s},
                    {u"$.extra.deep[0]"_s, u"wrong"_s},
                    {u"$.nothere"_s, u"not expected"_s},
                    {u"$"_s, u"whole input"_s}});
    QCOMPARE(form.errorsAt(u"$.source.path"_s), QStringList({u"no such directory"_s}));
    QCOMPARE(form.errorsAt(u"$.count"_s), QStringList({u"too many"_s}));
    QCOMPARE(form.errorsAt(u"/tags/2"_s), QStringList({u"bad tag"_s}));
    QCOMPARE(form.errorsAt(u"$.tags[1]"_s), QStringList());
    QCOMPARE(form.errorsAt(u"$.extra"_s), QStringList({u"$.deep[0]: wrong"_s})); // inside a raw-JSON field
    QCOMPARE(form.formErrors(), QStringList({u"$.nothere: not expected"_s, u"whole input"_s}));

    QWidget *path = form.fieldWidget(u"$.source.path"_s);
    QVERIFY(path->property("flowdeckInvalid").toBool());
    QVERIFY(!form.fieldWidget(u"$.label"_s)->property("flowdeckInvalid").toBool());
    const auto *label = form.findChild<QLabel *>(u"$.source.path:error"_s);
    QVERIFY(label && label->isVisible());
    QCOMPARE(label->text(), u"no such directory"_s);
    QVERIFY(form.findChild<QLabel *>(u"formErrors"_s)->isVisible());
    QVERIFY(form.errorTexts().contains(u"$.count: too many"_s));

    form.focusFirstError(); // the first in document order: required members lead, so $.source.path
    QTRY_COMPARE(QApplication::focusWidget(), form.fieldWidget(u"$.source.path"_s));
    // Editing the field retires its server error; the others stay.
    QTest::keyClicks(path, u"x"_s);
    QCOMPARE(form.errorsAt(u"$.source.path"_s), QStringList());
    QCOMPARE(form.errorsAt(u"$.count"_s), QStringList({u"too many"_s}));
    form.setErrors({});
    QCOMPARE(form.errorTexts(), QStringList());
    QVERIFY(!form.fieldWidget(u"$.count"_s)->property("flowdeckInvalid").toBool());
}

void TestLaunchForm::setErrors_fromServiceLocs()
{
    LaunchForm form;
    form.setSchema(object(TransferSchema));
    // FLOW_INPUT_ERROR as validate_run returns it (fixture validate_run/invalid_input_payload), and list locs.
    const QJsonArray detail{QJsonObject{{u"loc"_s, QJsonArray{u"$.notify"_s}},
                                        {u"msg"_s, u"'not-a-boolean' is not of type 'boolean'"_s},
                                        {u"type"_s, u"InvalidActionInput"_s}},
                            QJsonObject{{u"loc"_s, QJsonArray{u"$"_s, u"source"_s, u"id"_s}}, {u"msg"_s, u"bad id"_s}},
                            QJsonObject{{u"loc"_s, QJsonArray{u"files"_s, 1, u"name"_s}}, {u"msg"_s, u"missing"_s}},
                            QJsonObject{{u"loc"_s, u"$.count"_s}, {u"msg"_s, u"too big"_s}}};
    const QList<FieldError> errors = LaunchForm::errorsFromDetail(detail);
    QCOMPARE(errors.size(), 4);
    QCOMPARE(errors.at(0).path, u"$.notify"_s);
    QCOMPARE(errors.at(1).path, u"$.source.id"_s);
    QCOMPARE(errors.at(2).path, u"$.files[1].name"_s);
    QCOMPARE(errors.at(3).path, u"$.count"_s);
    form.setErrors(errors);
    QCOMPARE(form.errorsAt(u"$.notify"_s), QStringList({u"'not-a-boolean' is not of type 'boolean'"_s}));
    QCOMPARE(form.errorsAt(u"$.source.id"_s), QStringList({u"bad id"_s}));
    QCOMPARE(form.formErrors(), QStringList({u"$.files[1].name: missing"_s})); // no such item on the form
    QCOMPARE(LaunchForm::pathFromLoc(QJsonArray{u"$"_s, u"input"_s, u"x"_s}), u"$.input.x"_s);
}

void TestLaunchForm::canonicalPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("jsonpath") << u"$.a.b[2].c"_s << u"$.a.b[2].c"_s;
    QTest::newRow("pointer") << u"/a/b/2/c"_s << u"$.a.b[2].c"_s;
    QTest::newRow("pointer escapes") << u"/a~1b/m~0n"_s << u"$['a/b']['m~n']"_s;
    QTest::newRow("bracket name") << u"$['a'][\"b c\"]"_s << u"$.a['b c']"_s;
    QTest::newRow("quote in name") << u"/it's"_s << u"$['it\\'s']"_s;
    QTest::newRow("root") << u"$"_s << u"$"_s;
    QTest::newRow("empty pointer") << QString() << u"$"_s;
    QTest::newRow("no dollar") << u"a.b"_s << u"$.a.b"_s;
    QTest::newRow("not a path") << u"$.a["_s << u"$.a["_s;
}

void TestLaunchForm::canonicalPath()
{
    QFETCH(QString, path);
    QFETCH(QString, canonical);
    QCOMPARE(LaunchForm::canonicalPath(path), canonical);
}

void TestLaunchForm::liveValidation_showsRequiredOnEmptiedField()
{
    LaunchForm form;
    form.show();
    QVERIFY(QTest::qWaitForWindowExposed(&form));
    form.setSchema(object(TransferSchema));
    QSignalSpy validated(&form, &LaunchForm::validated);
    QVERIFY(drive(form, u"$.label"_s, u"hello"_s));
    QVERIFY(drive(form, u"$.count"_s, u"12"_s));
    QVERIFY(drive(form, u"$.count"_s, QString()));
    QCOMPARE(form.errorsAt(u"$.count"_s), QStringList()); // not before the pause
    QTRY_VERIFY(form.errorsAt(u"$.count"_s).join(u' ').contains(u"required"_s));
    QVERIFY(form.fieldWidget(u"$.count"_s)->property("flowdeckInvalid").toBool());
    QVERIFY(validated.count() >= 1);
    // Untouched fields stay quiet until the errors are asked for.
    QCOMPARE(form.errorsAt(u"$.source"_s), QStringList());
    form.revealErrors();
    QVERIFY(form.errorsAt(u"$.source"_s).join(u' ').contains(u"required"_s));

    QVERIFY(drive(form, u"$.count"_s, u"4"_s));
    QTRY_COMPARE(form.errorsAt(u"$.count"_s), QStringList());
    QVERIFY(!form.fieldWidget(u"$.count"_s)->property("flowdeckInvalid").toBool());
}

void TestLaunchForm::everyEditor_hasNameAndIsReachedByTab()
{
    LaunchForm form;
    form.resize(640, 2000);
    form.show();
    QVERIFY(QTest::qWaitForWindowExposed(&form));
    form.setSchema(object(TransferSchema));
    QVERIFY(drive(form, u"$.tags:add"_s, 1));
    QVERIFY(drive(form, u"$.target:choice"_s, u"Endpoint"_s));
    QApplication::processEvents();

    // Properties come in the schema's propertyOrder, else the required ones in the order of "required",
    // then the others sorted by name (QJsonObject keeps no order).
    const QStringList expected{u"$.source.id"_s, u"$.source.path"_s,   u"$.count"_s,        u"$.extra"_s,
                               u"$.files:add"_s, u"$.label"_s,         u"$.mode"_s,         u"$.notify"_s,
                               u"$.tags[0]"_s,   u"$.tags[0]:up"_s,    u"$.tags[0]:down"_s, u"$.tags[0]:remove"_s,
                               u"$.tags:add"_s,  u"$.target:choice"_s, u"$.target.id"_s,    u"$.target.path"_s};
    for (const QString &name : expected) {
        const QWidget *widget = named(form, name);
        QVERIFY2(widget, qPrintable(name));
        QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(name));
    }
    QCOMPARE(form.fieldWidget(u"$.count"_s)->accessibleName(), u"Count (required)"_s);
    QCOMPARE(named(form, u"$.tags[0]:remove"_s)->accessibleName(), u"Remove Tags, item 1"_s);

    QApplication::setActiveWindow(&form);
    QVERIFY(QTest::qWaitForWindowActive(&form));
    form.fieldWidget(u"$.source.id"_s)->setFocus(Qt::TabFocusReason);
    QStringList visited{QApplication::focusWidget()->objectName()};
    for (qsizetype i = 1; i < expected.size(); ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        // Disabled buttons (Move up on the first item, Move down on the last) are skipped.
        visited.append(QApplication::focusWidget()->objectName());
    }
    QStringList reachable = expected;
    reachable.removeAll(u"$.tags[0]:up"_s);
    reachable.removeAll(u"$.tags[0]:down"_s);
    QCOMPARE(visited.mid(0, reachable.size()), reachable);
}

QTEST_MAIN(TestLaunchForm)
#include "tst_launchform.moc"
