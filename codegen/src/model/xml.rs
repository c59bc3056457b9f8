//! Typed XML bodies: the OpenAPI XML Object read into the model.
//!
//! Lowering marks each request or response body whose chosen media type is XML
//! ([`pending_body`]); this post-pass ([`type_xml_bodies`]) then decides, body by
//! body, whether its type can be XML and gives every type it reaches an
//! [`XmlMapping`]:
//!
//! - a struct maps each field to a role: an attribute (`xml.attribute: true` on a
//!   scalar), a child element, an unwrapped list (one element per value, named by the
//!   items' `xml.name`, else the property name) or a wrapped one (`xml.wrapped: true`:
//!   a wrapper named by the property's `xml.name`, else the property name); element
//!   and attribute names are the property's `xml.name`, else the property name, with
//!   its `xml.prefix` and `xml.namespace`;
//! - a string enum is text;
//! - the root element is named by the body schema's `xml.name` (on the `$ref` or its
//!   target), else the component's name, else the type's; a body whose schema is an
//!   array is a list of elements named as its items are.
//!
//! What XML cannot hold here: maps, unions, free-form values, bytes, number enums,
//! arrays of arrays, replaced types. An optional property of such a type is left out
//! of the XML (SF3311, read as absent); a required one, or a body of such a type,
//! keeps the body as text, as before (SF3310). A body whose schema is a plain string
//! or free-form (`{}`, an object without properties) is text without a warning. See docs/xml.md.

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;

use super::{
    Api, BodyKind, Field, ResponseBody, TypeArena, TypeId, TypeKind, TypeRef, XmlBody, XmlMapping,
    XmlName, XmlRole, refs,
};
use crate::diagnostics::{Diagnostic, Diagnostics, Pointer};

/// An XML body found by lowering, before its names are known.
pub(crate) fn pending_body(ty: TypeRef, schema: Pointer) -> XmlBody {
    XmlBody {
        ty,
        root: plain(""),
        item: None,
        schema,
    }
}

fn plain(local: &str) -> XmlName {
    XmlName {
        local: local.to_owned(),
        prefix: None,
        namespace: None,
    }
}

/// Names every XML body, keeps as text those whose type XML cannot hold (SF3310),
/// and sets [`Api::xml`] for the types the others reach.
pub(crate) fn type_xml_bodies(document: &Value, api: &mut Api, diags: &mut Diagnostics) {
    let Api {
        operations,
        types,
        xml,
        ..
    } = api;
    let mut mapper = Mapper {
        document,
        types,
        roles: HashMap::new(),
        failed_from: HashMap::new(),
        diags,
    };
    let mut mapped = vec![None; types.defs.len()];
    for op in operations.iter_mut() {
        if let Some(body) = &mut op.body
            && let BodyKind::Xml(xml_body) = &mut body.kind
            && !mapper.accept(xml_body, &mut mapped, AS_TEXT)
        {
            body.kind = BodyKind::Text;
        }
        for response in op.responses.iter_mut().filter(|r| !r.implied) {
            if let ResponseBody::Xml(xml_body) = &mut response.body
                && !mapper.accept(xml_body, &mut mapped, AS_TEXT)
            {
                response.body = ResponseBody::Text;
            }
            if let Some(alternate) = &mut response.xml_alternate
                && !mapper.accept(&mut alternate.body, &mut mapped, JSON_ONLY)
            {
                response.xml_alternate = None;
            }
        }
        follow_default(&mut op.responses);
    }
    *xml = mapped;
}

/// The implied success (`model/responses.rs`) takes the `default` response's body
/// as the post-pass left it, so each XML body is checked and reported once.
fn follow_default(responses: &mut [super::Response]) {
    let Some(default) = responses
        .iter()
        .find(|r| r.status == super::StatusMatch::Default)
        .map(|d| (d.body.clone(), d.xml_alternate.clone()))
    else {
        return;
    };
    for implied in responses.iter_mut().filter(|r| r.implied) {
        (implied.body, implied.xml_alternate) = default.clone();
    }
}

/// What happens to an XML body that cannot be typed (SF3310).
const AS_TEXT: &str = "it is sent and returned as text";
/// What happens to the XML encoding of a JSON response that cannot be typed (SF3310).
const JSON_ONLY: &str = "the response is decoded from JSON only";

/// The OpenAPI XML Object of one schema, read leniently (a field of the wrong
/// JSON type counts as absent).
#[derive(Debug, Default)]
struct XmlObject {
    name: Option<String>,
    prefix: Option<String>,
    namespace: Option<String>,
    attribute: bool,
    wrapped: bool,
}

impl XmlObject {
    fn of(schema: Option<&Value>) -> Self {
        let Some(xml) = schema.and_then(|s| s.get("xml")) else {
            return Self::default();
        };
        let text = |key: &str| {
            xml.get(key)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let flag = |key: &str| xml.get(key).and_then(Value::as_bool).unwrap_or(false);
        Self {
            name: text("name"),
            prefix: text("prefix"),
            namespace: text("namespace"),
            attribute: flag("attribute"),
            wrapped: flag("wrapped"),
        }
    }

    /// This object's name with its prefix and namespace, `local` when it has no name.
    fn name_or(&self, local: &str) -> XmlName {
        XmlName {
            local: self.name.clone().unwrap_or_else(|| local.to_owned()),
            prefix: self.prefix.clone(),
            namespace: self.namespace.clone(),
        }
    }
}

/// What a type is in XML.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    /// Text: a scalar, or the string enum with this id.
    Scalar(Option<TypeId>),
    /// A struct: an element with children.
    Object(TypeId),
    /// An array of scalars or objects.
    List(Box<Shape>),
    /// Something XML cannot hold here, and why.
    No(String),
}

struct Mapper<'a> {
    document: &'a Value,
    types: &'a TypeArena,
    /// Each struct's field roles, or why it cannot be XML (computed once per type).
    roles: HashMap<TypeId, Result<Vec<XmlRole>, String>>,
    /// Body root types from which a walk failed, and why.
    failed_from: HashMap<TypeId, String>,
    diags: &'a mut Diagnostics,
}

impl<'a> Mapper<'a> {
    /// Names `body` and maps the types it reaches into `mapped`; `false` (after a
    /// warning, unless the body is a plain string) when its type cannot be XML.
    fn accept(
        &mut self,
        body: &mut XmlBody,
        mapped: &mut [Option<XmlMapping>],
        otherwise: &str,
    ) -> bool {
        // A string or free-form schema says nothing about the document: text, quietly.
        let free_form = match self.through_aliases(&body.ty) {
            TypeRef::String | TypeRef::Any => true,
            TypeRef::Map(values) => **values == TypeRef::Any,
            _ => false,
        };
        if free_form {
            return false;
        }
        let result = self
            .name_root(body)
            .and_then(|()| self.reach(&body.ty, mapped));
        match result {
            Ok(reached) => {
                for (id, mapping) in reached {
                    mapped[id.0] = Some(mapping);
                }
                true
            }
            Err(why) => {
                self.diags.push(
                    Diagnostic::warning(
                        "SF3310",
                        body.schema.clone(),
                        format!("XML body is not typed ({why}); {otherwise}"),
                    )
                    .with_help("describe the body as an object whose properties are scalars, objects or arrays of them"),
                );
                false
            }
        }
    }

    /// Sets the root element's name (and the items' name of a list body).
    fn name_root(&self, body: &mut XmlBody) -> Result<(), String> {
        let schema = refs::lookup(self.document, &body.schema);
        let (target, component) = self.resolve(schema, &body.schema);
        let own = XmlObject::of(schema);
        let theirs = XmlObject::of(target);
        let root = if own.name.is_some() { own } else { theirs };
        match self.shape(&body.ty) {
            Shape::Object(id) => {
                let fallback = component.unwrap_or_else(|| self.types.get(id).name.clone());
                body.root = root.name_or(&fallback);
                Ok(())
            }
            Shape::List(inner) => {
                let items = target.and_then(|t| t.get("items"));
                let item_at = body.schema.push("items");
                let (items_target, items_component) = self.resolve(items, &item_at);
                let fallback = items_component
                    .or_else(|| match *inner {
                        Shape::Object(id) | Shape::Scalar(Some(id)) => {
                            Some(self.types.get(id).name.clone())
                        }
                        _ => None,
                    })
                    .unwrap_or_else(|| "item".to_owned());
                let item = XmlObject::of(items_target).name_or(&fallback);
                body.root = root.name_or(&component.unwrap_or_else(|| item.local.clone()));
                body.item = Some(item);
                Ok(())
            }
            Shape::Scalar(_) => Err("its schema is a single value, not an object".to_owned()),
            Shape::No(why) => Err(why),
        }
    }

    /// The schema a `$ref` leads to, and the component's name when it was one.
    fn resolve(
        &self,
        schema: Option<&'a Value>,
        at: &Pointer,
    ) -> (Option<&'a Value>, Option<String>) {
        let Some(schema) = schema else {
            return (None, None);
        };
        match refs::follow(self.document, schema, at) {
            Ok((target, target_at)) if schema.get("$ref").is_some() => {
                (Some(target), target_at.tokens().last())
            }
            Ok((target, _)) => (Some(target), None),
            Err(_) => (Some(schema), None),
        }
    }

    /// Every type `ty` reaches through carried fields, with its mapping; `Err` when
    /// one of them cannot be XML.
    ///
    /// Types an earlier body already mapped are not walked again (their part of the
    /// graph was checked), and a type from which a walk failed fails at once the next
    /// time, so the work over all bodies stays linear in the types and fields in the
    /// common cases (many operations sharing types and error bodies).
    fn reach(
        &mut self,
        ty: &TypeRef,
        mapped: &[Option<XmlMapping>],
    ) -> Result<Vec<(TypeId, XmlMapping)>, String> {
        let root = self.shape(ty);
        let root_id = match &root {
            Shape::Object(id) => Some(*id),
            Shape::List(inner) => match **inner {
                Shape::Object(id) => Some(id),
                _ => None,
            },
            _ => None,
        };
        if let Some(why) = root_id.and_then(|id| self.failed_from.get(&id)) {
            return Err(why.clone());
        }
        let result = self.walk(root, mapped);
        if let (Some(id), Err(why)) = (root_id, &result) {
            self.failed_from.insert(id, why.clone());
        }
        result
    }

    fn walk(
        &mut self,
        root: Shape,
        mapped: &[Option<XmlMapping>],
    ) -> Result<Vec<(TypeId, XmlMapping)>, String> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        let mut pending = vec![root];
        while let Some(shape) = pending.pop() {
            match shape {
                Shape::Scalar(None) => {}
                Shape::Scalar(Some(id)) => {
                    if seen.insert(id) && mapped[id.0].is_none() {
                        out.push((id, XmlMapping::Text));
                    }
                }
                Shape::Object(id) => {
                    if !seen.insert(id) || mapped[id.0].is_some() {
                        continue;
                    }
                    let roles = self.roles(id)?;
                    let TypeKind::Struct(s) = &self.types.get(id).kind else {
                        continue;
                    };
                    for (field, role) in s.fields.iter().zip(&roles) {
                        if *role != XmlRole::Skipped {
                            pending.push(self.shape(&field.ty));
                        }
                    }
                    out.push((id, XmlMapping::Object(roles)));
                }
                Shape::List(inner) => pending.push(*inner),
                Shape::No(why) => return Err(why),
            }
        }
        Ok(out)
    }

    /// The field roles of struct `id` (computed once; SF3311 for each field left out).
    fn roles(&mut self, id: TypeId) -> Result<Vec<XmlRole>, String> {
        if let Some(known) = self.roles.get(&id) {
            return known.clone();
        }
        let types = self.types;
        let def = types.get(id);
        let result = match &def.kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .map(|field| self.field_role(&def.name, field))
                .collect(),
            _ => Err(format!("`{}` is not an object", def.name)),
        };
        self.roles.insert(id, result.clone());
        result
    }

    fn field_role(&mut self, type_name: &str, field: &Field) -> Result<XmlRole, String> {
        let property = refs::lookup(self.document, &field.pointer);
        let own = XmlObject::of(property);
        let name = own.name_or(&field.wire_name);
        match self.shape(&field.ty) {
            Shape::Scalar(_) if own.attribute => Ok(XmlRole::Attribute(name)),
            Shape::Scalar(_) | Shape::Object(_) => Ok(XmlRole::Element(name)),
            Shape::List(_) => {
                let (target, _) = self.resolve(property, &field.pointer);
                let items_at = field.pointer.push("items");
                let items = target.and_then(|t| t.get("items"));
                let (items, _) = self.resolve(items, &items_at);
                let item = XmlObject::of(items).name_or(&field.wire_name);
                Ok(if own.wrapped {
                    XmlRole::Wrapped {
                        wrapper: name,
                        item,
                    }
                } else {
                    XmlRole::List(item)
                })
            }
            Shape::No(why) => {
                let may_be_absent =
                    !field.required || field.read_only || field.write_only || field.nullable;
                if !may_be_absent {
                    return Err(format!(
                        "required property `{}` of `{type_name}` is {why}",
                        field.wire_name
                    ));
                }
                self.diags.push(
                    Diagnostic::warning(
                        "SF3311",
                        field.pointer.clone(),
                        format!(
                            "property `{}` of `{type_name}` is {why}; it is left out of XML bodies",
                            field.wire_name
                        ),
                    )
                    .with_help(
                        "give the property a scalar, object or array type to carry it in XML",
                    ),
                );
                Ok(XmlRole::Skipped)
            }
        }
    }

    /// What `ty` is in XML.
    fn shape(&self, ty: &TypeRef) -> Shape {
        let mut ty = ty;
        // Aliases of aliases are finite (the arena is acyclic through aliases), but a
        // bound keeps a malformed arena from looping.
        for _ in 0..64 {
            match ty {
                TypeRef::Bool
                | TypeRef::Integer(_)
                | TypeRef::Number(_)
                | TypeRef::String
                | TypeRef::DateTime
                | TypeRef::Date
                | TypeRef::Uuid => return Shape::Scalar(None),
                TypeRef::Array(inner) => {
                    return match self.shape(inner) {
                        Shape::List(_) => Shape::No("an array of arrays".to_owned()),
                        Shape::No(why) => Shape::No(why),
                        item => Shape::List(Box::new(item)),
                    };
                }
                TypeRef::Named(id) => {
                    let id = self.canonical(*id);
                    let def = self.types.get(id);
                    match &def.kind {
                        TypeKind::Struct(_) => return Shape::Object(id),
                        TypeKind::StringEnum(_) => return Shape::Scalar(Some(id)),
                        TypeKind::Alias(inner) => ty = inner,
                        TypeKind::ScalarEnum(_) => {
                            return Shape::No(format!("`{}`, a number enum", def.name));
                        }
                        TypeKind::Union(_) => {
                            return Shape::No(format!("`{}`, a `oneOf`/`anyOf`", def.name));
                        }
                    }
                }
                other => return Shape::No(unsupported(other).to_owned()),
            }
        }
        Shape::No("an alias chain too long to follow".to_owned())
    }

    /// `ty`, or what the alias it names stands for.
    fn through_aliases<'t>(&self, mut ty: &'t TypeRef) -> &'t TypeRef
    where
        'a: 't,
    {
        for _ in 0..64 {
            let TypeRef::Named(id) = ty else { break };
            let TypeKind::Alias(inner) = &self.types.get(self.canonical(*id)).kind else {
                break;
            };
            ty = inner;
        }
        ty
    }

    /// The type `id` is emitted as (a type deduplicated into an earlier one is that one).
    fn canonical(&self, mut id: TypeId) -> TypeId {
        for _ in 0..64 {
            match self.types.get(id).same_as {
                Some(same) if same != id => id = same,
                _ => break,
            }
        }
        id
    }
}

fn unsupported(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::Map(_) => "a map (`additionalProperties`)",
        TypeRef::Any => "a free-form value",
        TypeRef::Base64 | TypeRef::Binary => "bytes",
        TypeRef::External(_) => "a replaced type",
        TypeRef::Nullable(_) => "a nullable array item",
        _ => "a type XML cannot hold",
    }
}

#[cfg(test)]
#[path = "xml_tests.rs"]
mod tests;
