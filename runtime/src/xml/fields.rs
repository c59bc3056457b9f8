//! Reading the properties of an object from its element, and the
//! `__xml_object!` macro that generated types use to implement
//! [`XmlValue`](super::XmlValue) property by property.

use super::{XmlElement, XmlError, XmlName, XmlText, XmlValue};

/// Attribute `name` of `element`, parsed; `None` when absent.
pub fn read_attribute<T: XmlText>(
    element: &XmlElement,
    name: XmlName,
) -> Result<Option<T>, XmlError> {
    element
        .attribute(name.local)
        .map(|text| {
            T::from_xml_text(text).map_err(|e| XmlError::new(format!("@{}: {e}", name.local)))
        })
        .transpose()
}

/// The first child element `name` of `element`, read; `None` when absent.
pub fn read_element<T: XmlValue>(
    element: &XmlElement,
    name: XmlName,
) -> Result<Option<T>, XmlError> {
    element
        .children_named(name.local)
        .next()
        .map(|child| T::read_xml(child).map_err(|e| e.inside(name.local)))
        .transpose()
}

/// Every child element `item` of `element` (an unwrapped array), read in order.
pub fn read_list<T: XmlValue>(element: &XmlElement, item: XmlName) -> Result<Vec<T>, XmlError> {
    element
        .children_named(item.local)
        .map(|child| T::read_xml(child).map_err(|e| e.inside(item.local)))
        .collect()
}

/// The child elements `item` of the child `wrapper` of `element` (a wrapped
/// array); `None` when there is no wrapper element.
pub fn read_wrapped<T: XmlValue>(
    element: &XmlElement,
    wrapper: XmlName,
    item: XmlName,
) -> Result<Option<Vec<T>>, XmlError> {
    element
        .children_named(wrapper.local)
        .next()
        .map(|outer| read_list(outer, item).map_err(|e| e.inside(wrapper.local)))
        .transpose()
}

/// A required property's value, or an error naming what is missing.
pub fn required<T>(value: Option<T>, name: XmlName) -> Result<T, XmlError> {
    value.ok_or_else(|| XmlError::new(format!("missing `{}`", name.local)))
}

/// Implements [`XmlValue`](crate::xml::XmlValue) for a generated struct. Each
/// property is `field => ROLE PRESENCE (NAMES)`: a name is `"local"` or
/// `["local", "prefix", "namespace"]` (`_` for an absent prefix or namespace); ROLE is `attribute`, `element`,
/// `list` (an unwrapped array: one element per item) or `wrapped` (NAMES are the
/// wrapper's and the item's); PRESENCE is `required` (the field is the value),
/// `optional` (an `Option`), `nullable` (an `Option<Option<_>>`: absent and `null`
/// are both no element) or `{EXPR}` (the value, `EXPR()` when absent: a JSON
/// default). Attributes are written first, then child elements in the order given.
/// `skip(field = EXPR, …)` lists the fields XML does not carry (a map of
/// `additionalProperties`, a property of a type XML cannot hold): they are never
/// written and read as `EXPR`.
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_object {
    (
        $ty:ident { $($field:ident => $role:ident $presence:tt ($($name:tt),+)),* $(,)? }
        $(skip($($skipped:ident = $value:expr),* $(,)?))?
    ) => {
        impl $crate::xml::XmlValue for $ty {
            fn write_xml(&self, name: $crate::xml::XmlName, out: &mut $crate::xml::XmlWriter) {
                out.start(name);
                $($crate::__xml_object!(
                    @attribute out, &self.$field, $role $presence ($($crate::__xml_object!(@name $name)),+)
                );)*
                $($crate::__xml_object!(
                    @child out, &self.$field, $role $presence ($($crate::__xml_object!(@name $name)),+)
                );)*
                out.end(name);
            }
            fn read_xml(
                element: &$crate::xml::XmlElement,
            ) -> ::core::result::Result<Self, $crate::xml::XmlError> {
                ::core::result::Result::Ok(Self {
                    $($field: $crate::__xml_object!(
                        @read element, $role $presence ($($crate::__xml_object!(@name $name)),+)
                    ),)*
                    $($($skipped: $value,)*)?
                })
            }
        }
    };

    (@name $local:literal) => {
        $crate::xml::XmlName::plain($local)
    };
    (@name [$local:literal, $prefix:tt, $namespace:tt]) => {
        $crate::xml::XmlName::qualified(
            $local,
            $crate::__xml_object!(@optional $prefix),
            $crate::__xml_object!(@optional $namespace),
        )
    };
    (@optional _) => {
        ::core::option::Option::None
    };
    (@optional $text:literal) => {
        ::core::option::Option::Some($text)
    };

    (@attribute $out:ident, $value:expr, attribute optional ($name:expr)) => {
        if let ::core::option::Option::Some(value) = $value {
            $out.attribute($name, &$crate::xml::XmlText::to_xml_text(value))
        }
    };
    (@attribute $out:ident, $value:expr, attribute nullable ($name:expr)) => {
        if let ::core::option::Option::Some(::core::option::Option::Some(value)) = $value {
            $out.attribute($name, &$crate::xml::XmlText::to_xml_text(value))
        }
    };
    (@attribute $out:ident, $value:expr, attribute $presence:tt ($name:expr)) => {
        $out.attribute($name, &$crate::xml::XmlText::to_xml_text($value))
    };
    (@attribute $out:ident, $value:expr, $role:ident $presence:tt ($($name:expr),+)) => {};

    (@child $out:ident, $value:expr, attribute $presence:tt ($name:expr)) => {};
    (@child $out:ident, $value:expr, element optional ($name:expr)) => {
        if let ::core::option::Option::Some(value) = $value {
            $crate::xml::XmlValue::write_xml(value, $name, $out)
        }
    };
    (@child $out:ident, $value:expr, element nullable ($name:expr)) => {
        if let ::core::option::Option::Some(::core::option::Option::Some(value)) = $value {
            $crate::xml::XmlValue::write_xml(value, $name, $out)
        }
    };
    (@child $out:ident, $value:expr, element $presence:tt ($name:expr)) => {
        $crate::xml::XmlValue::write_xml($value, $name, $out)
    };
    (@child $out:ident, $value:expr, list optional ($item:expr)) => {
        for value in $value.iter().flatten() {
            $crate::xml::XmlValue::write_xml(value, $item, $out)
        }
    };
    (@child $out:ident, $value:expr, list nullable ($item:expr)) => {
        for value in $value.iter().flatten().flatten() {
            $crate::xml::XmlValue::write_xml(value, $item, $out)
        }
    };
    (@child $out:ident, $value:expr, list $presence:tt ($item:expr)) => {
        for value in $value {
            $crate::xml::XmlValue::write_xml(value, $item, $out)
        }
    };
    (@child $out:ident, $value:expr, wrapped optional ($wrapper:expr, $item:expr)) => {
        if let ::core::option::Option::Some(values) = $value {
            $crate::__xml_object!(@child $out, values, wrapped required ($wrapper, $item))
        }
    };
    (@child $out:ident, $value:expr, wrapped nullable ($wrapper:expr, $item:expr)) => {
        if let ::core::option::Option::Some(::core::option::Option::Some(values)) = $value {
            $crate::__xml_object!(@child $out, values, wrapped required ($wrapper, $item))
        }
    };
    (@child $out:ident, $value:expr, wrapped $presence:tt ($wrapper:expr, $item:expr)) => {{
        $out.start($wrapper);
        for value in $value {
            $crate::xml::XmlValue::write_xml(value, $item, $out)
        }
        $out.end($wrapper);
    }};

    (@read $element:ident, attribute required ($name:expr)) => {
        $crate::xml::required($crate::xml::read_attribute($element, $name)?, $name)?
    };
    (@read $element:ident, attribute optional ($name:expr)) => {
        $crate::xml::read_attribute($element, $name)?
    };
    (@read $element:ident, attribute nullable ($name:expr)) => {
        $crate::xml::read_attribute($element, $name)?.map(::core::option::Option::Some)
    };
    (@read $element:ident, attribute {$default:expr} ($name:expr)) => {
        $crate::xml::read_attribute($element, $name)?.unwrap_or_else($default)
    };
    (@read $element:ident, element required ($name:expr)) => {
        $crate::xml::required($crate::xml::read_element($element, $name)?, $name)?
    };
    (@read $element:ident, element optional ($name:expr)) => {
        $crate::xml::read_element($element, $name)?
    };
    (@read $element:ident, element nullable ($name:expr)) => {
        $crate::xml::read_element($element, $name)?.map(::core::option::Option::Some)
    };
    (@read $element:ident, element {$default:expr} ($name:expr)) => {
        $crate::xml::read_element($element, $name)?.unwrap_or_else($default)
    };
    (@read $element:ident, list optional ($item:expr)) => {
        ::core::option::Option::Some($crate::xml::read_list($element, $item)?)
            .filter(|values: &::std::vec::Vec<_>| !values.is_empty())
    };
    (@read $element:ident, list nullable ($item:expr)) => {
        $crate::__xml_object!(@read $element, list optional ($item)).map(::core::option::Option::Some)
    };
    (@read $element:ident, list {$default:expr} ($item:expr)) => {
        $crate::__xml_object!(@read $element, list optional ($item)).unwrap_or_else($default)
    };
    (@read $element:ident, list required ($item:expr)) => {
        $crate::xml::read_list($element, $item)?
    };
    (@read $element:ident, wrapped required ($wrapper:expr, $item:expr)) => {
        $crate::xml::required($crate::xml::read_wrapped($element, $wrapper, $item)?, $wrapper)?
    };
    (@read $element:ident, wrapped optional ($wrapper:expr, $item:expr)) => {
        $crate::xml::read_wrapped($element, $wrapper, $item)?
    };
    (@read $element:ident, wrapped nullable ($wrapper:expr, $item:expr)) => {
        $crate::xml::read_wrapped($element, $wrapper, $item)?.map(::core::option::Option::Some)
    };
    (@read $element:ident, wrapped {$default:expr} ($wrapper:expr, $item:expr)) => {
        $crate::xml::read_wrapped($element, $wrapper, $item)?.unwrap_or_else($default)
    };
}

/// Fails the build of a generated client with typed XML bodies when the `xml`
/// feature is off, saying how to turn it on.
#[doc(hidden)]
#[macro_export]
macro_rules! __require_xml {
    () => {};
}
