//! Constructors and setters for generated object types, and `From` impls for
//! generated unions, through `macro_rules!` (compact generated text; the bodies
//! are one assignment each, cheap to check).
//!
//! ```
//! #[derive(Debug, PartialEq)]
//! pub struct Pet {
//!     pub name: String,
//!     pub tag: Option<String>,
//!     pub age: Option<Option<i64>>,
//! }
//! specforge::__object_builders!(Pet
//!     new(name: impl Into<String> = name.into())
//!     absent(tag = None, age = None)
//!     with(with_tag tag: impl Into<String> = Some(tag.into()),
//!          with_age age: i64 = Some(Some(age)))
//! );
//! let pet = Pet::new("Rex").with_tag("dog").with_age(3);
//! assert_eq!(pet, Pet { name: "Rex".into(), tag: Some("dog".into()), age: Some(Some(3)) });
//!
//! #[derive(Debug, PartialEq)]
//! pub enum Id { Text(String), Number(i64) }
//! specforge::__union_from!(Id { Text(String), Number(i64) } str Text);
//! assert_eq!(Id::from("a"), Id::Text("a".into()));
//! assert_eq!(Id::from(7), Id::Number(7));
//! ```

/// `new(..)` taking the required fields (`field: ArgType = value`), every other
/// field set by `absent(field = value)`, and one chainable setter per optional
/// field (`with(setter field: ArgType = value)`).
#[macro_export]
#[doc(hidden)]
macro_rules! __object_builders {
    ($name:ident
        new($($req:ident : $req_ty:ty = $req_value:expr),* $(,)?)
        absent($($rest:ident = $rest_value:expr),* $(,)?)
        with($($setter:ident $field:ident : $field_ty:ty = $field_value:expr),* $(,)?)
    ) => {
        impl $name {
            /// A value with the given required properties; the optional ones absent
            /// (or at their documented default). Set them with the `with_*` methods.
            #[allow(clippy::too_many_arguments, clippy::new_without_default)]
            pub fn new($($req: $req_ty),*) -> Self {
                Self {
                    $($req: $req_value,)*
                    $($rest: $rest_value,)*
                }
            }
            $(
                #[doc = ::core::concat!("Sets `", ::core::stringify!($field), "`.")]
                #[must_use]
                pub fn $setter(mut self, $field: $field_ty) -> Self {
                    self.$field = $field_value;
                    self
                }
            )*
        }
    };
}

/// `From<payload>` for each listed variant of a union (payload types distinct),
/// and `From<&str>` into the variant named after `str`.
#[macro_export]
#[doc(hidden)]
macro_rules! __union_from {
    ($name:ident { $($variant:ident($ty:ty)),* $(,)? } $(str $text:ident)?) => {
        $(
            impl ::core::convert::From<$ty> for $name {
                fn from(value: $ty) -> Self {
                    Self::$variant(value)
                }
            }
        )*
        $(
            impl ::core::convert::From<&str> for $name {
                fn from(value: &str) -> Self {
                    Self::$text(::core::convert::Into::into(value))
                }
            }
        )?
    };
}
