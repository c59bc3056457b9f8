//! Helpers for generated tagged unions (`oneOf`/`anyOf` with a `discriminator`).
//!
//! A generated tagged union is an enum of one variant per tag value plus
//! `Unknown(serde_json::Value)`. It decodes by reading the tag ([`union_tag`]) and
//! decoding the whole object as the variant it selects; a tag this client does not know
//! decodes to `Unknown` with the object kept as is, so a server adding a variant does not
//! break decoding. It encodes each variant's object with the tag added when the variant's
//! own type does not write it ([`encode_tagged`]); `Unknown` is written back unchanged.

use serde::{Serialize, Serializer};
use serde_json::Value;

/// The tag of a tagged-union value: the string at `property` of an object.
pub fn union_tag<'v>(value: &'v Value, property: &str) -> Option<&'v str> {
    value.get(property).and_then(Value::as_str)
}

/// Encodes `variant` as a JSON object with `property: tag` added unless the variant
/// already wrote that property (then its own value stays).
pub fn encode_tagged<T: Serialize + ?Sized, S: Serializer>(
    variant: &T,
    property: &str,
    tag: &str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut value = serde_json::to_value(variant).map_err(serde::ser::Error::custom)?;
    if let Some(object) = value.as_object_mut() {
        object.entry(property).or_insert_with(|| Value::from(tag));
    }
    value.serialize(serializer)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[derive(serde::Serialize)]
    struct Cat {
        lives: u8,
    }

    #[derive(serde::Serialize)]
    struct Dog {
        kind: &'static str,
    }

    #[test]
    fn the_tag_is_added_once() -> Result<(), serde_json::Error> {
        let cat = super::encode_tagged(
            &Cat { lives: 9 },
            "kind",
            "cat",
            serde_json::value::Serializer,
        )?;
        assert_eq!(cat, json!({"lives": 9, "kind": "cat"}));
        let dog = super::encode_tagged(
            &Dog { kind: "dog" },
            "kind",
            "hound",
            serde_json::value::Serializer,
        )?;
        assert_eq!(dog, json!({"kind": "dog"}));
        assert_eq!(
            super::union_tag(&json!({"kind": "cat"}), "kind"),
            Some("cat")
        );
        assert_eq!(super::union_tag(&json!({"kind": 1}), "kind"), None);
        assert_eq!(super::union_tag(&json!([1]), "kind"), None);
        Ok(())
    }
}
