//! Security schemes.

use crate::diagnostics::Pointer;

use super::{Docs, ParamLocation};

/// One entry of `components.securitySchemes` (or Swagger 2.0 `securityDefinitions`).
#[derive(Debug, Clone)]
pub struct SecurityScheme {
    /// The key in `securitySchemes`, as written (operations refer to it).
    pub key: String,
    /// Builder setter name: the key in snake_case, unique, not reserved.
    pub setter: String,
    /// How the credential is sent.
    pub kind: SecuritySchemeKind,
    /// `description`.
    pub docs: Docs,
    /// Where the scheme is in the document.
    pub pointer: Pointer,
}

/// How a security scheme sends its credential.
#[derive(Debug, Clone, PartialEq)]
pub enum SecuritySchemeKind {
    /// `apiKey`: a key in a header, the query or a cookie.
    ApiKey {
        /// Where the key goes.
        location: ParamLocation,
        /// The header, query parameter or cookie name.
        name: String,
    },
    /// HTTP basic authentication.
    Basic,
    /// `http` with scheme `bearer` (or another scheme sent as `Authorization: <scheme> <token>`).
    Bearer,
    /// OAuth2 client credentials: the client fetches and refreshes the token.
    OAuth2ClientCredentials {
        /// The token endpoint.
        token_url: String,
        /// The scopes it asks for.
        scopes: Vec<String>,
    },
    /// Other OAuth2 flows, `openIdConnect`: a token supplied by the user.
    Token,
}
