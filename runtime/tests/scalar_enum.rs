//! The non-string enum macros: known values, unknown values kept and written back.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Code {
    VMinus1,
    V200,
    Unknown(i64),
}
specforge::__int_enum_impls!(Code { VMinus1 => -1, V200 => 200 });

#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
enum Scale {
    V0Point25,
    V2,
    Unknown(f64),
}
specforge::__number_enum_impls!(Scale { V0Point25 => 0.25, V2 => 2.0 });

#[derive(Debug, Clone, PartialEq)]
enum Mixed {
    Auto,
    V1,
    False,
    Unknown(specforge::serde_json::Value),
}
specforge::__value_enum_impls!(Mixed { Auto => "auto", V1 => 1, False => false });

#[test]
fn integer_enums_keep_unknown_values() -> Result<(), specforge::serde_json::Error> {
    assert_eq!(
        specforge::serde_json::from_str::<Code>("-1")?,
        Code::VMinus1
    );
    assert_eq!(specforge::serde_json::from_str::<Code>("200")?, Code::V200);
    assert_eq!(
        specforge::serde_json::from_str::<Code>("404")?,
        Code::Unknown(404)
    );
    assert_eq!(
        specforge::serde_json::to_string(&Code::Unknown(404))?,
        "404"
    );
    assert_eq!(specforge::serde_json::to_string(&Code::VMinus1)?, "-1");
    assert!(specforge::serde_json::from_str::<Code>("\"200\"").is_err());
    assert!(specforge::serde_json::from_str::<Code>("2.5").is_err());
    assert_eq!("200".parse::<Code>(), Ok(Code::V200));
    assert!("x".parse::<Code>().is_err());
    assert_eq!(Code::VMinus1.to_string(), "-1");
    Ok(())
}

#[test]
fn number_enums_keep_unknown_values() -> Result<(), specforge::serde_json::Error> {
    assert_eq!(
        specforge::serde_json::from_str::<Scale>("0.25")?,
        Scale::V0Point25
    );
    assert_eq!(specforge::serde_json::from_str::<Scale>("2")?, Scale::V2);
    assert_eq!(specforge::serde_json::from_str::<Scale>("2.0")?, Scale::V2);
    assert_eq!(
        specforge::serde_json::from_str::<Scale>("3.5")?,
        Scale::Unknown(3.5)
    );
    assert_eq!(specforge::serde_json::to_string(&Scale::V2)?, "2");
    assert_eq!(specforge::serde_json::to_string(&Scale::V0Point25)?, "0.25");
    assert_eq!(
        specforge::serde_json::to_string(&Scale::Unknown(3.5))?,
        "3.5"
    );
    assert_eq!("0.25".parse::<Scale>(), Ok(Scale::V0Point25));
    Ok(())
}

#[test]
fn value_enums_compare_as_json() -> Result<(), specforge::serde_json::Error> {
    assert_eq!(
        specforge::serde_json::from_str::<Mixed>("\"auto\"")?,
        Mixed::Auto
    );
    assert_eq!(specforge::serde_json::from_str::<Mixed>("1")?, Mixed::V1);
    assert_eq!(
        specforge::serde_json::from_str::<Mixed>("false")?,
        Mixed::False
    );
    let other = specforge::serde_json::from_str::<Mixed>("{\"a\":1}")?;
    assert_eq!(
        other,
        Mixed::Unknown(specforge::serde_json::json!({"a": 1}))
    );
    assert_eq!(specforge::serde_json::to_string(&other)?, "{\"a\":1}");
    assert_eq!(specforge::serde_json::to_string(&Mixed::Auto)?, "\"auto\"");
    Ok(())
}
