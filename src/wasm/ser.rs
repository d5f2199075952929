//! [`to_value`]: results as plain JS values — objects, arrays, strings, numbers, booleans and
//! `null` — written by one small serde serializer.
//!
//! It writes what serde-wasm-bindgen's `Serializer::json_compatible()` wrote before (the same
//! values, the same key order, `None` and `()` as `null`, maps as objects, enum variants as
//! their names), except that an integer beyond ±2^53 is the nearest `number` instead of an
//! error: sums of durations in ms pass 2^53 on large or mistyped logs (a year `0021`); below
//! 2^53 every integer is exact, above it the number is within one part in 2^53 of the true
//! value. Each field or element is converted and stored by non-generic code, so that the code
//! serde instantiates per result type stays small; object keys (field names) are made into JS
//! strings once per process.

use js_sys::{Array, JsString, Object};
use serde::ser::{self, Serialize};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// A JS object whose properties are set with `obj[key] = value`.
    #[wasm_bindgen(extends = Object)]
    type Target;
    #[wasm_bindgen(method, indexing_setter)]
    fn set(this: &Target, key: &JsValue, value: &JsValue);
}

/// Converts `value` into a JS value.
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Error> {
    value.serialize(Js)
}

/// Why a value could not be converted (a `Serialize` that refused, a map key that is not text):
/// the error type of the table serializer, shared.
pub use crate::export::table::Error;

type Res<T = JsValue> = Result<T, Error>;

/// The JS string of a field or variant name, made once per process: names are `&'static str`,
/// found again by their address and length.
#[inline(never)]
fn name(s: &'static str) -> JsValue {
    thread_local! {
        static NAMES: RefCell<Vec<((usize, usize), JsValue)>> = const { RefCell::new(Vec::new()) };
    }
    let key = (s.as_ptr() as usize, s.len());
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        match names.binary_search_by_key(&key, |(k, _)| *k) {
            Ok(i) => names[i].1.clone(),
            Err(i) => {
                let js = JsValue::from_str(s);
                names.insert(i, (key, js.clone()));
                js
            }
        }
    })
}

/// `{ [variant]: value }`, for enum variants that hold data.
#[inline(never)]
fn tagged(variant: &'static str, value: JsValue) -> JsValue {
    let obj = Object::new().unchecked_into::<Target>();
    obj.set(&name(variant), &value);
    obj.into()
}

/// A number (every integer type goes through here).
#[inline(never)]
fn number(v: f64) -> Res {
    Ok(JsValue::from_f64(v))
}

/// The serializer.
#[derive(Clone, Copy)]
pub struct Js;

impl ser::Serializer for Js {
    type Ok = JsValue;
    type Error = Error;
    type SerializeSeq = Items;
    type SerializeTuple = Items;
    type SerializeTupleStruct = Items;
    type SerializeTupleVariant = Tagged<Items>;
    type SerializeMap = Entries;
    type SerializeStruct = Fields;
    type SerializeStructVariant = Tagged<Fields>;

    fn serialize_bool(self, v: bool) -> Res {
        Ok(JsValue::from_bool(v))
    }
    fn serialize_i8(self, v: i8) -> Res {
        number(v.into())
    }
    fn serialize_i16(self, v: i16) -> Res {
        number(v.into())
    }
    fn serialize_i32(self, v: i32) -> Res {
        number(v.into())
    }
    fn serialize_i64(self, v: i64) -> Res {
        number(v as f64)
    }
    fn serialize_i128(self, v: i128) -> Res {
        number(v as f64)
    }
    fn serialize_u8(self, v: u8) -> Res {
        number(v.into())
    }
    fn serialize_u16(self, v: u16) -> Res {
        number(v.into())
    }
    fn serialize_u32(self, v: u32) -> Res {
        number(v.into())
    }
    fn serialize_u64(self, v: u64) -> Res {
        number(v as f64)
    }
    fn serialize_u128(self, v: u128) -> Res {
        number(v as f64)
    }
    fn serialize_f32(self, v: f32) -> Res {
        number(v.into())
    }
    fn serialize_f64(self, v: f64) -> Res {
        number(v)
    }
    fn serialize_char(self, v: char) -> Res {
        Ok(JsString::from(v).into())
    }
    fn serialize_str(self, v: &str) -> Res {
        Ok(JsValue::from_str(v))
    }
    /// Bytes as an array of numbers.
    fn serialize_bytes(self, v: &[u8]) -> Res {
        Ok(v.iter().map(|&b| JsValue::from_f64(b.into())).collect::<Array>().into())
    }
    fn serialize_none(self) -> Res {
        Ok(JsValue::NULL)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Res {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Res {
        Ok(JsValue::NULL)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Res {
        Ok(JsValue::NULL)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Res {
        Ok(name(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Res {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Res {
        Ok(tagged(variant, v.serialize(self)?))
    }
    fn serialize_seq(self, _: Option<usize>) -> Res<Items> {
        Ok(Items(Array::new()))
    }
    fn serialize_tuple(self, _: usize) -> Res<Items> {
        Ok(Items(Array::new()))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Res<Items> {
        Ok(Items(Array::new()))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Res<Tagged<Items>> {
        Ok(Tagged(variant, Items(Array::new())))
    }
    fn serialize_map(self, _: Option<usize>) -> Res<Entries> {
        Ok(Entries(Object::new().unchecked_into(), JsValue::UNDEFINED))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Res<Fields> {
        Ok(Fields(Object::new().unchecked_into()))
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Res<Tagged<Fields>> {
        Ok(Tagged(variant, Fields(Object::new().unchecked_into())))
    }
}

/// An array being filled.
pub struct Items(Array);

impl Items {
    #[inline(never)]
    fn push(&mut self, v: Res) -> Res<()> {
        self.0.push(&v?);
        Ok(())
    }
}

macro_rules! items {
    ($($tr:ident :: $m:ident),*) => {$(
        impl ser::$tr for Items {
            type Ok = JsValue;
            type Error = Error;
            fn $m<T: Serialize + ?Sized>(&mut self, v: &T) -> Res<()> {
                self.push(v.serialize(Js))
            }
            fn end(self) -> Res {
                Ok(self.0.into())
            }
        }
    )*};
}

items!(SerializeSeq::serialize_element, SerializeTuple::serialize_element, SerializeTupleStruct::serialize_field);

/// An object being filled with the fields of a struct.
pub struct Fields(Target);

impl Fields {
    #[inline(never)]
    fn set(&mut self, key: &'static str, v: Res) -> Res<()> {
        self.0.set(&name(key), &v?);
        Ok(())
    }
}

impl ser::SerializeStruct for Fields {
    type Ok = JsValue;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Res<()> {
        self.set(key, v.serialize(Js))
    }
    fn end(self) -> Res {
        Ok(self.0.into())
    }
}

/// An object being filled with the entries of a map (its keys must be text), and the key read
/// last.
pub struct Entries(Target, JsValue);

impl Entries {
    #[inline(never)]
    fn set(&mut self, v: Res) -> Res<()> {
        let v = v?;
        if !self.1.is_string() {
            return Err(ser::Error::custom("Map key is not a string and cannot be an object key"));
        }
        self.0.set(&self.1, &v);
        Ok(())
    }
}

impl ser::SerializeMap for Entries {
    type Ok = JsValue;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Res<()> {
        self.1 = k.serialize(Js)?;
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Res<()> {
        self.set(v.serialize(Js))
    }
    fn end(self) -> Res {
        Ok(self.0.into())
    }
}

/// An enum variant holding a tuple or a struct: `{ [variant]: … }`.
pub struct Tagged<S>(&'static str, S);

impl ser::SerializeTupleVariant for Tagged<Items> {
    type Ok = JsValue;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Res<()> {
        self.1.push(v.serialize(Js))
    }
    fn end(self) -> Res {
        Ok(tagged(self.0, self.1 .0.into()))
    }
}

impl ser::SerializeStructVariant for Tagged<Fields> {
    type Ok = JsValue;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Res<()> {
        self.1.set(key, v.serialize(Js))
    }
    fn end(self) -> Res {
        Ok(tagged(self.0, self.1 .0.into()))
    }
}
