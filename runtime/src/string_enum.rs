//! `__string_enum_impls!`: the impls of a generated forward-compatible string enum.
//!
//! ```
//! #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
//! pub enum PetStatus { Available, Pending, Unknown(String) }
//! specforge::__string_enum_impls!(PetStatus { Available => "available", Pending => "pending" });
//!
//! let status: PetStatus = specforge::serde_json::from_str("\"sold\"").unwrap();
//! assert_eq!(status, PetStatus::Unknown("sold".into()));
//! assert_eq!(specforge::serde_json::to_string(&status).unwrap(), "\"sold\"");
//! assert_eq!("pending".parse::<PetStatus>(), Ok(PetStatus::Pending));
//! assert_eq!(PetStatus::Available.to_string(), "available");
//! ```

/// Implements `as_str()`, `Display`, `FromStr<Err = Infallible>`, `Serialize` and
/// `Deserialize` for an enum of unit variants plus `Unknown(String)`. An unknown value
/// deserializes (and parses) to `Unknown` and serializes back unchanged.
#[macro_export]
#[doc(hidden)]
macro_rules! __string_enum_impls {
    ($name:ident { $($variant:ident => $value:literal),* $(,)? }) => {
        impl $name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            fn from_str(value: &str) -> ::core::result::Result<Self, <Self as ::core::str::FromStr>::Err> {
                ::core::result::Result::Ok(match value {
                    $($value => Self::$variant,)*
                    other => Self::Unknown(::std::string::ToString::to_string(other)),
                })
            }
        }

        impl ::specforge::serde::Serialize for $name {
            fn serialize<S: ::specforge::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::specforge::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::specforge::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let value = <::std::string::String as ::specforge::serde::Deserialize>::deserialize(deserializer)?;
                ::core::result::Result::Ok(match value.as_str() {
                    $($value => Self::$variant,)*
                    _ => Self::Unknown(value),
                })
            }
        }
    };
}
