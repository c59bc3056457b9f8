//! What generated code states about a request, as `const`s and `static`s: where and how
//! each parameter goes ([`Param`], [`Location`], [`Style`]), the operation
//! ([`Operation`]), the API's security schemes ([`SecurityScheme`]) and the Encoding
//! Object entries of form bodies ([`FieldEncoding`]). The bottom layer of the runtime:
//! it imports nothing from the crate.

use http::Method;

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// In the path template (`/pets/{petId}`).
    Path,
    /// In the query string.
    Query,
    /// A request header.
    Header,
    /// A cookie (all cookies go in one `Cookie` header).
    Cookie,
}

/// OpenAPI `style` of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `;name=value` (path).
    Matrix,
    /// `.value` (path).
    Label,
    /// `value` / `a,b,c` (path, header).
    Simple,
    /// `name=value` (query, cookie).
    Form,
    /// `name=a%20b%20c` (query arrays).
    SpaceDelimited,
    /// `name=a%7Cb%7Cc` (query arrays).
    PipeDelimited,
    /// `name%5Bkey%5D=value` (query objects).
    DeepObject,
    /// `name=a%09b%09c`: Swagger 2.0 `collectionFormat: tsv`, which no OpenAPI 3 style
    /// expresses (query arrays).
    TabDelimited,
    /// OpenAPI 3.2.0 `style: cookie` (cookie values, never percent-encoded).
    Cookie,
}

/// How one parameter is serialized: a `const` built by generated code.
///
/// `Param::path("petId")` uses the location's default style (path/header:
/// simple, explode false; query/cookie: form, explode true); the `const fn`
/// modifiers change it: `Param::query("tags").style(Style::PipeDelimited).explode(false)`.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    /// The parameter name as written in the document.
    pub name: &'static str,
    /// Where it goes.
    pub location: Location,
    /// Its style.
    pub style: Style,
    /// Its `explode` flag.
    pub explode: bool,
    /// `allowReserved` (query only): reserved characters pass through unencoded.
    pub allow_reserved: bool,
    /// Parameter described by `content` with this media type (e.g. JSON in a query).
    pub content: Option<&'static str>,
}

impl Param {
    /// A path parameter (style simple, explode false).
    pub const fn path(name: &'static str) -> Self {
        Self::new(name, Location::Path, Style::Simple, false)
    }
    /// A query parameter (style form, explode true).
    pub const fn query(name: &'static str) -> Self {
        Self::new(name, Location::Query, Style::Form, true)
    }
    /// A header parameter (style simple, explode false).
    pub const fn header(name: &'static str) -> Self {
        Self::new(name, Location::Header, Style::Simple, false)
    }
    /// A cookie parameter (style form, explode true).
    pub const fn cookie(name: &'static str) -> Self {
        Self::new(name, Location::Cookie, Style::Form, true)
    }
    const fn new(name: &'static str, location: Location, style: Style, explode: bool) -> Self {
        Self {
            name,
            location,
            style,
            explode,
            allow_reserved: false,
            content: None,
        }
    }
    /// Sets the style.
    pub const fn style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }
    /// Sets `explode`.
    pub const fn explode(mut self, explode: bool) -> Self {
        self.explode = explode;
        self
    }
    /// Sets `allowReserved`.
    pub const fn allow_reserved(mut self, allow: bool) -> Self {
        self.allow_reserved = allow;
        self
    }
    /// Marks the parameter as described by `content` with this media type: the value is
    /// serialized to that media type's text (JSON) and the text encoded for its location.
    pub const fn content(mut self, media_type: &'static str) -> Self {
        self.content = Some(media_type);
        self
    }
}

/// Static description of one operation, emitted once per operation as a `static`.
#[derive(Debug)]
pub struct Operation {
    /// operationId as written in the document (or the derived name).
    pub id: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path template as written in the document, e.g. `/pets/{petId}`.
    pub path: &'static str,
    /// Value of the `Accept` header (the declared response media types, joined by `, `), or "".
    pub accept: &'static str,
    /// The operation's effective `security`: alternatives (OR) of scheme-name sets (AND).
    /// Empty slice: no security. Names refer to the client's [`SecurityScheme`]s.
    pub security: &'static [&'static [&'static str]],
    /// Name of a declared idempotency-key header parameter, if any.
    pub idempotency_header: Option<&'static str>,
}

/// One `securitySchemes` entry, emitted as a `static` slice per client.
#[derive(Debug, Clone, Copy)]
pub struct SecurityScheme {
    /// The key in `components.securitySchemes`.
    pub name: &'static str,
    /// What it puts on the wire.
    pub kind: SchemeKind,
}

/// What a security scheme puts on the wire.
#[derive(Debug, Clone, Copy)]
pub enum SchemeKind {
    /// `apiKey`: the key in this header, query parameter or cookie.
    ApiKey {
        /// Header, query or cookie.
        location: Location,
        /// The header, query parameter or cookie name.
        param: &'static str,
    },
    /// `http` `basic`.
    Basic,
    /// `http` `bearer` (and any other http scheme sent as `Authorization: <scheme> <token>`).
    Bearer,
    /// `oauth2` with a client-credentials flow.
    OAuth2ClientCredentials {
        /// The `tokenUrl` (may be relative to the base URL).
        token_url: &'static str,
        /// The scopes the scheme declares.
        scopes: &'static [&'static str],
    },
    /// Other OAuth2 flows and `openIdConnect`: a token (or token source) supplied by the user.
    Token,
}

/// One Encoding Object entry of a form-urlencoded body (a `const` in generated code):
/// `FieldEncoding::new("tags").style(Style::PipeDelimited).explode(false)` or
/// `FieldEncoding::new("meta").content_type("application/json")`.
#[derive(Debug, Clone, Copy)]
pub struct FieldEncoding {
    /// The property name.
    pub name: &'static str,
    /// `style` (`None`: not given).
    pub style: Option<Style>,
    /// `explode` (default true with style form).
    pub explode: bool,
    /// `allowReserved`.
    pub allow_reserved: bool,
    /// `contentType`.
    pub content_type: Option<&'static str>,
}

impl FieldEncoding {
    /// An entry for property `name` with nothing set.
    pub const fn new(name: &'static str) -> Self {
        Self {
            name,
            style: None,
            explode: true,
            allow_reserved: false,
            content_type: None,
        }
    }
    /// Sets `style`; `explode` defaults to true for `form` and false otherwise.
    pub const fn style(mut self, style: Style) -> Self {
        self.style = Some(style);
        self.explode = matches!(style, Style::Form);
        self
    }
    /// Sets `explode`.
    pub const fn explode(mut self, explode: bool) -> Self {
        self.explode = explode;
        self
    }
    /// Sets `allowReserved`.
    pub const fn allow_reserved(mut self, allow: bool) -> Self {
        self.allow_reserved = allow;
        self
    }
    /// Sets `contentType`.
    pub const fn content_type(mut self, content_type: &'static str) -> Self {
        self.content_type = Some(content_type);
        self
    }
}
