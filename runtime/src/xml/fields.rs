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
/// property is `field => ROLE PRESENCE (NAMES)`: ROLE is `attribute`, `element`,
/// `list` (an unwrapped array: one element per item) or `wrapped` (NAMES are the
/// wrapper's and the item's); PRESENCE is `required` (the field is the value) or
/// `optional` (the field is an `Option`). Attributes are written first, then child
/// elements in the order given.
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_object {
    ($ty:ident { $($field:ident => $role:ident $presence:ident ($($name:expr),+)),* $(,)? }) => {
        impl $crate::xml::XmlValue for $ty {
            fn write_xml(&self, name: $crate::xml::XmlName, out: &mut $crate::xml::XmlWriter) {
                out.start(name);
                $($crate::__xml_object!(@attribute out, &self.$field, $role $presence ($($name),+));)*
                $($crate::__xml_object!(@child out, &self.$field, $role $presence ($($name),+));)*
                out.end(name);
            }
            fn read_xml(
                element: &$crate::xml::XmlElement,
            ) -> ::core::result::Result<Self, $crate::xml::XmlError> {
                ::core::result::Result::Ok(Self {
                    $($field: $crate::__xml_object!(@read element, $role $presence ($($name),+)),)*
                })
            }
        }
    };

    (@attribute $out:ident, $value:expr, attribute required ($name:expr)) => {
        $out.attribute($name, &$crate::xml::XmlText::to_xml_text($value))
    };
    (@attribute $out:ident, $value:expr, attribute optional ($name:expr)) => {
        if let ::core::option::Option::Some(value) = $value {
            $out.attribute($name, &$crate::xml::XmlText::to_xml_text(value))
        }
    };
    (@attribute $out:ident, $value:expr, $role:ident $presence:ident ($($name:expr),+)) => {};

    (@child $out:ident, $value:expr, attribute $presence:ident ($name:expr)) => {};
    (@child $out:ident, $value:expr, element required ($name:expr)) => {
        $crate::xml::XmlValue::write_xml($value, $name, $out)
    };
    (@child $out:ident, $value:expr, element optional ($name:expr)) => {
        if let ::core::option::Option::Some(value) = $value {
            $crate::xml::XmlValue::write_xml(value, $name, $out)
        }
    };
    (@child $out:ident, $value:expr, list required ($item:expr)) => {
        for value in $value {
            $crate::xml::XmlValue::write_xml(value, $item, $out)
        }
    };
    (@child $out:ident, $value:expr, list optional ($item:expr)) => {
        for value in $value.iter().flatten() {
            $crate::xml::XmlValue::write_xml(value, $item, $out)
        }
    };
    (@child $out:ident, $value:expr, wrapped required ($wrapper:expr, $item:expr)) => {{
        $out.start($wrapper);
        for value in $value {
            $crate::xml::XmlValue::write_xml(value, $item, $out)
        }
        $out.end($wrapper);
    }};
    (@child $out:ident, $value:expr, wrapped optional ($wrapper:expr, $item:expr)) => {
        if let ::core::option::Option::Some(values) = $value {
            $crate::__xml_object!(@child $out, values, wrapped required ($wrapper, $item))
        }
    };

    (@read $element:ident, attribute required ($name:expr)) => {
        $crate::xml::required($crate::xml::read_attribute($element, $name)?, $name)?
    };
    (@read $element:ident, attribute optional ($name:expr)) => {
        $crate::xml::read_attribute($element, $name)?
    };
    (@read $element:ident, element required ($name:expr)) => {
        $crate::xml::required($crate::xml::read_element($element, $name)?, $name)?
    };
    (@read $element:ident, element optional ($name:expr)) => {
        $crate::xml::read_element($element, $name)?
    };
    (@read $element:ident, list required ($item:expr)) => {
        $crate::xml::read_list($element, $item)?
    };
    (@read $element:ident, list optional ($item:expr)) => {
        ::core::option::Option::Some($crate::xml::read_list($element, $item)?)
            .filter(|values: &::std::vec::Vec<_>| !values.is_empty())
    };
    (@read $element:ident, wrapped required ($wrapper:expr, $item:expr)) => {
        $crate::xml::required($crate::xml::read_wrapped($element, $wrapper, $item)?, $wrapper)?
    };
    (@read $element:ident, wrapped optional ($wrapper:expr, $item:expr)) => {
        $crate::xml::read_wrapped($element, $wrapper, $item)?
    };
}
