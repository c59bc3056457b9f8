//! `Deserialize` for generated object types, lean to compile.
//!
//! serde's derive writes, per struct, a field enum with its own visitor (three
//! `visit_*` methods each matching every field), a `visit_seq` and a `visit_map`.
//! On a GitHub-sized client that code is about half of `cargo check`'s memory
//! (docs/compile-cost.md). Generated structs instead derive only `Serialize` and
//! call [`__object_deserialize!`](crate::__object_deserialize), which expands to one
//! `visit_map` whose per-field work is a call into the functions below: field
//! names are looked up by [`FieldKeySeed`] (no allocation, no per-struct visitor),
//! unknown keys are skipped or kept in the `additionalProperties` map.
//!
//! Behaviour is serde's for objects: `missing field`, `duplicate field` and
//! type errors read the same; `null` for an optional field is absent. Unlike the
//! derive, a JSON array is not accepted in place of an object (OpenAPI objects are
//! never positional).
//!
//! ```
//! #[derive(Debug, PartialEq, specforge::serde::Serialize)]
//! #[serde(crate = "specforge::serde")]
//! pub struct Pet {
//!     pub id: i64,
//!     pub name: Option<String>,
//!     pub tag: Option<Option<String>>,
//!     pub kind: String,
//!     pub extra: std::collections::BTreeMap<String, u8>,
//! }
//! impl Pet {
//!     fn default_kind() -> String {
//!         "dog".into()
//!     }
//! }
//! specforge::__object_deserialize!(Pet {
//!     id => required "id",
//!     name => optional "name",
//!     tag => nullable "tag",
//!     kind => default(Pet::default_kind) "kind",
//! } extra extra);
//!
//! let pet: Pet = specforge::serde_json::from_str(r#"{"id": 7, "tag": null, "age": 3}"#).unwrap();
//! assert_eq!(pet.id, 7);
//! assert_eq!(pet.name, None);
//! assert_eq!(pet.tag, Some(None));
//! assert_eq!(pet.kind, "dog");
//! assert_eq!(pet.extra.get("age"), Some(&3));
//! let missing = specforge::serde_json::from_str::<Pet>("{}").unwrap_err();
//! assert!(missing.to_string().starts_with("missing field `id`"));
//! ```

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

/// A key of an object as [`FieldKeySeed`] read it.
#[derive(Debug)]
pub enum FieldKey {
    /// One of the declared wire names (the `&'static str` of the list).
    Known(&'static str),
    /// Any other key, kept (the type has an `additionalProperties` map).
    Kept(String),
    /// Any other key, not kept.
    Other,
}

/// Reads one object key and finds it among the type's declared wire names.
#[derive(Debug, Clone, Copy)]
pub struct FieldKeySeed {
    names: &'static [&'static str],
    keep_unknown: bool,
}

impl FieldKeySeed {
    /// Looks keys up in `names`; other keys are [`FieldKey::Kept`] when
    /// `keep_unknown`, else [`FieldKey::Other`].
    pub const fn new(names: &'static [&'static str], keep_unknown: bool) -> Self {
        Self {
            names,
            keep_unknown,
        }
    }

    fn find(self, key: &str) -> Option<FieldKey> {
        self.names
            .iter()
            .find(|name| **name == key)
            .map(|name| FieldKey::Known(name))
    }
}

impl<'de> DeserializeSeed<'de> for FieldKeySeed {
    type Value = FieldKey;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<FieldKey, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for FieldKeySeed {
    type Value = FieldKey;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<FieldKey, E> {
        Ok(self.find(key).unwrap_or_else(|| match self.keep_unknown {
            true => FieldKey::Kept(key.to_owned()),
            false => FieldKey::Other,
        }))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<FieldKey, E> {
        Ok(self.find(&key).unwrap_or(match self.keep_unknown {
            true => FieldKey::Kept(key),
            false => FieldKey::Other,
        }))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<FieldKey, E> {
        match std::str::from_utf8(key) {
            Ok(key) => self.visit_str(key),
            Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(key), &self)),
        }
    }
}

/// Reads the value of a declared field into its slot; a second value for the same
/// key is serde's `duplicate field` error.
pub fn read_field<'de, A: MapAccess<'de>, T: serde::Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    wire_name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(wire_name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Reads and drops the value of a key the type does not declare.
pub fn skip_value<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

/// The value of a required field, or serde's `missing field` error.
pub fn required<T, E: de::Error>(slot: Option<T>, wire_name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(wire_name))
}

/// An optional field read as `Option<T>`: absent and `null` are both `None`.
pub fn optional<T>(slot: Option<Option<T>>) -> Option<T> {
    slot.flatten()
}

/// Implements `Deserialize` for a generated struct (see the module docs). Each
/// field is `name => kind "wire name"` with kind `required` (`T`), `optional`
/// (`Option<T>`, `null` is absent), `nullable` (`Option<Option<T>>`, `null` is
/// `Some(None)`) or `default(path)` (`T`, `path()` when absent); `extra name` names
/// the `BTreeMap` that keeps undeclared keys.
#[macro_export]
#[doc(hidden)]
macro_rules! __object_deserialize {
    ($name:ident {
        $($field:ident => $kind:ident $(($default:path))? $wire:literal),* $(,)?
    } $(extra $extra:ident)?) => {
        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<__D: $crate::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                struct __ObjectVisitor;
                impl<'de> $crate::serde::de::Visitor<'de> for __ObjectVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(::core::concat!("an object (", ::core::stringify!($name), ")"))
                    }
                    fn visit_map<__A: $crate::serde::de::MapAccess<'de>>(
                        self,
                        mut map: __A,
                    ) -> ::core::result::Result<$name, __A::Error> {
                        use $crate::__private::object as __object;
                        const __SEED: __object::FieldKeySeed = __object::FieldKeySeed::new(
                            &[$($wire),*],
                            $crate::__object_deserialize!(@keeps $($extra)?),
                        );
                        $(let mut $field = ::core::option::Option::None;)*
                        $(let mut $extra = ::std::collections::BTreeMap::new();)?
                        while let ::core::option::Option::Some(key) = map.next_key_seed(__SEED)? {
                            match key {
                                $(__object::FieldKey::Known($wire) => __object::read_field(&mut map, &mut $field, $wire)?,)*
                                $(__object::FieldKey::Kept(key) => {
                                    $extra.insert(key, map.next_value()?);
                                })?
                                _ => __object::skip_value(&mut map)?,
                            }
                        }
                        ::core::result::Result::Ok($name {
                            $($field: $crate::__object_deserialize!(@finish $kind $(($default))? $field $wire),)*
                            $($extra,)?
                        })
                    }
                }
                deserializer.deserialize_map(__ObjectVisitor)
            }
        }
    };
    (@keeps) => { false };
    (@keeps $extra:ident) => { true };
    (@finish required $field:ident $wire:literal) => {
        $crate::__private::object::required($field, $wire)?
    };
    (@finish optional $field:ident $wire:literal) => {
        $crate::__private::object::optional($field)
    };
    (@finish nullable $field:ident $wire:literal) => { $field };
    (@finish default($default:path) $field:ident $wire:literal) => {
        match $field {
            ::core::option::Option::Some(value) => value,
            ::core::option::Option::None => $default(),
        }
    };
}
