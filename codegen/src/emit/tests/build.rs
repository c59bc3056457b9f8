//! Small constructors for hand-built models.

use crate::diagnostics::Pointer;
use crate::model::*;

pub(super) fn docs(summary: Option<&str>, description: Option<&str>) -> Docs {
    Docs {
        summary: summary.map(str::to_owned),
        description: description.map(str::to_owned),
        deprecated: false,
    }
}

pub(super) fn deprecated(mut docs: Docs) -> Docs {
    docs.deprecated = true;
    docs
}

pub(super) fn field(name: &str, wire: &str, ty: TypeRef, required: bool) -> Field {
    Field {
        name: name.to_owned(),
        wire_name: wire.to_owned(),
        ty,
        required,
        nullable: false,
        boxed: false,
        read_only: false,
        write_only: false,
        default: None,
        docs: Docs::default(),
        pointer: Pointer::root(),
    }
}

pub(super) fn def(name: &str, kind: TypeKind) -> TypeDef {
    TypeDef {
        name: name.to_owned(),
        pointer: Pointer::root()
            .push("components")
            .push("schemas")
            .push(name),
        docs: Docs::default(),
        kind,
        same_as: None,
    }
}

pub(super) fn structure(fields: Vec<Field>) -> TypeKind {
    TypeKind::Struct(Struct {
        fields,
        additional_properties: None,
    })
}

pub(super) fn param(
    name: &str,
    wire: &str,
    location: ParamLocation,
    ty: TypeRef,
    required: bool,
) -> Parameter {
    let (style, explode) = match location {
        ParamLocation::Path | ParamLocation::Header => (ParamStyle::Simple, false),
        ParamLocation::Query | ParamLocation::Cookie => (ParamStyle::Form, true),
    };
    Parameter {
        wire_name: wire.to_owned(),
        name: name.to_owned(),
        location,
        ty,
        required,
        style,
        explode,
        allow_reserved: false,
        content: None,
        docs: Docs::default(),
        pointer: Pointer::root(),
    }
}

pub(super) fn response(
    status: StatusMatch,
    variant: &str,
    body: ResponseBody,
    description: &str,
) -> Response {
    Response {
        status,
        variant_name: variant.to_owned(),
        body,
        media_types: Vec::new(),
        headers: Vec::new(),
        xml_alternate: None,
        implied: false,
        docs: docs(None, Some(description)),
        pointer: Pointer::root(),
    }
}

pub(super) fn body(required: bool, media_type: &str, kind: BodyKind) -> RequestBody {
    RequestBody {
        required,
        media_type: media_type.to_owned(),
        form_encoding: Vec::new(),
        kind,
        docs: Docs::default(),
        pointer: Pointer::root(),
    }
}

pub(super) fn operation(
    id: &str,
    method_name: &str,
    type_name: &str,
    method: HttpMethod,
    path: &str,
) -> Operation {
    Operation {
        id: id.to_owned(),
        method_name: method_name.to_owned(),
        type_name: type_name.to_owned(),
        method,
        path: path.to_owned(),
        tags: Vec::new(),
        docs: Docs::default(),
        params: Vec::new(),
        body: None,
        responses: Vec::new(),
        security: Vec::new(),
        pagination: None,
        idempotency_header: None,
        pointer: Pointer::root().push("paths").push(path),
    }
}

pub(super) fn scheme(key: &str, setter: &str, kind: SecuritySchemeKind) -> SecurityScheme {
    SecurityScheme {
        key: key.to_owned(),
        setter: setter.to_owned(),
        kind,
        docs: Docs::default(),
        pointer: Pointer::root(),
    }
}

pub(super) fn named(id: usize) -> TypeRef {
    TypeRef::Named(TypeId(id))
}

pub(super) fn array(ty: TypeRef) -> TypeRef {
    TypeRef::Array(Box::new(ty))
}

pub(super) fn map(ty: TypeRef) -> TypeRef {
    TypeRef::Map(Box::new(ty))
}
