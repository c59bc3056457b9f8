//! The contract between generated code and the runtime.
//!
//! Everything here is `#[doc(hidden)]` and reached by generated code as
//! `::specforge::__private::…`. It is not a stable user API. Generated code is
//! thin: per operation it fills a [`Request`] (static [`Operation`] description,
//! parameter values, body) and hands it to `send` with a small
//! decode function that maps a [`RawResponse`] to the operation's typed result.
//!
//! Items here may be added to; existing signatures stay as the contract fixes them.

#[path = "private/double_option.rs"]
pub mod double_option;
#[path = "private/mock_client.rs"]
mod mock_client;
#[path = "private/object.rs"]
pub mod object;
#[path = "private/send.rs"]
mod send;
#[path = "private/value_builders.rs"]
mod value_builders;

pub use http::Method;

pub use crate::base64_bytes::codec as base64;
pub use crate::client::ClientCore;
pub use crate::describe::{
    FieldEncoding, Location, Operation, Param, SchemeKind, SecurityScheme, Style,
};
pub use crate::error::{DecodeError, Error, OperationRef};
pub use crate::multipart::Multipart;
pub use crate::request::Request;
pub use crate::response::{Decode, RawResponse, Response};
pub use crate::scalar_enum::serialize_number;
pub use crate::tagged_union::{encode_tagged, union_tag};
pub use crate::typed_header::parse_header;
pub use send::{execute, execute_sse, execute_stream, into_body};

/// A client (of an API with `schemes`) whose every call `mock` answers: what the
/// generated `Client::mock()` builds.
pub fn mock_client(
    mock: &crate::mock::MockServer,
    schemes: &'static [SecurityScheme],
) -> ClientCore {
    let built = crate::ClientBuilder::new(Some(MOCK_BASE_URL), schemes)
        .mocked(mock.clone())
        .build();
    match built {
        Ok(core) => core,
        // A fixed valid base URL and default settings: only the platform (a TLS backend
        // that cannot start) can fail this, never a document; `Client::mock()` is for tests.
        Err(error) => panic!("specforge mock: the mocked client cannot be built: {error}"),
    }
}

/// The base URL of a mocked client (`.invalid`: never resolvable, and never asked for).
const MOCK_BASE_URL: &str = "http://mock.specforge.invalid";

/// Whether a mock answers `core`'s calls (generated code then records each call's
/// arguments with [`Request::record_call`]).
pub fn is_mock(core: &ClientCore) -> bool {
    core.is_mock()
}
pub use send::{link_pages, next_url_pages, send, send_body, send_sse, send_streaming};
