//! How the file format writes values: amounts as people write them, staff groups and dotted
//! lines as objects, and objects that never write a key twice. The saver and the field
//! table both write through here.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

use super::cost::Cost;
use super::post::{Dotted, Extra, Holder, Staff};

/// A staff group as the file format writes it.
#[must_use]
pub fn staff_value(group: &Staff) -> Value {
    serde_json::to_value(StaffOut(group)).unwrap_or(Value::Null)
}

/// A holder as the file format writes it: `null` when vacant, the name, or
/// `{"undisclosed": true}`.
#[must_use]
pub fn holder_value(holder: &Holder) -> Value {
    match holder {
        Holder::Vacant => Value::Null,
        Holder::Undisclosed => super::fields::undisclosed_value(),
        Holder::Named(name) => Value::from(name.as_str()),
    }
}

/// A dotted line as the file format writes it.
#[must_use]
pub fn dotted_value(line: &Dotted) -> Value {
    serde_json::to_value(DottedOut(line)).unwrap_or(Value::Null)
}

/// A cost as the file format writes it: one figure as a number, a range as
/// `{"min": N, "max": N}`.
#[must_use]
pub fn cost_value(cost: Cost) -> Value {
    serde_json::to_value(CostOut(cost)).unwrap_or(Value::Null)
}

/// An amount as the file format writes it: whole numbers without a fraction.
#[must_use]
pub fn number_value(amount: f64) -> Value {
    serde_json::to_value(Number(amount)).unwrap_or(Value::Null)
}

pub(crate) struct StaffOut<'a>(pub(crate) &'a Staff);

impl Serialize for StaffOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let group = self.0;
        let mut map = Object::new(serializer.serialize_map(None)?);
        map.optional("title", group.title.as_ref())?;
        map.optional("grade", group.grade.as_deref())?;
        map.optional("fte", group.fte.map(Number))?;
        map.optional("cost", group.cost.map(CostOut))?;
        map.extra(&group.extra)?;
        map.end()
    }
}

pub(crate) struct CostOut(pub(crate) Cost);

impl Serialize for CostOut {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let cost = self.0;
        if let Some(figure) = cost.figure() {
            return Number(figure).serialize(serializer);
        }
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("min", &Number(cost.low()))?;
        map.serialize_entry("max", &Number(cost.high()))?;
        map.end()
    }
}

pub(crate) struct DottedOut<'a>(pub(crate) &'a Dotted);

impl Serialize for DottedOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let line = self.0;
        let mut map = Object::new(serializer.serialize_map(None)?);
        map.entry("to", line.to.as_str())?;
        map.optional("label", line.label.as_ref())?;
        map.extra(&line.extra)?;
        map.end()
    }
}

/// An object being written, remembering which keys it holds so that an unknown field kept
/// under a known name (by a lenient load) is not written twice.
pub(crate) struct Object<M> {
    map: M,
    written: Vec<&'static str>,
}

impl<M: SerializeMap> Object<M> {
    pub(crate) fn new(map: M) -> Self {
        Self {
            map,
            written: Vec::new(),
        }
    }

    pub(crate) fn entry(
        &mut self,
        key: &'static str,
        value: &(impl Serialize + ?Sized),
    ) -> Result<(), M::Error> {
        self.written.push(key);
        self.map.serialize_entry(key, value)
    }

    pub(crate) fn optional(
        &mut self,
        key: &'static str,
        value: Option<impl Serialize>,
    ) -> Result<(), M::Error> {
        match value {
            Some(value) => self.entry(key, &value),
            None => Ok(()),
        }
    }

    pub(crate) fn list<'t, T, O: Serialize>(
        &mut self,
        key: &'static str,
        items: &'t [T],
        out: impl Fn(&'t T) -> O,
    ) -> Result<(), M::Error> {
        if items.is_empty() {
            return Ok(());
        }
        let items: Vec<O> = items.iter().map(out).collect();
        self.entry(key, &items)
    }

    pub(crate) fn extra(&mut self, extra: &Extra) -> Result<(), M::Error> {
        for (key, value) in extra {
            if !self.written.contains(&key.as_str()) {
                self.map.serialize_entry(key.as_str(), value)?;
            }
        }
        Ok(())
    }

    pub(crate) fn end(self) -> Result<M::Ok, M::Error> {
        self.map.end()
    }
}

/// A count or an amount: whole numbers are written without a fraction (`90000`, not
/// `90000.0`), as people write them.
pub(crate) struct Number(pub(crate) f64);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53: every integer below is exact
        if self.0.fract() == 0.0 && self.0.abs() < EXACT {
            #[allow(clippy::cast_possible_truncation)]
            serializer.serialize_i64(self.0 as i64)
        } else {
            serializer.serialize_f64(self.0)
        }
    }
}
