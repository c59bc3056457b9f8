//! The hostile names and texts of `hostile_names.rs`.

/// Names that must become identifiers (or stay wire names) without harm.
pub fn hostile_names() -> Vec<String> {
    let mut names: Vec<String> = [
        "*/",
        "\"]",
        "#[cfg(any())]",
        "} fn x() {}",
        "type",
        "self",
        "Self",
        "crate",
        "super",
        "fn",
        "async",
        "r#type",
        "_",
        "__",
        "union",
        "gen",
        "123abc",
        "1",
        "",
        "FooBar",
        "foo_bar",
        "foo-bar",
        "fooBar",
        "FOO BAR",
        "foo.bar",
        "Foo Bar!",
        "a\u{202E}b\u{2066}c",
        "```rust",
        "naïve",
        "日本語",
        "a/b~c",
        "Result",
        "Option",
        "String",
        "Client",
        "Vec",
        "std",
        // Rust prelude names (beside Result, Option, String, Vec above).
        "Some",
        "None",
        "Ok",
        "Err",
        "Box",
        "Default",
        // Items of the traits the generated impls use (FromStr, Display, Deref,
        // serde, Clone, Default, PartialEq), and the JSON value type.
        "from_str",
        "fmt",
        "Target",
        "deserialize",
        "serialize",
        "clone",
        "default",
        "eq",
        "Value",
        // More keywords (strict, reserved and 2018+).
        "match",
        "await",
        "dyn",
        "r#try",
        "try",
        "impl",
        "where",
        "abstract",
        "x\n\n    fn injected_by_name() {}",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    names.push("VeryLong".repeat(256));
    names
}

/// Texts for titles, summaries and descriptions.
pub fn hostile_texts() -> Vec<String> {
    [
        "*/ /* \"] #[cfg(any())] } fn x() {} //! inner",
        "```rust\nfn injected() { panic!() }\n```",
        "```\nfn bare_fence() {}\n```",
        "~~~\nfn tilde() {}\n~~~",
        "Intro.\n\n    fn indented() {}\n\nOutro.",
        "\tfn tab_indented() {}",
        "- list\n\n      fn in_list() {}",
        "bidi \u{202E}evil\u{202C} \u{2066}iso\u{2069} \u{200F}\u{061C} \u{200E}",
        "",
        "#![deny(warnings)]\n#[cfg(any())]\nmod m {}",
        "<script>alert(1)</script> [link](javascript:alert(1))",
        "````rust\nfn four() {}\n````",
        "  ```rust\nfn two_space() {}\n  ```",
        "\u{0}\u{7}\r\n\u{1b}[31m \\ \\\" \\u{41}",
        "```rust,ignore\nfn ignored() {}\n```\n```compile_fail\nfn cf() {}\n```",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .chain(container_texts())
    .collect()
}

/// Code fences inside Markdown containers (block quotes, list items): rustdoc
/// runs those as doctests too.
fn container_texts() -> Vec<String> {
    [
        "> ```rust\n> fn quoted() {}\n> ```",
        "- item\n\n  ```rust\n  fn in_item() {}\n  ```",
        "1. ```\n   fn in_numbered_item() {}\n   ```",
        "```\nx\n```\nstd::process::exit(1);",
        "~~~\nfn tilde() {}\n~~~",
        "> ~~~rust\n> fn quoted_tilde() {}\n> ~~~",
        "````\n```\nfn four_ticks() {}\n```\n````",
        "> ````rust\n> ```\n> fn quoted_four() {}\n> ```\n> ````",
        "- a\n  - b\n\n    ```rust\n    fn nested_item() {}\n    ```",
        "> - quoted item\n>\n>   ```rust\n>   fn quoted_item() {}\n>   ```",
        "> > ```\n> > fn double_quote() {}\n> > ```",
        "1. a\n\n   > ```rust\n   > fn quote_in_item() {}\n   > ```",
        "> para\n>\n>     fn quoted_indented() {}",
        "      ```rust\n      fn deep() {}\n      ```",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}
