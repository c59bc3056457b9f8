//! The XML Object examples of the OpenAPI specification (3.0.3 and 3.1.0, section
//! "XML Object Examples"; the same examples in both) round-trip through the runtime's
//! typed XML (`specforge::xml`, `__xml_object!`): each documented XML form is read
//! into its type and written back byte for byte. The examples show properties; as in
//! the 3.2 edition of the examples, they are wrapped in a root element `<document>`.

use specforge::xml::{XmlName, from_xml_str, to_xml_string};

/// Reads `xml` as a `T` (root `root`), checks the value, and writes it back as `xml`.
fn round_trip<T>(xml: &str, root: XmlName, expected: &T)
where
    T: specforge::xml::XmlValue + PartialEq + std::fmt::Debug,
{
    let value: T = from_xml_str(xml).unwrap_or_else(|e| panic!("{xml}: {e}"));
    assert_eq!(&value, expected, "read from {xml}");
    assert_eq!(to_xml_string(&value, root), xml);
}

const DOCUMENT: XmlName = XmlName::plain("document");

/// `animals: {type: string}`: `<animals>...</animals>`.
#[derive(Debug, PartialEq)]
struct NoXmlObject {
    animals: String,
}
specforge::__xml_object!(NoXmlObject { animals => element required ("animals") });

/// `animals: {type: string, xml: {name: animal}}`: `<animal>...</animal>`.
#[derive(Debug, PartialEq)]
struct NameReplacement {
    animals: String,
}
specforge::__xml_object!(NameReplacement { animals => element required ("animal") });

/// `Person` with `id` an attribute and `name` in namespace
/// `http://example.com/schema/sample` with prefix `sample`.
#[derive(Debug, PartialEq)]
struct Person {
    id: Option<i32>,
    name: Option<String>,
}
specforge::__xml_object!(Person {
    id => attribute optional ("id"),
    name => element optional (["name", "sample", "http://example.com/schema/sample"]),
});

/// An array of strings under each of the specification's array settings.
#[derive(Debug, PartialEq)]
struct Animals {
    animals: Vec<String>,
}

fn animals() -> Animals {
    Animals {
        animals: vec!["value".into(), "value".into()],
    }
}

#[test]
fn a_string_property_without_xml_object() {
    let value = NoXmlObject {
        animals: "...".into(),
    };
    round_trip(
        "<document><animals>...</animals></document>",
        DOCUMENT,
        &value,
    );
}

#[test]
fn a_renamed_string_property() {
    let value = NameReplacement {
        animals: "...".into(),
    };
    round_trip(
        "<document><animal>...</animal></document>",
        DOCUMENT,
        &value,
    );
}

#[test]
fn an_attribute_a_prefix_and_a_namespace() {
    let person = Person {
        id: Some(123),
        name: Some("example".into()),
    };
    round_trip(
        r#"<Person id="123"><sample:name xmlns:sample="http://example.com/schema/sample">example</sample:name></Person>"#,
        XmlName::plain("Person"),
        &person,
    );
}

mod arrays {
    use super::*;

    /// No XML changes: `<animals>value</animals><animals>value</animals>`.
    mod unwrapped_default {
        use super::*;
        specforge::__xml_object!(Animals { animals => list required ("animals") });
    }

    #[test]
    fn unwrapped_with_the_property_name() {
        round_trip(
            "<document><animals>value</animals><animals>value</animals></document>",
            DOCUMENT,
            &animals(),
        );
    }

    /// `items.xml.name: animal`, unwrapped (also when the array has `xml.name: aliens`,
    /// which has no effect unwrapped).
    #[derive(Debug, PartialEq)]
    struct ItemsNamed {
        animals: Vec<String>,
    }
    specforge::__xml_object!(ItemsNamed { animals => list required ("animal") });

    #[test]
    fn unwrapped_with_the_items_name() {
        round_trip(
            "<document><animal>value</animal><animal>value</animal></document>",
            DOCUMENT,
            &ItemsNamed {
                animals: animals().animals,
            },
        );
    }

    /// `xml.wrapped: true`: `<animals><animals>value</animals>…</animals>`.
    #[derive(Debug, PartialEq)]
    struct Wrapped {
        animals: Vec<String>,
    }
    specforge::__xml_object!(Wrapped {
        animals => wrapped required ("animals", "animals"),
    });

    #[test]
    fn wrapped_with_the_property_name() {
        round_trip(
            "<document><animals><animals>value</animals><animals>value</animals></animals></document>",
            DOCUMENT,
            &Wrapped {
                animals: animals().animals,
            },
        );
    }

    /// Wrapped, items named `animal`.
    #[derive(Debug, PartialEq)]
    struct WrappedItemsNamed {
        animals: Vec<String>,
    }
    specforge::__xml_object!(WrappedItemsNamed {
        animals => wrapped required ("animals", "animal"),
    });

    #[test]
    fn wrapped_with_the_items_name() {
        round_trip(
            "<document><animals><animal>value</animal><animal>value</animal></animals></document>",
            DOCUMENT,
            &WrappedItemsNamed {
                animals: animals().animals,
            },
        );
    }

    /// Wrapped, the array named `aliens`, items named `animal`.
    #[derive(Debug, PartialEq)]
    struct WrappedBothNamed {
        animals: Vec<String>,
    }
    specforge::__xml_object!(WrappedBothNamed {
        animals => wrapped required ("aliens", "animal"),
    });

    #[test]
    fn wrapped_with_both_names() {
        round_trip(
            "<document><aliens><animal>value</animal><animal>value</animal></aliens></document>",
            DOCUMENT,
            &WrappedBothNamed {
                animals: animals().animals,
            },
        );
    }

    /// Wrapped, the array named `aliens`, items unnamed (they keep the property name).
    #[derive(Debug, PartialEq)]
    struct WrappedArrayNamed {
        animals: Vec<String>,
    }
    specforge::__xml_object!(WrappedArrayNamed {
        animals => wrapped required ("aliens", "animals"),
    });

    #[test]
    fn wrapped_with_the_array_name() {
        round_trip(
            "<document><aliens><animals>value</animals><animals>value</animals></aliens></document>",
            DOCUMENT,
            &WrappedArrayNamed {
                animals: animals().animals,
            },
        );
    }
}

/// A pet store order as an XML-only API sends it: nested objects, optional and
/// required properties, escaping, a document that declares its namespace at the root.
mod reading {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Order {
        id: i64,
        status: Option<String>,
        lines: Option<Vec<Line>>,
    }
    specforge::__xml_object!(Order {
        id => attribute required ("id"),
        status => element optional ("status"),
        lines => wrapped optional ("lines", "line"),
    });

    #[derive(Debug, PartialEq)]
    struct Line {
        sku: String,
        quantity: u32,
    }
    specforge::__xml_object!(Line {
        sku => element required ("sku"),
        quantity => element required ("quantity"),
    });

    #[test]
    fn nested_objects_entities_cdata_and_unknown_elements() {
        let xml = r#"<?xml version="1.0"?>
<o:Order xmlns:o="urn:orders" id="7">
  <!-- a comment -->
  <status>placed &amp; paid &#x263A;</status>
  <extra><ignored/></extra>
  <lines>
    <line><sku><![CDATA[A<1>]]></sku><quantity> 2 </quantity></line>
    <line><sku>B</sku><quantity>1</quantity></line>
  </lines>
</o:Order>"#;
        let order: Order = from_xml_str(xml).expect("reads");
        assert_eq!(
            order,
            Order {
                id: 7,
                status: Some("placed & paid \u{263A}".into()),
                lines: Some(vec![
                    Line {
                        sku: "A<1>".into(),
                        quantity: 2
                    },
                    Line {
                        sku: "B".into(),
                        quantity: 1
                    },
                ]),
            }
        );
        assert_eq!(
            to_xml_string(&order, XmlName::plain("Order")),
            "<Order id=\"7\"><status>placed &amp; paid \u{263A}</status><lines><line><sku>A&lt;1&gt;</sku><quantity>2</quantity></line><line><sku>B</sku><quantity>1</quantity></line></lines></Order>"
        );
    }

    #[test]
    fn errors_name_what_is_wrong_and_where() {
        let missing = from_xml_str::<Order>("<Order><status>x</status></Order>").unwrap_err();
        assert_eq!(missing.to_string(), "<Order>: missing `id`");
        let bad = from_xml_str::<Order>(
            r#"<Order id="1"><lines><line><sku>A</sku><quantity>many</quantity></line></lines></Order>"#,
        )
        .unwrap_err();
        assert!(
            bad.to_string()
                .starts_with("<Order>: <lines>: <line>: <quantity>: `many` is not a valid u32"),
            "{bad}"
        );
        let broken = from_xml_str::<Order>(r#"<Order id="1"><status>x</Order>"#).unwrap_err();
        assert!(
            broken.to_string().contains("not well-formed XML"),
            "{broken}"
        );
        let entity =
            from_xml_str::<Order>(r#"<Order id="1"><status>&bomb;</status></Order>"#).unwrap_err();
        assert!(
            entity.to_string().contains("unknown entity `&bomb;`"),
            "{entity}"
        );
        let deep = format!("{}{}", "<a>".repeat(300), "</a>".repeat(300));
        let too_deep = from_xml_str::<Order>(&deep).unwrap_err();
        assert!(
            too_deep.to_string().contains("deeper than 256"),
            "{too_deep}"
        );
    }
}
