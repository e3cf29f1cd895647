// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace Flowdeck::Core::Lang {

// What the run launcher renders for one value of a flow's input: derived from the input_schema,
// widget-free, so the same description drives the form, its tests and the raw-JSON view.
struct FormField
{
    enum class Type { Object, Array, String, Number, Integer, Boolean, Null, Choice, Any };
    Type type = Type::Any;
    QString key;   // the property name (empty for the root and array items)
    QString title; // the schema's title, else the key
    QString description;
    QString format; // uuid, email, date-time, ... ("globus-collection" for the web app's collection object)
    bool required = false;
    QJsonValue defaultValue{QJsonValue::Undefined};
    QJsonArray enumValues;            // an enum, a oneOf of consts, or a single const (then also the default)
    QStringList enumTitles;           // titles of the oneOf consts, else the values as text
    QList<FormField> properties;      // Object: in propertyOrder, then schema order
    std::shared_ptr<FormField> items; // Array: the item's description
    QList<FormField> alternatives;    // Choice: one per oneOf/anyOf branch (the user picks one)
    std::optional<double> minimum;
    std::optional<double> maximum;
};

// The form for a schema; unknown or unusual parts become Type::Any (edited as raw JSON).
FormField describeForm(const QJsonObject &schema);

} // namespace Flowdeck::Core::Lang
