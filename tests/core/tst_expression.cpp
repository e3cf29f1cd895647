// SPDX-License-Identifier: GPL-3.0-or-later
// The ".=" expression language, tested as an interpreter: value or error (with position) per row.
#include "core/lang/expression.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using Flowdeck::Core::Lang::Expression;

namespace {
QJsonValue json(const QByteArray &text)
{
    return QJsonDocument::fromJson("[" + text + "]").array().at(0);
}
// The run state the rows evaluate against.
const QByteArray State =
    R"({"n": 7, "x": 2.5, "s": "abc", "empty": "", "l": [1, 2, 3], "d": {"k": "v", "inner": {"z": 0}},
  "input": {"dest_dir": "/~/data", "source": {"path": "/a/b/c.txt"}}, "flag": true, "nothing": null,
  "_context": {"run_id": "r-1", "flow_id": "f-1"}, "Info": {"details": {"DATA": [{"name": "first"}]}}})";
} // namespace

class TestExpression : public QObject
{
    Q_OBJECT

private slots:
    void evaluate_data();
    void evaluate();
    void errors_data();
    void errors();
    void names_areTheStateKeysRead();
};

void TestExpression::evaluate_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QByteArray>("expected");

    // literals
    QTest::newRow("int") << u"42"_s << "42"_ba;
    QTest::newRow("float") << u"1.5e2"_s << "150"_ba;
    QTest::newRow("single quotes") << u"'it''s'"_s << "\"its\""_ba;
    QTest::newRow("double quotes with escape") << u"\"a\\nb\""_s << "\"a\\nb\""_ba;
    QTest::newRow("python constants") << u"[True, False, None]"_s << "[true, false, null]"_ba;
    QTest::newRow("json constants") << u"[true, false, null]"_s << "[true, false, null]"_ba;
    QTest::newRow("list literal") << u"[1, 'a', [2]]"_s << R"([1, "a", [2]])"_ba;
    QTest::newRow("trailing comma") << u"[1, 2,]"_s << "[1, 2]"_ba;
    // names, attributes, indexes
    QTest::newRow("name") << u"n"_s << "7"_ba;
    QTest::newRow("attribute") << u"d.inner.z"_s << "0"_ba;
    QTest::newRow("index") << u"l[1]"_s << "2"_ba;
    QTest::newRow("negative index") << u"l[-1]"_s << "3"_ba;
    QTest::newRow("key index") << u"d['k']"_s << "\"v\""_ba;
    QTest::newRow("string index") << u"s[0]"_s << "\"a\""_ba;
    QTest::newRow("production shape") << u"Info.details.DATA[0].name"_s << "\"first\""_ba;
    QTest::newRow("list of a name") << u"[input.source.path]"_s << R"(["/a/b/c.txt"])"_ba;
    QTest::newRow("context") << u"_context.run_id"_s << "\"r-1\""_ba;
    QTest::newRow("null value") << u"nothing"_s << "null"_ba;
    // arithmetic, precedence
    QTest::newRow("precedence") << u"1 + 2 * 3"_s << "7"_ba;
    QTest::newRow("parentheses") << u"(1 + 2) * 3"_s << "9"_ba;
    QTest::newRow("true division") << u"7 / 2"_s << "3.5"_ba;
    QTest::newRow("floor division") << u"-7 // 2"_s << "-4"_ba;
    QTest::newRow("python modulo") << u"-7 % 3"_s << "2"_ba;
    QTest::newRow("power right assoc") << u"2 ** 3 ** 2"_s << "512"_ba;
    QTest::newRow("unary binds looser than power") << u"-2 ** 2"_s << "-4"_ba;
    QTest::newRow("mixed float") << u"x * 2"_s << "5"_ba;
    // + on strings and lists
    QTest::newRow("string concat") << u"s + '-' + 'd'"_s << "\"abc-d\""_ba;
    QTest::newRow("list concat") << u"l + [4]"_s << "[1, 2, 3, 4]"_ba;
    QTest::newRow("getattr label") << u"getattr('transfer_label', 'Run ' + _context.run_id)"_s << "\"Run r-1\""_ba;
    QTest::newRow("getattr present") << u"getattr('d.k', 'no')"_s << "\"v\""_ba;
    // comparisons and logic
    QTest::newRow("comparison") << u"n > 5 and x <= 2.5"_s << "true"_ba;
    QTest::newRow("string compare") << u"'abc' < 'abd'"_s << "true"_ba;
    QTest::newRow("equality of lists") << u"l == [1, 2, 3]"_s << "true"_ba;
    QTest::newRow("not equal") << u"s != 'abc'"_s << "false"_ba;
    QTest::newRow("in list") << u"2 in l"_s << "true"_ba;
    QTest::newRow("not in string") << u"'z' not in s"_s << "true"_ba;
    QTest::newRow("in dict keys") << u"'k' in d"_s << "true"_ba;
    QTest::newRow("and returns operand") << u"s and n"_s << "7"_ba;
    QTest::newRow("or returns operand") << u"empty or 'default'"_s << "\"default\""_ba;
    QTest::newRow("or short-circuits") << u"flag or undefined_name"_s << "true"_ba;
    QTest::newRow("and short-circuits") << u"nothing and undefined_name"_s << "null"_ba;
    QTest::newRow("not") << u"not l"_s << "false"_ba;
    QTest::newRow("chained comparison") << u"0 < n < 10"_s << "true"_ba;
    QTest::newRow("chained comparison fails") << u"5 < n < 6"_s << "false"_ba;
    QTest::newRow("chained equality") << u"1 == 1 == 2"_s << "false"_ba; // (1 == 1) and (1 == 2), not True == 2
    QTest::newRow("chain short-circuits") << u"n > 100 < undefined_name"_s << "false"_ba;
    QTest::newRow("chain with in") << u"'a' in s != 'x'"_s << "true"_ba;
    QTest::newRow("is None") << u"nothing is None"_s << "true"_ba;
    QTest::newRow("is not None") << u"n is not None"_s << "true"_ba;
    QTest::newRow("slice from") << u"l[1:]"_s << "[2, 3]"_ba;
    QTest::newRow("slice to negative") << u"s[:-1]"_s << "\"ab\""_ba;
    QTest::newRow("slice both, clamped") << u"l[-10:2]"_s << "[1, 2]"_ba;
    QTest::newRow("empty slice") << u"l[2:1]"_s << "[]"_ba;
    QTest::newRow("unknown escape keeps backslash") << u"'C:\\data'"_s << "\"C:\\\\data\""_ba;
    QTest::newRow("conditional") << u"'big' if n > 5 else 'small'"_s << "\"big\""_ba;
    QTest::newRow("nested conditional") << u"1 if False else 2 if False else 3"_s << "3"_ba;
    // functions
    QTest::newRow("pathsplit") << u"pathsplit(input.source.path)"_s << R"(["/a/b", "c.txt"])"_ba;
    QTest::newRow("pathsplit trailing slash") << u"pathsplit('/a/b/')"_s << R"(["/a", "b"])"_ba;
    QTest::newRow("pathsplit home") << u"pathsplit('/~/x')"_s << R"(["/~/", "x"])"_ba;
    QTest::newRow("pathsplit root") << u"pathsplit('/x')"_s << R"(["/", "x"])"_ba;
    QTest::newRow("is_present yes") << u"is_present('input.source')"_s << "true"_ba;
    QTest::newRow("is_present jsonpath") << u"is_present('$.d.inner.z')"_s << "true"_ba;
    QTest::newRow("is_present no") << u"is_present('input.missing')"_s << "false"_ba;
    // methods of str, list and dict
    QTest::newRow("split and index") << u"input.source.path.split('/')[-1]"_s << "\"c.txt\""_ba;
    QTest::newRow("split max") << u"'a,b,c'.split(',', 1)"_s << R"(["a", "b,c"])"_ba;
    QTest::newRow("split whitespace") << u"'  a  b c '.split()"_s << R"(["a", "b", "c"])"_ba;
    QTest::newRow("split whitespace max") << u"' a b  c '.split(None, 1)"_s << R"(["a", "b  c"])"_ba;
    QTest::newRow("join") << u"'/'.join(['', 'x', s])"_s << "\"/x/abc\""_ba;
    QTest::newRow("upper lower") << u"s.upper() + 'ABC'.lower()"_s << "\"ABCabc\""_ba;
    QTest::newRow("strip family") << u"[' x '.strip(), 'xxa'.lstrip('x'), 'a//'.rstrip('/')]"_s
                                  << R"(["x", "a", "a"])"_ba;
    QTest::newRow("replace") << u"input.dest_dir.replace('/~/', '/home/')"_s << "\"/home/data\""_ba;
    QTest::newRow("startswith endswith") << u"[s.startswith('ab'), s.endswith('x')]"_s << "[true, false]"_ba;
    QTest::newRow("find count") << u"[s.find('c'), s.find('z'), 'aaa'.count('a')]"_s << "[2, -1, 3]"_ba;
    QTest::newRow("list count index") << u"[l.count(2), l.index(3)]"_s << "[1, 2]"_ba;
    QTest::newRow("dict get") << u"[d.get('k'), d.get('zz', 'dflt'), d.get('zz')]"_s << R"(["v", "dflt", null])"_ba;
    QTest::newRow("dict keys values") << u"[d.inner.keys(), d.inner.values()]"_s << R"([["z"], [0]])"_ba;
    QTest::newRow("method in concatenation") << u"'run ' + _context.run_id.upper()"_s << "\"run R-1\""_ba;
    // backtick JSONPaths, as production flows write them
    QTest::newRow("backticks") << u"`$.input.dest_dir` + '/' + `$.d.k`"_s << "\"/~/data/v\""_ba;
}

void TestExpression::evaluate()
{
    QFETCH(QString, expression);
    QFETCH(QByteArray, expected);
    Expression::Error error;
    const auto parsed = Expression::parse(expression, &error);
    QVERIFY2(parsed, qPrintable(error.message));
    const auto value = parsed->evaluate(json(State), &error);
    QVERIFY2(value, qPrintable(error.message));
    QCOMPARE(*value, json(expected));
}

void TestExpression::errors_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("position");
    // syntax
    QTest::newRow("empty") << QString() << u"ends where a value"_s << 0;
    QTest::newRow("dangling operator") << u"1 +"_s << u"ends where a value"_s << 3;
    QTest::newRow("unclosed string") << u"'abc"_s << u"not closed"_s << 0;
    QTest::newRow("unclosed paren") << u"(1 + 2"_s << u"Expected ')'"_s << 6;
    QTest::newRow("unclosed list") << u"[1, 2"_s << u"Expected ','"_s << 5;
    QTest::newRow("missing else") << u"1 if flag"_s << u"else"_s << 9;
    QTest::newRow("stray character") << u"n $ 2"_s << u"Unexpected character '$'"_s << 2;
    QTest::newRow("trailing tokens") << u"n n"_s << u"after the end"_s << 2;
    QTest::newRow("keyword as value") << u"and"_s << u"Unexpected \"and\""_s << 0;
    QTest::newRow("unclosed backtick") << u"`$.a"_s << u"backtick"_s << 0;
    // evaluation
    QTest::newRow("undefined name") << u"1 + nope"_s << u"name 'nope' is not defined"_s << 4;
    QTest::newRow("missing attribute") << u"d.zz"_s << u"'dict' object has no attribute 'zz'"_s << 1;
    QTest::newRow("missing key") << u"d['zz']"_s << u"KeyError"_s << 1;
    QTest::newRow("index out of range") << u"l[3]"_s << u"list index out of range"_s << 1;
    QTest::newRow("str + int") << u"s + n"_s << u"unsupported operand type(s) for +: 'str' and 'int'"_s << 2;
    QTest::newRow("division by zero") << u"n / 0"_s << u"division by zero"_s << 2;
    QTest::newRow("order of mixed types") << u"s < 1"_s << u"'<' not supported"_s << 2;
    QTest::newRow("unary minus on string") << u"-s"_s << u"bad operand type"_s << 0;
    QTest::newRow("unknown function") << u"eval('1')"_s << u"unknown function"_s << 0;
    QTest::newRow("bad path argument") << u"is_present(3)"_s << u"path string"_s << 0;
    QTest::newRow("missing backtick path") << u"`$.nope`"_s << u"does not exist"_s << 0;
    QTest::newRow("huge index") << u"l[1e300]"_s << u"cannot be indexed"_s << 1;
    QTest::newRow("infinite index") << u"l[1e308 * 10]"_s << u"cannot be indexed"_s << 1;
    QTest::newRow("unknown method") << u"s.explode()"_s << u"'str' object has no method 'explode'"_s << 1;
    QTest::newRow("method wrong arguments") << u"s.upper(1)"_s << u"no method 'upper'"_s << 1;
    QTest::newRow("join non-strings") << u"','.join(l)"_s << u"expected str instance, int found"_s << 3;
    QTest::newRow("index missing") << u"l.index(9)"_s << u"not in the list"_s << 1;
    QTest::newRow("empty separator") << u"s.split('')"_s << u"empty separator"_s << 1;
    QTest::newRow("method on number") << u"n.upper()"_s << u"'int' object has no method"_s << 1;
    QTest::newRow("huge power") << u"10 ** 400"_s << u"too large"_s << 3;
}

void TestExpression::errors()
{
    QFETCH(QString, expression);
    QFETCH(QString, message);
    QFETCH(int, position);
    Expression::Error error;
    const auto parsed = Expression::parse(expression, &error);
    if (parsed) {
        QVERIFY(!parsed->evaluate(json(State), &error));
    }
    QVERIFY2(error.message.contains(message), qPrintable(error.message));
    QCOMPARE(error.position, position);
}

void TestExpression::names_areTheStateKeysRead()
{
    const auto parsed = Expression::parse(u"getattr('a', b) + c.d if e else [f[0], 'g']"_s);
    QVERIFY(parsed);
    QStringList names = parsed->names();
    names.sort();
    QCOMPARE(names, QStringList({u"b"_s, u"c"_s, u"e"_s, u"f"_s}));
}

QTEST_GUILESS_MAIN(TestExpression)
#include "tst_expression.moc"
