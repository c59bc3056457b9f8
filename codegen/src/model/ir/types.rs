//! Named types and type references: what the `types` module of a client holds.

use crate::diagnostics::Pointer;

use super::Docs;

/// Index of a named type in [`TypeArena`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// All named types, in a deterministic order (components first in document
/// order, then inline types in the order they were met).
#[derive(Debug, Clone, Default)]
pub struct TypeArena {
    /// The types, indexed by [`TypeId`].
    pub defs: Vec<TypeDef>,
}

impl TypeArena {
    /// The type `id` names.
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.defs[id.0]
    }
}

/// A named Rust type (struct, enum or alias) in the `types` module.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Final PascalCase identifier, unique in the `types` module.
    pub name: String,
    /// Where the schema is in the document.
    pub pointer: Pointer,
    /// Title, description and deprecation.
    pub docs: Docs,
    /// What kind of type it is.
    pub kind: TypeKind,
    /// An earlier type of the same shape (see `model/dedup.rs`): this one is emitted as
    /// `pub type {name} = {that name};`. Its `kind` is still its own (equal in
    /// shape), so code that inspects it needs no special case.
    pub same_as: Option<TypeId>,
}

/// What a named type is.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// An object: a struct.
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

/// An object type.
#[derive(Debug, Clone, Default)]
pub struct Struct {
    /// The declared properties, in schema order.
    pub fields: Vec<Field>,
    /// `additionalProperties` with a schema next to declared properties: a
    /// `#[serde(flatten)]` map of these values.
    pub additional_properties: Option<TypeRef>,
}

/// One property of an object type.
#[derive(Debug, Clone)]
pub struct Field {
    /// Final snake_case identifier, unique in the struct, never a keyword.
    pub name: String,
    /// The property name on the wire.
    pub wire_name: String,
    /// Its type (never [`TypeRef::Nullable`]: see `nullable`).
    pub ty: TypeRef,
    /// In the schema's `required` list.
    pub required: bool,
    /// `null` is a valid value (nullable, type null, oneOf with null).
    pub nullable: bool,
    /// The field's type reaches this struct again: box it to break the cycle.
    pub boxed: bool,
    /// `readOnly: true` (absent in requests).
    pub read_only: bool,
    /// `writeOnly: true` (absent in responses).
    pub write_only: bool,
    /// The schema's `default`, when it is valid for the type.
    pub default: Option<serde_json::Value>,
    /// Its description.
    pub docs: Docs,
    /// Where the property is in the document.
    pub pointer: Pointer,
}

/// A string enum.
#[derive(Debug, Clone)]
pub struct StringEnum {
    /// The known values, in schema order.
    pub variants: Vec<EnumVariant>,
}

/// One value of a string enum.
#[derive(Debug, Clone)]
pub struct EnumVariant {
    /// Final PascalCase identifier, unique in the enum (never `Unknown`).
    pub name: String,
    /// The value on the wire.
    pub value: String,
}

/// An enum of numbers or of mixed values.
#[derive(Debug, Clone)]
pub struct ScalarEnum {
    /// Which values it holds.
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

/// One value of a [`ScalarEnum`].
#[derive(Debug, Clone)]
pub struct ScalarVariant {
    /// Final PascalCase identifier, unique in the enum (never `Unknown`).
    pub name: String,
    /// The value on the wire.
    pub value: serde_json::Value,
}

/// A `oneOf`/`anyOf`.
#[derive(Debug, Clone)]
pub struct Union {
    /// Discriminator property (tagged enum) or `None` (untagged, tried in order).
    pub tag: Option<String>,
    /// The alternatives, in schema order.
    pub variants: Vec<UnionVariant>,
}

/// One alternative of a [`Union`].
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// The variant name (PascalCase, unique in the enum).
    pub name: String,
    /// Discriminator values that select this variant (tagged unions only).
    pub tag_values: Vec<String>,
    /// Its type.
    pub ty: TypeRef,
    /// Its type reaches the union again: boxed.
    pub boxed: bool,
}

/// A reference to a type: a primitive, a container, or a named type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    /// `boolean`.
    Bool,
    /// `integer` of this format.
    Integer(IntFormat),
    /// `number` of this format.
    Number(FloatFormat),
    /// `string` (without a format typed otherwise).
    String,
    /// `format: date-time` → `chrono::DateTime<chrono::Utc>`.
    DateTime,
    /// `format: date` → `chrono::NaiveDate`.
    Date,
    /// `format: uuid`.
    Uuid,
    /// `format: byte`: base64 on the wire, `specforge::Base64Bytes` in Rust.
    Base64,
    /// `format: binary` in a JSON document: bytes.
    Binary,
    /// Free-form: `serde_json::Value`.
    Any,
    /// `array` of this item type.
    Array(Box<TypeRef>),
    /// `additionalProperties` only: a map from string keys.
    Map(Box<TypeRef>),
    /// A named type of the arena.
    Named(TypeId),
    /// A type of the user's (setting `replace`): a Rust type path, checked when the
    /// setting was set.
    External(String),
    /// `null` is also a valid value: `Option<T>`. Only in positions that are not
    /// struct fields (array items, map values, union variants, bodies, aliases);
    /// fields say it with [`Field::nullable`] and never hold this.
    Nullable(Box<TypeRef>),
}

/// An integer's Rust type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntFormat {
    /// `int32`: `i32`.
    I32,
    /// `int64` or none: `i64`.
    I64,
    /// `uint32`: `u32`.
    U32,
    /// `uint64`: `u64`.
    U64,
}

/// A number's Rust type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloatFormat {
    /// `float`: `f32`.
    F32,
    /// `double` or none: `f64`.
    F64,
}
