//! `__int_enum_impls!`, `__number_enum_impls!` and `__value_enum_impls!`: the impls of
//! generated forward-compatible enums whose values are not strings (the string
//! counterpart is `__string_enum_impls!`).
//!
//! Every generated enum keeps a value the client does not know in `Unknown(…)` and
//! encodes it back unchanged, so a server adding a value never breaks decoding.
//!
//! ```
//! #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
//! pub enum Priority { V1, V2, V5, Unknown(i64) }
//! specforge::__int_enum_impls!(Priority { V1 => 1, V2 => 2, V5 => 5 });
//!
//! let p: Priority = specforge::serde_json::from_str("5").unwrap();
//! assert_eq!(p, Priority::V5);
//! let later: Priority = specforge::serde_json::from_str("7").unwrap();
//! assert_eq!(later, Priority::Unknown(7));
//! assert_eq!(specforge::serde_json::to_string(&later).unwrap(), "7");
//! assert_eq!("2".parse::<Priority>(), Ok(Priority::V2));
//! assert_eq!(Priority::V5.to_string(), "5");
//! assert_eq!(i64::from(Priority::V5), 5);
//!
//! #[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
//! pub enum Ratio { V0Point5, V1, Unknown(f64) }
//! specforge::__number_enum_impls!(Ratio { V0Point5 => 0.5, V1 => 1.0 });
//! let r: Ratio = specforge::serde_json::from_str("0.5").unwrap();
//! assert_eq!(r, Ratio::V0Point5);
//! assert_eq!(specforge::serde_json::to_string(&Ratio::V1).unwrap(), "1");
//!
//! #[derive(Debug, Clone, PartialEq)]
//! pub enum Mode { Auto, V1, True, Unknown(specforge::serde_json::Value) }
//! specforge::__value_enum_impls!(Mode { Auto => "auto", V1 => 1, True => true });
//! let m: Mode = specforge::serde_json::from_str("true").unwrap();
//! assert_eq!(m, Mode::True);
//! let other: Mode = specforge::serde_json::from_str("[1]").unwrap();
//! assert_eq!(specforge::serde_json::to_string(&other).unwrap(), "[1]");
//! ```

/// Implements `value()`, `From<i64>`, `From<Self> for i64`, `Display`,
/// `FromStr<Err = ParseIntError>`, `Serialize` and `Deserialize` for an enum of unit
/// variants plus `Unknown(i64)`. An unknown value deserializes to `Unknown` and
/// serializes back unchanged.
#[macro_export]
#[doc(hidden)]
macro_rules! __int_enum_impls {
    ($name:ident { $($variant:ident => $value:literal),* $(,)? }) => {
        impl $name {
            /// The value as it appears on the wire.
            pub fn value(&self) -> i64 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => *value,
                }
            }
        }

        impl ::core::convert::From<i64> for $name {
            fn from(value: i64) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Unknown(other),
                }
            }
        }

        impl ::core::convert::From<$name> for i64 {
            fn from(value: $name) -> Self {
                value.value()
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::num::ParseIntError;
            fn from_str(value: &str) -> ::core::result::Result<Self, <Self as ::core::str::FromStr>::Err> {
                value.trim().parse::<i64>().map(Self::from)
            }
        }

        impl ::specforge::serde::Serialize for $name {
            fn serialize<S: ::specforge::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> ::specforge::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::specforge::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                <i64 as ::specforge::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    };
}

/// Implements `value()`, `From<f64>`, `From<Self> for f64`, `Display`,
/// `FromStr<Err = ParseFloatError>`, `Serialize` and `Deserialize` for an enum of unit
/// variants plus `Unknown(f64)`. A whole value is written without a fraction (`1`, not
/// `1.0`), as JSON documents usually spell it.
#[macro_export]
#[doc(hidden)]
macro_rules! __number_enum_impls {
    ($name:ident { $($variant:ident => $value:literal),* $(,)? }) => {
        impl $name {
            /// The value as it appears on the wire.
            pub fn value(&self) -> f64 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => *value,
                }
            }
        }

        impl ::core::convert::From<f64> for $name {
            fn from(value: f64) -> Self {
                $(if value == $value {
                    return Self::$variant;
                })*
                Self::Unknown(value)
            }
        }

        impl ::core::convert::From<$name> for f64 {
            fn from(value: $name) -> Self {
                value.value()
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::num::ParseFloatError;
            fn from_str(value: &str) -> ::core::result::Result<Self, <Self as ::core::str::FromStr>::Err> {
                value.trim().parse::<f64>().map(Self::from)
            }
        }

        impl ::specforge::serde::Serialize for $name {
            fn serialize<S: ::specforge::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                ::specforge::__private::serialize_number(self.value(), serializer)
            }
        }

        impl<'de> ::specforge::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::specforge::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                <f64 as ::specforge::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    };
}

/// Implements `to_value()`, `From<serde_json::Value>`, `Serialize` and `Deserialize`
/// for an enum of unit variants plus `Unknown(serde_json::Value)` whose values are JSON
/// literals of different types (`"auto"`, `1`, `true`). Values compare as JSON (`1` and
/// `1.0` are different values).
#[macro_export]
#[doc(hidden)]
macro_rules! __value_enum_impls {
    ($name:ident { $($variant:ident => $value:literal),* $(,)? }) => {
        impl $name {
            /// The value as it appears on the wire.
            pub fn to_value(&self) -> ::specforge::serde_json::Value {
                match self {
                    $(Self::$variant => ::specforge::serde_json::json!($value),)*
                    Self::Unknown(value) => ::core::clone::Clone::clone(value),
                }
            }
        }

        impl ::core::convert::From<::specforge::serde_json::Value> for $name {
            fn from(value: ::specforge::serde_json::Value) -> Self {
                $(if value == ::specforge::serde_json::json!($value) {
                    return Self::$variant;
                })*
                Self::Unknown(value)
            }
        }

        impl ::specforge::serde::Serialize for $name {
            fn serialize<S: ::specforge::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                ::specforge::serde::Serialize::serialize(&self.to_value(), serializer)
            }
        }

        impl<'de> ::specforge::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::specforge::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                <::specforge::serde_json::Value as ::specforge::serde::Deserialize>::deserialize(
                    deserializer,
                )
                .map(Self::from)
            }
        }
    };
}

/// Writes a number enum's value: a whole number in `i64` range without a fraction.
#[doc(hidden)]
pub fn serialize_number<S: serde::Serializer>(
    value: f64,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    // 2^53: every whole f64 below it is exact as an i64, so the cast loses nothing.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if value.fract() == 0.0 && value.abs() < EXACT {
        serializer.serialize_i64(value as i64)
    } else {
        serializer.serialize_f64(value)
    }
}
