//! Behaviour of the generated types of the type-system fixtures (issue 3), beyond what
//! the goldens and the example round trips show: which variant an untagged union picks,
//! tags of tagged unions, absent vs `null`, enum names and unknown values (string, integer,
//! number and mixed-type enums, `const`), flattened maps, recursion, `format: byte` in every
//! position, and which branch an overlapping `anyOf` picks. Each module runs when its fixture's golden exists.

#![allow(dead_code)]

#[cfg(not(all(
    fixture = "types_oneof_untagged",
    fixture = "types_oneof_discriminator",
    fixture = "types_nullable",
    fixture = "types_enum_names",
    fixture = "types_maps",
    fixture = "types_recursion",
    fixture = "types_scalar_enums",
    fixture = "types_base64",
    fixture = "types_anyof_overlap"
)))]
#[test]
fn type_fixture_goldens_exist() {
    panic!(
        "a fixtures/types-*/expected.rs is missing: generate the goldens with \
         `SPECFORGE_BLESS=1 cargo test -p specforge-tests --test golden` to run these tests"
    );
}

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn decode<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("decode {value}: {e}"))
}

fn encode<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or_else(|e| panic!("encode: {e}"))
}

/// Decodes and encodes back; the result must equal the input.
fn round_trip<T: DeserializeOwned + Serialize>(value: Value) -> T {
    let decoded: T = decode(value.clone());
    assert_eq!(encode(&decoded), value);
    decoded
}

#[cfg(fixture = "types_oneof_untagged")]
mod untagged {
    use serde_json::json;
    use specforge_tests::types_oneof_untagged::types::{Amount, Contact, MaybeName, Value};

    use super::{decode, round_trip};

    #[test]
    fn the_most_specific_variant_wins() {
        let labeled: Value = round_trip(json!({"x": 1, "y": 2, "label": "a"}));
        assert!(
            matches!(labeled, Value::LabeledPoint(ref p) if p.label == "a"),
            "{labeled:?}"
        );
        let point: Value = round_trip(json!({"x": 1, "y": 2}));
        assert!(matches!(point, Value::Point(_)), "{point:?}");
        assert!(matches!(round_trip::<Value>(json!(3)), Value::Integer(3)));
        assert!(matches!(round_trip::<Value>(json!(2.5)), Value::Number(n) if n == 2.5));
        assert!(matches!(
            round_trip::<Value>(json!(true)),
            Value::Boolean(true)
        ));
        assert!(matches!(round_trip::<Value>(json!("s")), Value::String(ref s) if s == "s"));
        assert!(
            matches!(round_trip::<Value>(json!(["a"])), Value::StringList(ref v) if v.len() == 1)
        );
    }

    #[test]
    fn variants_are_named_from_titles_and_refs() {
        assert!(matches!(
            round_trip::<Amount>(json!(1250)),
            Amount::Cents(1250)
        ));
        assert!(matches!(
            round_trip::<Amount>(json!("12.50")),
            Amount::Text(_)
        ));
        assert!(matches!(
            round_trip::<Contact>(json!({"phone": "+1"})),
            Contact::Phone(_)
        ));
    }

    #[test]
    fn a_nullable_one_of_is_an_option() {
        let none: MaybeName = decode(json!(null));
        assert_eq!(super::encode(&none), json!(null));
        let some: MaybeName = round_trip(json!("Ada"));
        assert_ne!(super::encode(&some), json!(null));
    }
}

#[cfg(fixture = "types_oneof_discriminator")]
mod tagged {
    use serde_json::json;
    use specforge_tests::types_oneof_discriminator::types::{Pet, Shape};

    use super::{decode, round_trip};

    #[test]
    fn the_tag_selects_the_variant() {
        // `good` would fit Dog, but the tag says cat.
        let cat: Pet = decode(json!({"petType": "cat", "name": "Tom", "good": true}));
        assert!(matches!(cat, Pet::Cat(ref c) if c.name == "Tom"), "{cat:?}");
        let dog: Pet = round_trip(json!({"petType": "dog", "name": "Rex", "good": true}));
        assert!(matches!(dog, Pet::Dog(_)), "{dog:?}");
        // Implicit mapping: the schema name.
        let lizard: Pet = round_trip(json!({"petType": "Lizard", "scales": 300}));
        assert!(matches!(lizard, Pet::Lizard(_)), "{lizard:?}");
    }

    #[test]
    fn an_unknown_tag_is_kept_and_written_back() {
        let unicorn = json!({"petType": "unicorn", "name": "x", "horn": {"length": 2}});
        let pet: Pet = round_trip(unicorn.clone());
        assert_eq!(pet, Pet::Unknown(unicorn));
        let shape: Shape = round_trip(json!({"kind": "triangle", "sides": 3}));
        assert!(matches!(shape, Shape::Unknown(_)), "{shape:?}");
        // A missing or non-string tag is still an error, as is a known tag
        // whose object does not fit its variant.
        assert!(serde_json::from_value::<Pet>(json!({"name": "x"})).is_err());
        assert!(serde_json::from_value::<Pet>(json!({"petType": 1})).is_err());
        assert!(
            serde_json::from_value::<Pet>(json!({"petType": "Lizard", "scales": "many"})).is_err()
        );
    }

    #[test]
    fn the_tag_is_written_once_whether_or_not_the_variant_declares_it() {
        // Snake does not declare `petType`: encoding adds it.
        let snake: Pet = round_trip(json!({"petType": "Snake", "length": 3}));
        assert!(
            matches!(snake, Pet::Snake(ref s) if s.length == 3),
            "{snake:?}"
        );
        // Cat declares it: written by the struct, not twice.
        let encoded =
            serde_json::to_string(&round_trip::<Pet>(json!({"petType": "cat", "name": "Tom"})))
                .unwrap_or_default();
        assert_eq!(encoded.matches("petType").count(), 1, "{encoded}");
    }

    #[test]
    fn a_discriminator_on_a_base_schema_selects_the_allof_variant() {
        let square: Shape = round_trip(json!({"kind": "square", "side": 2.5}));
        let circle: Shape = round_trip(json!({"kind": "circle", "radius": 1.0, "label": "c"}));
        assert_ne!(format!("{square:?}"), format!("{circle:?}"));
    }
}

#[cfg(fixture = "types_nullable")]
mod presence {
    use serde_json::json;
    use specforge_tests::types_nullable::types::{Profile, ProfilePatch};

    use super::{encode, round_trip};

    #[test]
    fn required_nullable_is_written_as_null_and_optional_is_omitted() {
        let profile: Profile = round_trip(json!({"id": "u1", "nickname": null, "email": "e"}));
        let encoded = encode(&profile);
        assert_eq!(encoded.get("nickname"), Some(&json!(null)));
        assert_eq!(encoded.get("bio"), None);
        assert_eq!(encoded.get("avatar"), None);
    }

    #[test]
    fn a_patch_keeps_absent_and_null_apart() {
        let _: ProfilePatch = round_trip(json!({}));
        let _: ProfilePatch = round_trip(json!({"nickname": null}));
        let _: ProfilePatch = round_trip(json!({"nickname": "n", "bio": null, "avatar": "a"}));
    }

    #[test]
    fn a_nullable_reference_is_optional() {
        let _: Profile =
            round_trip(json!({"id": "u", "nickname": "n", "email": "e", "manager": null}));
        let _: Profile = round_trip(
            json!({"id": "u", "nickname": "n", "email": "e", "manager": {"name": "Ada"}}),
        );
    }
}

#[cfg(fixture = "types_enum_names")]
mod enums {
    use serde_json::json;
    use specforge_tests::types_enum_names::types::{Comparison, Odd, State};

    use super::round_trip;

    #[test]
    fn operators_get_distinct_names() {
        let all = [">=", ">", "<=", "<", "=", "!="];
        let decoded: Vec<Comparison> = all.iter().map(|v| round_trip(json!(v))).collect();
        for (value, variant) in all.iter().zip(&decoded) {
            assert_eq!(variant.to_string(), *value);
            assert_eq!(value.parse::<Comparison>().ok().as_ref(), Some(variant));
            assert!(
                !matches!(variant, Comparison::Unknown(_)),
                "{value} is known"
            );
        }
        let mut unique = decoded.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), all.len());
    }

    #[test]
    fn case_and_punctuation_variants_stay_apart() {
        let all = [
            "active",
            "Active",
            "ACTIVE",
            "in-active",
            "in_active",
            "inActive",
        ];
        let mut decoded: Vec<State> = all.iter().map(|v| round_trip(json!(v))).collect();
        assert!(
            decoded.iter().all(|s| !matches!(s, State::Unknown(_))),
            "{decoded:?}"
        );
        decoded.sort();
        decoded.dedup();
        assert_eq!(decoded.len(), all.len());
    }

    #[test]
    fn unknown_values_are_kept_and_a_value_named_unknown_is_known() {
        let added: Comparison = round_trip(json!("~="));
        assert_eq!(added, Comparison::Unknown(String::from("~=")));
        assert_eq!(added.to_string(), "~=");
        let named_unknown: Odd = round_trip(json!("Unknown"));
        assert!(
            !matches!(named_unknown, Odd::Unknown(_)),
            "{named_unknown:?}"
        );
        for value in ["", "1st", "self", "type", "déjà vu", "-"] {
            let odd: Odd = round_trip(json!(value));
            assert!(
                !matches!(odd, Odd::Unknown(_)),
                "{value:?} is known: {odd:?}"
            );
        }
    }
}

#[cfg(fixture = "types_maps")]
mod maps {
    use serde_json::json;
    use specforge_tests::types_maps::types::Settings;

    use super::round_trip;

    #[test]
    fn properties_next_to_a_flattened_map() {
        let settings: Settings = round_trip(json!({"version": 3, "theme": "dark", "locale": "fr"}));
        assert_eq!(settings.version, 3);
        assert_eq!(
            settings
                .additional_properties
                .get("theme")
                .map(String::as_str),
            Some("dark")
        );
        assert_eq!(
            settings.additional_properties.len(),
            2,
            "declared fields are not in the map"
        );
    }
}

#[cfg(fixture = "types_recursion")]
mod recursion {
    use serde_json::json;
    use specforge_tests::types_recursion::types::{Directory, Employee, Expr, Literal, Node};

    use super::round_trip;

    #[test]
    fn deep_structures_round_trip() {
        let node: Node = round_trip(
            json!({"value": 1, "next": {"value": 2, "next": {"value": 3}}, "children": [{"value": 4}]}),
        );
        assert_eq!(
            node.next
                .as_ref()
                .and_then(|n| n.next.as_ref())
                .map(|n| n.value),
            Some(3)
        );
        let _: Employee =
            round_trip(json!({"name": "a", "department": {"title": "t", "head": {"name": "b"}}}));
        let _: Directory =
            round_trip(json!({"entries": {"a": {"entries": {"b": {"entries": {}}}}}}));
        let expr: Expr = round_trip(
            json!({"op": "sum", "left": {"op": "lit", "value": 1.5}, "right": {"op": "sum", "left": {"op": "lit", "value": 2.5}, "right": {"op": "lit", "value": 3.5}}}),
        );
        assert!(matches!(expr, Expr::Sum(_)), "{expr:?}");
    }

    #[test]
    fn a_recursive_type_has_a_finite_small_size() {
        assert!(
            std::mem::size_of::<Node>() <= 64,
            "{}",
            std::mem::size_of::<Node>()
        );
        // The recursive variant is boxed: the enum is its largest unboxed
        // variant (or the `Unknown` JSON value) plus a tag.
        let largest = std::mem::size_of::<Literal>().max(std::mem::size_of::<serde_json::Value>());
        assert!(
            std::mem::size_of::<Expr>() <= largest + 8,
            "{} > {largest} + 8",
            std::mem::size_of::<Expr>()
        );
    }
}

#[cfg(fixture = "types_scalar_enums")]
mod scalar_enums {
    use serde_json::json;
    use specforge_tests::types_scalar_enums::types::{
        Big, Color, Flag, HttpCode, Job, JobRetries, Kind, Level, Mode, Priority, Ratio, Version,
        Wide,
    };

    use super::{decode, encode, round_trip};

    #[test]
    fn integer_enums_name_values_and_keep_unknown_ones() {
        assert_eq!(round_trip::<Priority>(json!(5)), Priority::V5);
        let later: Priority = round_trip(json!(7));
        assert_eq!(later, Priority::Unknown(7));
        assert_eq!(later.to_string(), "7");
        assert_eq!("2".parse::<Priority>(), Ok(Priority::V2));
        assert_eq!(i64::from(Priority::V1), 1);
        assert!(serde_json::from_value::<Priority>(json!("5")).is_err());
    }

    #[test]
    fn extension_names_are_used() {
        assert_eq!(round_trip::<HttpCode>(json!(404)), HttpCode::NotFound);
        assert_eq!(round_trip::<HttpCode>(json!(-1)), HttpCode::Invalid);
        assert_eq!(round_trip::<HttpCode>(json!(200)), HttpCode::Ok);
        assert_eq!(round_trip::<Level>(json!(1)), Level::High);
        assert_eq!(round_trip::<Level>(json!(0)), Level::Low);
        assert_eq!(round_trip::<Color>(json!("g")), Color::Green);
        assert_eq!(Color::Blue.as_str(), "b");
    }

    #[test]
    fn number_enums_match_by_value() {
        assert_eq!(round_trip::<Ratio>(json!(2.5)), Ratio::V2Dot5);
        assert_eq!(round_trip::<Ratio>(json!(1)), Ratio::V1);
        assert_eq!(decode::<Ratio>(json!(1.0)), Ratio::V1);
        assert_eq!(round_trip::<Ratio>(json!(3.25)), Ratio::Unknown(3.25));
        assert_eq!(Ratio::V0Dot5.to_string(), "0.5");
    }

    #[test]
    fn mixed_enums_keep_every_json_value() {
        assert_eq!(round_trip::<Mode>(json!("auto")), Mode::Auto);
        assert_eq!(round_trip::<Mode>(json!(1)), Mode::V1);
        assert_eq!(round_trip::<Mode>(json!(true)), Mode::True);
        assert_eq!(
            round_trip::<Mode>(json!("manual")),
            Mode::Unknown(json!("manual"))
        );
        assert_eq!(round_trip::<Mode>(json!(1.5)), Mode::Unknown(json!(1.5)));
        assert_eq!(Mode::Auto.to_value(), json!("auto"));
    }

    #[test]
    fn values_beyond_i32_and_i64_are_known() {
        assert_eq!(
            round_trip::<Wide>(json!(5_000_000_000_i64)),
            Wide::V5000000000
        );
        assert_eq!(
            round_trip::<Wide>(json!(-5_000_000_000_i64)),
            Wide::Minus5000000000
        );
        assert_eq!(
            round_trip::<Wide>(json!(u64::MAX)),
            Wide::V18446744073709551615
        );
        assert_eq!(round_trip::<Wide>(json!("off")), Wide::Off);
        assert_eq!(
            round_trip::<Big>(json!(-5_000_000_000_i64)),
            Big::Minus5000000000
        );
    }

    #[test]
    fn null_in_an_enum_is_an_option() {
        let base = json!({"priority": 1, "kind": "job", "retries": 1});
        let mut with_null = base.clone();
        with_null["mode"] = json!(null);
        let job: Job = round_trip(with_null);
        assert_eq!(job.mode, Some(None));
        let job: Job = round_trip(base);
        assert_eq!(job.mode, None);
    }

    #[test]
    fn consts_are_one_variant_enums_or_the_primitive() {
        assert_eq!(round_trip::<Version>(json!(2)), Version::V2);
        assert_eq!(round_trip::<Version>(json!(3)), Version::Unknown(3));
        assert_eq!(round_trip::<Kind>(json!("job")), Kind::Job);
        let flag: Flag = round_trip(json!(true));
        assert!(flag);
    }

    #[test]
    fn defaults_and_unknown_items() {
        let job: Job = decode(json!({"priority": 2, "kind": "job", "levels": [0, 1, 7]}));
        assert_eq!(job.retries, JobRetries::V1, "default applied");
        assert_eq!(
            job.levels,
            Some(vec![Level::Low, Level::High, Level::Unknown(7)])
        );
        assert_eq!(encode(&job)["levels"], json!([0, 1, 7]));
    }
}

#[cfg(fixture = "types_base64")]
mod base64 {
    use serde_json::json;
    use specforge::Base64Bytes;
    use specforge_tests::types_base64::types::{Attachment, AttachmentPayload, Blob};

    use super::round_trip;

    fn bytes(b: &[u8]) -> Base64Bytes {
        Base64Bytes::from(b)
    }

    #[test]
    fn every_position_decodes_bytes() {
        let a: Attachment = round_trip(json!({
            "data": "AQID", "digest": null, "thumbnail": "/w==",
            "chunks": ["AA==", "AQI="], "holes": ["AA==", null],
            "checksums": {"md5": "AQ=="}, "payload": "AQID", "blob": "AQID"
        }));
        assert_eq!(a.data.as_slice(), [1, 2, 3]);
        assert_eq!(a.digest, None);
        assert_eq!(a.thumbnail, Some(Some(bytes(&[0xff]))));
        assert_eq!(a.chunks, Some(vec![bytes(&[0]), bytes(&[1, 2])]));
        assert_eq!(a.holes, Some(vec![Some(bytes(&[0])), None]));
        assert_eq!(
            a.checksums.as_ref().and_then(|m| m.get("md5")),
            Some(&bytes(&[1]))
        );
        assert_eq!(a.payload, Some(AttachmentPayload::Bytes(bytes(&[1, 2, 3]))));
        assert_eq!(a.blob, Some(bytes(&[1, 2, 3])));
    }

    #[test]
    fn absent_and_null_stay_apart_and_integers_stay_integers() {
        let a: Attachment =
            round_trip(json!({"data": "", "digest": "AQ==", "thumbnail": null, "payload": 42}));
        assert_eq!(a.thumbnail, Some(None));
        assert_eq!(a.digest, Some(bytes(&[1])));
        assert_eq!(a.payload, Some(AttachmentPayload::Integer(42)));
        let a: Attachment = round_trip(json!({"data": "", "digest": null}));
        assert_eq!(a.thumbnail, None);
    }

    #[test]
    fn an_alias_decodes_url_safe_and_unpadded_text_and_rejects_garbage() {
        let blob: Blob = serde_json::from_value(json!("-_8B")).unwrap_or_default();
        assert_eq!(blob.as_slice(), [0xfb, 0xff, 0x01]);
        assert_eq!(serde_json::to_value(&blob).ok(), Some(json!("+/8B")));
        assert!(serde_json::from_value::<Blob>(json!("!!")).is_err());
    }
}

#[cfg(fixture = "types_anyof_overlap")]
mod anyof_overlap {
    use serde_json::json;
    use specforge_tests::types_anyof_overlap::types::{Count, Thing, When};

    use super::{decode, encode, round_trip};

    #[test]
    fn the_branch_with_more_required_properties_wins() {
        let product: Thing = round_trip(json!({"sku": "s", "name": "n"}));
        assert!(matches!(product, Thing::Product(_)), "{product:?}");
        let aged: Thing = round_trip(json!({"age": 3}));
        assert!(matches!(aged, Thing::Aged(_)), "{aged:?}");
    }

    #[test]
    fn on_a_tie_the_first_listed_branch_wins_and_keeps_only_its_properties() {
        let both: Thing = decode(json!({"name": "n", "age": 3}));
        assert!(
            matches!(both, Thing::Named(ref n) if n.name == "n"),
            "{both:?}"
        );
        // The documented cost of one Rust shape per value: the other branch's
        // properties are not kept.
        assert_eq!(encode(&both), json!({"name": "n"}));
    }

    #[test]
    fn formatted_and_integer_branches_come_first() {
        let when: When = round_trip(json!("2024-01-02T03:04:05Z"));
        assert!(matches!(when, When::DateTime(_)), "{when:?}");
        let text: When = round_trip(json!("soon"));
        assert!(matches!(text, When::String(_)), "{text:?}");
        assert!(matches!(round_trip::<Count>(json!(3)), Count::Integer(3)));
        assert!(matches!(round_trip::<Count>(json!(2.5)), Count::Number(_)));
    }
}
