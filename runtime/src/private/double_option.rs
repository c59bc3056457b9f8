//! `#[serde(default, skip_serializing_if = "Option::is_none", with = "::specforge::__private::double_option")]`
//! for optional + nullable fields typed `Option<Option<T>>`: an absent field is
//! `None`, `null` is `Some(None)`, a value is `Some(Some(value))`, so a request
//! can both leave a field alone and clear it. (Added by the emitter work.)

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Writes `Some(None)` as `null` and `Some(Some(v))` as `v` (`None` is skipped by
/// `skip_serializing_if`; if it is not, it is written as `null` too).
pub fn serialize<T: Serialize, S: Serializer>(
    value: &Option<Option<T>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(inner) => inner.serialize(serializer),
        None => serializer.serialize_none(),
    }
}

/// Reads a present field: `null` → `Some(None)`, a value → `Some(Some(v))`
/// (an absent field never reaches this: `#[serde(default)]` gives `None`).
pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}
