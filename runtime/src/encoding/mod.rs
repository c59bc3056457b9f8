//! Parameter and form encoding, done by the runtime itself (never `serde_urlencoded`,
//! which writes `+` for a space in a query, nor `Url::join`, which collapses dot
//! segments).
//!
//! A parameter value goes: serde → [`value::ParamValue`] (ordered JSON; primitives by
//! the fast path of [`primitive`]) →
//! [`shape::Shape`] (undefined / primitive / array / object of primitives, or refused) →
//! the style of its location: [`path`], [`query`], [`header`] (headers and cookies).
//! [`form`] encodes form bodies. [`percent`] holds the percent-encoding rules.
//! The vector tests (`vectors/` at the repository root) are in `vector_tests.rs`.

pub(crate) mod form;
pub(crate) mod header;
pub(crate) mod path;
pub(crate) mod percent;
pub(crate) mod primitive;
pub(crate) mod query;
pub(crate) mod shape;
pub(crate) mod value;

#[cfg(test)]
mod vector_tests;

use http::HeaderValue;

use crate::describe::{Location, Param};

/// One parameter, encoded for its location.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Encoded {
    /// Omitted (undefined value).
    Nothing,
    /// The expansion that replaces `{name}` in the path template.
    Path(String),
    /// `name=value` pairs joined by `&`, already percent-encoded.
    Query(String),
    /// A header value.
    Header(HeaderValue),
    /// Cookie `name=value` pairs.
    Cookies(Vec<String>),
}

/// Encodes one parameter value. Errors say what is wrong without repeating the value.
pub(crate) fn encode_param(param: &Param, value: value::ParamValue) -> Result<Encoded, String> {
    let shape = shape::shape_of(value, param.content)?;
    match param.location {
        Location::Path => {
            path::expand(param.name, param.style, param.explode, shape).map(Encoded::Path)
        }
        Location::Query => Ok(
            match query::expand(
                param.name,
                param.style,
                param.explode,
                param.allow_reserved,
                &shape,
            )? {
                Some(text) if !text.is_empty() => Encoded::Query(text),
                _ => Encoded::Nothing,
            },
        ),
        Location::Header => Ok(header::expand_header(param.style, param.explode, &shape)?
            .map_or(Encoded::Nothing, Encoded::Header)),
        Location::Cookie => {
            let pairs = header::expand_cookie(param.name, param.style, param.explode, &shape)?;
            Ok(if pairs.is_empty() {
                Encoded::Nothing
            } else {
                Encoded::Cookies(pairs)
            })
        }
    }
}
