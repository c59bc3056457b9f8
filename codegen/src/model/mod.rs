//! The model: the intermediate representation between the OpenAPI document and
//! the emitted Rust code.
//!
//! The model is resolved (no `$ref` left: named schemas are [`TypeId`]s into an
//! arena), named (every identifier is final, made by [`naming`]) and validated
//! (what could not be understood was reported as a diagnostic and degraded).
//! It knows OpenAPI semantics and nothing about tokens; `emit` reads only this.
//! Every node keeps the JSON pointer of the place it came from.

pub(crate) mod attributes;
pub(crate) mod body_alternatives;
pub(crate) mod composition;
pub(crate) mod dedup;
pub(crate) mod derives;
pub(crate) mod enums;
pub(crate) mod features;
pub(crate) mod lower;
pub(crate) mod multipart;
pub(crate) mod naming;
pub(crate) mod negotiation;
pub(crate) mod objects;
pub(crate) mod operations;
pub(crate) mod pagination;
#[cfg(test)]
mod pagination_corpus;
pub(crate) mod params;
pub(crate) mod recursion;
pub(crate) mod refs;
pub(crate) mod renames;
pub(crate) mod replacements;
pub(crate) mod responses;
pub(crate) mod scalars;
pub(crate) mod schema_kinds;
pub(crate) mod schema_values;
pub(crate) mod security;
pub(crate) mod types;
pub(crate) mod unions;
pub(crate) mod xml;

use crate::diagnostics::Pointer;

/// The whole API, ready to emit.
#[derive(Debug, Clone)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    /// Servers with variables replaced by their defaults; the first is the default base URL.
    pub servers: Vec<Server>,
    pub security_schemes: Vec<SecurityScheme>,
    pub operations: Vec<Operation>,
    pub types: TypeArena,
    /// Extra derives of each type (by `TypeId` index; setting `derive`, checked to hold).
    pub extra_derives: Vec<Vec<String>>,
    /// Extra attributes of each type (by `TypeId` index; setting `attribute`), the text
    /// inside `#[…]`.
    pub extra_attributes: Vec<Vec<String>>,
    /// One Cargo feature per tag (setting `tag_features`), with the feature gate of
    /// every operation and type; `None` when the setting is off.
    pub features: Option<features::TagFeatures>,
    /// How each type is read and written as XML (by `TypeId` index): `Some` only for
    /// the types an XML body reaches (see `model/xml.rs`).
    pub xml: Vec<Option<XmlMapping>>,
}

impl Api {
    /// Whether some body is typed XML (the client needs the runtime's `xml` feature).
    pub fn has_xml(&self) -> bool {
        self.xml.iter().any(Option::is_some)
    }
}

#[derive(Debug, Clone)]
pub struct Server {
    pub url: String,
    pub description: Option<String>,
}

/// Documentation carried from the document to rustdoc.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docs {
    /// One-line summary (operation `summary`, schema `title`).
    pub summary: Option<String>,
    /// Longer Markdown text (`description`).
    pub description: Option<String>,
    pub deprecated: bool,
}

// ---------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------

/// Index of a named type in [`TypeArena`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// All named types, in a deterministic order (components first in document
/// order, then inline types in the order they were met).
#[derive(Debug, Clone, Default)]
pub struct TypeArena {
    pub defs: Vec<TypeDef>,
}

impl TypeArena {
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.defs[id.0]
    }
}

/// A named Rust type (struct, enum or alias) in the `types` module.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Final PascalCase identifier, unique in the `types` module.
    pub name: String,
    pub pointer: Pointer,
    pub docs: Docs,
    pub kind: TypeKind,
    /// An earlier type of the same shape (see `model/dedup.rs`): this one is emitted as
    /// `pub type {name} = {that name};`. Its `kind` is still its own (equal in
    /// shape), so code that inspects it needs no special case.
    pub same_as: Option<TypeId>,
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    Struct(Struct),
    /// A string enum, forward compatible (`Unknown(String)`).
    StringEnum(StringEnum),
    /// An enum of integer, number or mixed-type values, forward compatible
    /// (`Unknown(i64)`, `Unknown(f64)`, `Unknown(serde_json::Value)`).
    ScalarEnum(ScalarEnum),
    /// A named schema that is not an object or enum: `pub type Name = <ty>;`
    Alias(TypeRef),
    /// `oneOf` / `anyOf`: an enum over variants (tagged when `tag` is set).
    Union(Union),
}

#[derive(Debug, Clone, Default)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// `additionalProperties` with a schema next to declared properties: a
    /// `#[serde(flatten)]` map of these values.
    pub additional_properties: Option<TypeRef>,
}

#[derive(Debug, Clone)]
pub struct Field {
    /// Final snake_case identifier, unique in the struct, never a keyword.
    pub name: String,
    /// The property name on the wire.
    pub wire_name: String,
    pub ty: TypeRef,
    /// In the schema's `required` list.
    pub required: bool,
    /// `null` is a valid value (nullable, type null, oneOf with null).
    pub nullable: bool,
    /// The field's type reaches this struct again: box it to break the cycle.
    pub boxed: bool,
    pub read_only: bool,
    pub write_only: bool,
    /// The schema's `default`, when it is valid for the type.
    pub default: Option<serde_json::Value>,
    pub docs: Docs,
    pub pointer: Pointer,
}

#[derive(Debug, Clone)]
pub struct StringEnum {
    pub variants: Vec<EnumVariant>,
}

#[derive(Debug, Clone)]
pub struct EnumVariant {
    /// Final PascalCase identifier, unique in the enum (never `Unknown`).
    pub name: String,
    /// The value on the wire.
    pub value: String,
}

#[derive(Debug, Clone)]
pub struct ScalarEnum {
    pub kind: ScalarEnumKind,
    /// Known values, each a JSON integer, number, string or boolean (never
    /// `null`: that makes the type nullable instead). Unique.
    pub variants: Vec<ScalarVariant>,
}

/// What values a [`ScalarEnum`] holds, which decides its Rust representation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarEnumKind {
    /// Integers (`i64`).
    Integer,
    /// Numbers (`f64`).
    Number,
    /// Values of several JSON types (`serde_json::Value`).
    Mixed,
}

#[derive(Debug, Clone)]
pub struct ScalarVariant {
    /// Final PascalCase identifier, unique in the enum (never `Unknown`).
    pub name: String,
    /// The value on the wire.
    pub value: serde_json::Value,
}

#[derive(Debug, Clone)]
pub struct Union {
    /// Discriminator property (tagged enum) or `None` (untagged, tried in order).
    pub tag: Option<String>,
    pub variants: Vec<UnionVariant>,
}

#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub name: String,
    /// Discriminator values that select this variant (tagged unions only).
    pub tag_values: Vec<String>,
    pub ty: TypeRef,
    pub boxed: bool,
}

/// A reference to a type: a primitive, a container, or a named type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    Bool,
    Integer(IntFormat),
    Number(FloatFormat),
    String,
    /// `format: date-time` → `chrono::DateTime<chrono::Utc>`.
    DateTime,
    /// `format: date` → `chrono::NaiveDate`.
    Date,
    Uuid,
    /// `format: byte`: base64 on the wire, `specforge::Base64Bytes` in Rust.
    Base64,
    /// `format: binary` in a JSON document: bytes.
    Binary,
    /// Free-form: `serde_json::Value`.
    Any,
    Array(Box<TypeRef>),
    /// `additionalProperties` only: a map from string keys.
    Map(Box<TypeRef>),
    Named(TypeId),
    /// A type of the user's (setting `replace`): a Rust type path, checked when the
    /// setting was set.
    External(String),
    /// `null` is also a valid value: `Option<T>`. Only in positions that are not
    /// struct fields (array items, map values, union variants, bodies, aliases);
    /// fields say it with [`Field::nullable`] and never hold this.
    Nullable(Box<TypeRef>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntFormat {
    I32,
    I64,
    U32,
    U64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloatFormat {
    F32,
    F64,
}

// ---------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
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
    pub method: HttpMethod,
    /// Path template as written in the document.
    pub path: String,
    /// The operation's `tags`, as written, without repeats.
    pub tags: Vec<String>,
    pub docs: Docs,
    /// In the order of the method signature for required ones: path in template
    /// order, then query, header, cookie in document order. Optional ones follow.
    pub params: Vec<Parameter>,
    pub body: Option<RequestBody>,
    pub responses: Vec<Response>,
    /// Effective security requirement: alternatives (OR) of scheme names (AND).
    /// Empty: none.
    pub security: Vec<Vec<String>>,
    /// How the operation pages, when it is a paginated list (see `model/pagination.rs`).
    pub pagination: Option<pagination::Pagination>,
    pub pointer: Pointer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    Matrix,
    Label,
    Simple,
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

#[derive(Debug, Clone)]
pub struct Parameter {
    /// Name on the wire.
    pub wire_name: String,
    /// Argument / setter name: snake_case, unique in the operation, not reserved.
    pub name: String,
    pub location: ParamLocation,
    pub ty: TypeRef,
    pub required: bool,
    pub style: ParamStyle,
    pub explode: bool,
    pub allow_reserved: bool,
    /// Described by `content` with this media type instead of a schema.
    pub content: Option<String>,
    pub docs: Docs,
    pub pointer: Pointer,
}

#[derive(Debug, Clone)]
pub struct RequestBody {
    pub required: bool,
    pub media_type: String,
    pub kind: BodyKind,
    /// The Encoding Object entries of a form body (empty: defaults for all).
    pub form_encoding: Vec<FormFieldEncoding>,
    pub docs: Docs,
    pub pointer: Pointer,
}

#[derive(Debug, Clone)]
pub enum BodyKind {
    /// JSON or `+json`.
    Json(TypeRef),
    /// `application/x-www-form-urlencoded`.
    Form(TypeRef),
    Text,
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
    pub parts: Vec<MultipartPart>,
}

/// One property of a multipart body.
#[derive(Debug, Clone)]
pub struct MultipartPart {
    /// Field name in the body struct: snake_case, unique, never a keyword.
    pub name: String,
    /// The part name on the wire (`Content-Disposition: form-data; name=…`).
    pub wire_name: String,
    pub kind: PartKind,
    /// An array property: one part per item, all with the same name.
    pub repeated: bool,
    pub required: bool,
    /// The Encoding Object's `contentType` for this property.
    pub content_type: Option<String>,
    pub docs: Docs,
}

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
    pub style: Option<ParamStyle>,
    /// `None`: the style's default.
    pub explode: Option<bool>,
    pub allow_reserved: bool,
    pub content_type: Option<String>,
}

/// A declared response header.
#[derive(Debug, Clone)]
pub struct ResponseHeader {
    /// The header name as declared.
    pub wire_name: String,
    pub ty: TypeRef,
    pub docs: Docs,
}

/// Which statuses a response entry covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusMatch {
    Code(u16),
    /// `4XX` → `Range(4)`.
    Range(u8),
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

#[derive(Debug, Clone)]
pub struct Response {
    pub status: StatusMatch,
    /// Variant name in the error enum (`NotFound`, `ClientError`, `Default`, `Status418`).
    pub variant_name: String,
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
    pub docs: Docs,
    pub pointer: Pointer,
}

/// The XML encoding of a JSON response body (setting `accept_xml`).
#[derive(Debug, Clone, PartialEq)]
pub struct XmlAlternate {
    /// The declared XML media type (what `.accept_xml()` asks for).
    pub media_type: String,
    pub body: XmlBody,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ResponseBody {
    None,
    Json(TypeRef),
    /// `application/xml`, `text/xml`, `+xml`: a typed value (see `model/xml.rs`).
    Xml(XmlBody),
    Text,
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

// ---------------------------------------------------------------------------
// Security
// ---------------------------------------------------------------------------

/// One entry of `components.securitySchemes` (or Swagger 2.0 `securityDefinitions`).
#[derive(Debug, Clone)]
pub struct SecurityScheme {
    /// The key in `securitySchemes`, as written (operations refer to it).
    pub key: String,
    /// Builder setter name: the key in snake_case, unique, not reserved.
    pub setter: String,
    pub kind: SecuritySchemeKind,
    pub docs: Docs,
    pub pointer: Pointer,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SecuritySchemeKind {
    ApiKey {
        location: ParamLocation,
        name: String,
    },
    Basic,
    /// `http` with scheme `bearer` (or another scheme sent as `Authorization: <scheme> <token>`).
    Bearer,
    OAuth2ClientCredentials {
        token_url: String,
        scopes: Vec<String>,
    },
    /// Other OAuth2 flows, `openIdConnect`: a token supplied by the user.
    Token,
}

// ---------------------------------------------------------------------------
// XML
// ---------------------------------------------------------------------------

/// An XML element or attribute name: the OpenAPI XML Object's `name` (else the
/// property or schema name), `prefix` and `namespace`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlName {
    pub local: String,
    pub prefix: Option<String>,
    pub namespace: Option<String>,
}

/// A typed XML body: the value's type and the name of its root element. A body whose
/// schema is an array has `item`: its values are the root's children of that name.
#[derive(Debug, Clone, PartialEq)]
pub struct XmlBody {
    pub ty: TypeRef,
    pub root: XmlName,
    pub item: Option<XmlName>,
    /// The body's schema, where the names come from.
    pub schema: Pointer,
}

/// How a type an XML body reaches is read and written.
#[derive(Debug, Clone, PartialEq)]
pub enum XmlMapping {
    /// A struct: one role per field of [`Struct::fields`], in order.
    Object(Vec<XmlRole>),
    /// A string enum: its wire value is the element's text (or the attribute's).
    Text,
}

/// How one struct field is carried in XML.
#[derive(Debug, Clone, PartialEq)]
pub enum XmlRole {
    /// `xml.attribute: true` on a scalar.
    Attribute(XmlName),
    /// A child element.
    Element(XmlName),
    /// An array, unwrapped: one child element per value.
    List(XmlName),
    /// An array with `xml.wrapped: true`: a wrapper element holding one element per value.
    Wrapped { wrapper: XmlName, item: XmlName },
    /// A property whose type XML cannot hold (reported as SF3311): never written,
    /// read as absent.
    Skipped,
}
