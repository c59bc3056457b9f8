//! Operations: parameters, request bodies and responses.

use crate::diagnostics::Pointer;

use super::{Docs, Pagination, TypeRef, XmlBody};

/// An HTTP method of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    /// `GET`.
    Get,
    /// `PUT`.
    Put,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
    /// `OPTIONS`.
    Options,
    /// `HEAD`.
    Head,
    /// `PATCH`.
    Patch,
    /// `TRACE`.
    Trace,
}

/// One operation of one path.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The operationId as written, or the derived one (`get /pets/{id}` → `get_pets_id`).
    pub id: String,
    /// Client method name (snake_case, unique among operations, not a reserved name).
    pub method_name: String,
    /// Prefix of the operation's types (PascalCase): request value `{type_name}`,
    /// error enum `{type_name}Error`, success enum `{type_name}Response`.
    pub type_name: String,
    /// The HTTP method.
    pub method: HttpMethod,
    /// Path template as written in the document.
    pub path: String,
    /// The operation's `tags`, as written, without repeats.
    pub tags: Vec<String>,
    /// Summary, description and deprecation.
    pub docs: Docs,
    /// In the order of the method signature for required ones: path in template
    /// order, then query, header, cookie in document order. Optional ones follow.
    pub params: Vec<Parameter>,
    /// The request body, when the operation takes one.
    pub body: Option<RequestBody>,
    /// The declared responses, sorted by status (with the implied success last, when no 2xx is declared).
    pub responses: Vec<Response>,
    /// Effective security requirement: alternatives (OR) of scheme names (AND).
    /// Empty: none.
    pub security: Vec<Vec<String>>,
    /// How the operation pages, when it is a paginated list (see `model/pagination.rs`).
    pub pagination: Option<Pagination>,
    /// The header parameter that carries an idempotency key (`Idempotency-Key`, any
    /// case), as declared: the runtime keeps one key across retries.
    pub idempotency_header: Option<String>,
    /// Where the operation is in the document.
    pub pointer: Pointer,
}

/// The fields of an operation's request value, in declaration order after `client` and
/// `options`: each parameter's, then the body's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestFieldNames {
    /// The client the request is sent with.
    pub client: String,
    /// The per-request options.
    pub options: String,
    /// One per parameter, in [`Operation::params`] order.
    pub params: Vec<String>,
    /// The body's, when the operation takes one.
    pub body: Option<String>,
}

/// An operation that could not be generated (reported as SF3001).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedOperation {
    /// `METHOD /path`.
    pub name: String,
    /// Why it was skipped.
    pub reason: String,
}

/// Where a parameter goes (`in`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// In the path template.
    Path,
    /// In the query string.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
}

/// A parameter's serialization `style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    /// `matrix` (`;name=value`).
    Matrix,
    /// `label` (`.value`).
    Label,
    /// `simple` (`a,b`).
    Simple,
    /// `form` (`name=value`).
    Form,
    /// `spaceDelimited`.
    SpaceDelimited,
    /// `pipeDelimited`.
    PipeDelimited,
    /// `deepObject` (`name[key]=value`).
    DeepObject,
}

/// One parameter of an operation.
#[derive(Debug, Clone)]
pub struct Parameter {
    /// Name on the wire.
    pub wire_name: String,
    /// Argument / setter name: snake_case, unique in the operation, not reserved.
    pub name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Its type.
    pub ty: TypeRef,
    /// `required: true` (path parameters always are).
    pub required: bool,
    /// Its style (the location's default when not declared).
    pub style: ParamStyle,
    /// `explode` (the style's default when not declared).
    pub explode: bool,
    /// `allowReserved`.
    pub allow_reserved: bool,
    /// Described by `content` with this media type instead of a schema.
    pub content: Option<String>,
    /// Description and deprecation.
    pub docs: Docs,
    /// Where the parameter is in the document.
    pub pointer: Pointer,
}

/// An operation's request body: the media type chosen (see `model/responses.rs`) and its kind.
#[derive(Debug, Clone)]
pub struct RequestBody {
    /// `required: true`.
    pub required: bool,
    /// The media type sent as `Content-Type`.
    pub media_type: String,
    /// How the body is typed and encoded.
    pub kind: BodyKind,
    /// The Encoding Object entries of a form body (empty: defaults for all).
    pub form_encoding: Vec<FormFieldEncoding>,
    /// `description`.
    pub docs: Docs,
    /// Where the body is in the document.
    pub pointer: Pointer,
}

/// How a request body is typed and encoded.
#[derive(Debug, Clone)]
pub enum BodyKind {
    /// JSON or `+json`.
    Json(TypeRef),
    /// `application/x-www-form-urlencoded`.
    Form(TypeRef),
    /// Any text (`text/*`, YAML; XML that is not typed): a `String`.
    Text,
    /// Anything else: bytes, a stream or a file.
    Binary,
    /// `multipart/form-data`: one typed part per property of the schema.
    Multipart(MultipartBody),
    /// `application/xml`, `text/xml`, `+xml`: a typed value (see `model/xml.rs`).
    Xml(XmlBody),
}

/// The parts of a `multipart/form-data` body, in schema property order. The
/// emitter makes a `{Operation}Body` struct of them in `operations`.
#[derive(Debug, Clone, Default)]
pub struct MultipartBody {
    /// The parts, in property order.
    pub parts: Vec<MultipartPart>,
}

/// One property of a multipart body.
#[derive(Debug, Clone)]
pub struct MultipartPart {
    /// Field name in the body struct: snake_case, unique, never a keyword.
    pub name: String,
    /// The part name on the wire (`Content-Disposition: form-data; name=…`).
    pub wire_name: String,
    /// A file or a value.
    pub kind: PartKind,
    /// An array property: one part per item, all with the same name.
    pub repeated: bool,
    /// In the schema's `required` list.
    pub required: bool,
    /// The Encoding Object's `contentType` for this property.
    pub content_type: Option<String>,
    /// The property's description.
    pub docs: Docs,
}

/// What a multipart part holds.
#[derive(Debug, Clone, PartialEq)]
pub enum PartKind {
    /// `format: binary` (or `contentMediaType`/`contentEncoding` content): a file.
    File,
    /// A value: text for a primitive, JSON for an object or array (runtime
    /// `Multipart::field`), JSON when the encoding's content type says so.
    Value(TypeRef),
}

/// One Encoding Object entry of an `application/x-www-form-urlencoded` body.
#[derive(Debug, Clone, PartialEq)]
pub struct FormFieldEncoding {
    /// The property name.
    pub name: String,
    /// The Encoding Object's `style`.
    pub style: Option<ParamStyle>,
    /// `None`: the style's default.
    pub explode: Option<bool>,
    /// `allowReserved`.
    pub allow_reserved: bool,
    /// The Encoding Object's `contentType`.
    pub content_type: Option<String>,
}

/// A declared response header.
#[derive(Debug, Clone)]
pub struct ResponseHeader {
    /// The header name as declared.
    pub wire_name: String,
    /// Its type.
    pub ty: TypeRef,
    /// Its description.
    pub docs: Docs,
}

/// Which statuses a response entry covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusMatch {
    /// One status code (`200`).
    Code(u16),
    /// `4XX` → `Range(4)`.
    Range(u8),
    /// `default`: any other status.
    Default,
}

impl StatusMatch {
    /// A 2xx code or the `2XX` range (`default` is not a success).
    pub fn is_success(self) -> bool {
        match self {
            StatusMatch::Code(code) => (200..300).contains(&code),
            StatusMatch::Range(range) => range == 2,
            StatusMatch::Default => false,
        }
    }
}

/// One declared response of an operation.
#[derive(Debug, Clone)]
pub struct Response {
    /// The status (or range) it covers.
    pub status: StatusMatch,
    /// Variant name in the error enum (`NotFound`, `ClientError`, `Default`, `Status418`).
    pub variant_name: String,
    /// Its body, decoded from the preferred media type.
    pub body: ResponseBody,
    /// Every media type of the response's `content`, in document order (the
    /// `Accept` header lists them all; `body` is decoded from the preferred one).
    pub media_types: Vec<String>,
    /// Declared response headers (`Content-Type` excluded), in document order.
    pub headers: Vec<ResponseHeader>,
    /// XML offered as another encoding of the JSON body's schema, decoded when the
    /// response says it is XML (setting `accept_xml`; see `model/xml.rs`).
    pub xml_alternate: Option<XmlAlternate>,
    /// Not declared: the success of an operation that declares no 2xx status (any 2xx,
    /// with the `default` response's body and media types), last in the list.
    pub implied: bool,
    /// `description`.
    pub docs: Docs,
    /// Where the response is in the document.
    pub pointer: Pointer,
}

/// The XML encoding of a JSON response body (setting `accept_xml`).
#[derive(Debug, Clone, PartialEq)]
pub struct XmlAlternate {
    /// The declared XML media type (what `.accept_xml()` asks for).
    pub media_type: String,
    /// The typed XML body.
    pub body: XmlBody,
}

/// How a response body is typed and decoded.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseBody {
    /// No `content`: no body.
    None,
    /// JSON (or `+json`, or `*/*` with a schema) of this type.
    Json(TypeRef),
    /// `application/xml`, `text/xml`, `+xml`: a typed value (see `model/xml.rs`).
    Xml(XmlBody),
    /// Text (`text/*`, YAML; XML that is not typed): a `String`.
    Text,
    /// Anything else: bytes.
    Binary,
    /// `text/event-stream` (Server-Sent Events): each event's data is JSON of this
    /// type, or text when `None`.
    EventStream(Option<TypeRef>),
    /// A response declaring several media types with different bodies (JSON
    /// and CSV, JSON and XML): an enum chosen by the response's `Content-Type`, one
    /// variant per alternative (each `Json`, `Text` or `Binary`), plus a raw fallback.
    Negotiated(Vec<MediaAlternative>),
}

/// One variant of a [`ResponseBody::Negotiated`] body.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaAlternative {
    /// Variant name (PascalCase, unique in the enum, never `Other`).
    pub variant_name: String,
    /// The declared media types it covers (several JSON media types with one schema).
    pub media_types: Vec<String>,
    /// `Json`, `Text` or `Binary`.
    pub body: ResponseBody,
}
