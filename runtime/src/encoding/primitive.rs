//! A fast path to [`ParamValue`] for the values most parameters hold: a string, an
//! integer, a boolean (possibly in an `Option` or a newtype), or a unit enum variant.
//! It gives exactly what the JSON round trip of [`super::value::to_param_value`] gives,
//! without the JSON text; anything else (sequences, maps, structs, floats, bytes, 128-bit
//! integers) answers [`NotPrimitive`] and takes the round trip.

use serde::Serialize;
use serde::ser::{self, Impossible, Serializer};

use super::value::ParamValue;

/// The value is not one the fast path handles (or a `Serialize` impl failed).
#[derive(Debug)]
pub(crate) struct NotPrimitive;

impl std::fmt::Display for NotPrimitive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a primitive value")
    }
}

impl std::error::Error for NotPrimitive {}

impl ser::Error for NotPrimitive {
    fn custom<T: std::fmt::Display>(_message: T) -> Self {
        NotPrimitive
    }
}

/// `value` as a [`ParamValue`], when it is a primitive the fast path handles.
pub(crate) fn to_primitive<T: Serialize + ?Sized>(value: &T) -> Option<ParamValue> {
    value.serialize(Primitive).ok()
}

/// The serializer of the fast path.
struct Primitive;

type Done = Result<ParamValue, NotPrimitive>;

macro_rules! integers {
    ($($method:ident: $ty:ty),*) => {
        $(fn $method(self, v: $ty) -> Done {
            Ok(ParamValue::Number(v.into()))
        })*
    };
}

macro_rules! refused {
    ($($method:ident($($arg:ty),*)),*) => {
        $(fn $method(self, $(_: $arg),*) -> Done {
            Err(NotPrimitive)
        })*
    };
}

impl Serializer for Primitive {
    type Ok = ParamValue;
    type Error = NotPrimitive;
    type SerializeSeq = Impossible<ParamValue, NotPrimitive>;
    type SerializeTuple = Impossible<ParamValue, NotPrimitive>;
    type SerializeTupleStruct = Impossible<ParamValue, NotPrimitive>;
    type SerializeTupleVariant = Impossible<ParamValue, NotPrimitive>;
    type SerializeMap = Impossible<ParamValue, NotPrimitive>;
    type SerializeStruct = Impossible<ParamValue, NotPrimitive>;
    type SerializeStructVariant = Impossible<ParamValue, NotPrimitive>;

    integers!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64
    );
    // Floats keep the round trip: JSON writes an `f32` with its own shortest digits.
    refused!(
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_bytes(&[u8])
    );

    fn serialize_bool(self, v: bool) -> Done {
        Ok(ParamValue::Bool(v))
    }
    fn serialize_char(self, v: char) -> Done {
        Ok(ParamValue::String(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Done {
        Ok(ParamValue::String(v.to_owned()))
    }
    fn serialize_none(self) -> Done {
        Ok(ParamValue::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        Ok(ParamValue::Null)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Done {
        Ok(ParamValue::Null)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Done {
        Ok(ParamValue::String(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Done {
        Err(NotPrimitive)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, NotPrimitive> {
        Err(NotPrimitive)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, NotPrimitive> {
        Err(NotPrimitive)
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, NotPrimitive> {
        Err(NotPrimitive)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, NotPrimitive> {
        Err(NotPrimitive)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, NotPrimitive> {
        Err(NotPrimitive)
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, NotPrimitive> {
        Err(NotPrimitive)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, NotPrimitive> {
        Err(NotPrimitive)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Id(u64);

    #[derive(serde::Serialize)]
    enum Color {
        #[serde(rename = "dark-red")]
        DarkRed,
    }

    #[derive(serde::Serialize)]
    struct Point {
        x: i32,
    }

    /// The fast path agrees with the JSON round trip wherever it answers.
    #[test]
    fn agrees_with_the_json_round_trip() -> Result<(), serde_json::Error> {
        fn same<T: Serialize>(value: T) -> Result<(), serde_json::Error> {
            let slow = crate::encoding::value::to_param_value_via_json(&value)?;
            assert_eq!(to_primitive(&value), Some(slow));
            Ok(())
        }
        same(42_i64)?;
        same(u64::MAX)?;
        same(-7_i8)?;
        same(true)?;
        same("a b/ü")?;
        same('x')?;
        same(Some(3_u16))?;
        same(None::<String>)?;
        same(())?;
        same(Id(9))?;
        same(Color::DarkRed)?;
        assert_eq!(to_primitive(&1.5_f64), None);
        assert_eq!(to_primitive(&vec![1, 2]), None);
        assert_eq!(to_primitive(&Point { x: 1 }), None);
        Ok(())
    }
}
