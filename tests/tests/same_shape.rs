//! Types of the same shape are emitted once (`codegen/src/model/dedup.rs`): the copies
//! are aliases of the first, so a value of one is a value of the other, and nothing about
//! decoding changes. Fixture: `fixtures/types-same-shape`.

#[cfg(not(fixture = "types_same_shape"))]
#[test]
fn same_shape_golden_exists() {
    panic!(
        "fixtures/types-same-shape/expected.rs is missing: generate it with \
         `SPECFORGE_BLESS=1 cargo test -p specforge-tests --test golden` to run these tests"
    );
}

#[cfg(fixture = "types_same_shape")]
mod same_shape {
    use serde_json::json;
    use specforge_tests::types_same_shape::operations::{GetAError, GetBError};
    use specforge_tests::types_same_shape::types::{
        GetAResponse, GetBResponse, GetCResponse, Node, OtherNode, OtherProblem, Problem,
        ProblemLevel, Renamed,
    };

    /// Compiles only when `T` and `U` are one type.
    fn same_type<T>(value: T) -> T {
        value
    }

    #[test]
    fn copies_are_the_first_type() {
        let problem: Problem =
            serde_json::from_value(json!({"code": 7, "level": "high"})).expect("decode Problem");
        let inline: GetAResponse = same_type::<Problem>(problem.clone());
        let other: OtherProblem = inline.clone();
        let second: GetBResponse = other;
        assert_eq!(second, problem);
        assert_eq!(second.level, Some(ProblemLevel::High));
        // The error enums of two operations hold the one type.
        let a = GetAError::NotFound(problem.clone());
        let b = GetBError::NotFound(problem);
        assert!(matches!((a, b), (GetAError::NotFound(x), GetBError::NotFound(y)) if x == y));
    }

    #[test]
    fn other_shapes_stay_their_own_types() {
        let optional: GetCResponse = serde_json::from_value(json!({})).expect("code is optional");
        assert_eq!(optional.code, None);
        let error = serde_json::from_value::<GetAResponse>(json!({}))
            .expect_err("code is required in the merged shape");
        assert!(error.to_string().contains("code"), "{error}");
        let renamed: Renamed =
            serde_json::from_value(json!({"code": 1, "status_code": 2})).expect("decode");
        assert_eq!((renamed.code, renamed.status_code), (1, Some(2)));
        // Recursive types of equal shape are kept apart (each is its own cycle).
        let node: Node = serde_json::from_value(json!({"label": "a", "next": {"label": "b"}}))
            .expect("decode Node");
        let other: OtherNode = serde_json::from_value(json!({"label": "a"})).expect("decode");
        assert_eq!(node.next.and_then(|n| n.label).as_deref(), Some("b"));
        assert_eq!(other.label.as_deref(), Some("a"));
    }
}
