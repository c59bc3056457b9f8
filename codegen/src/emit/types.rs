//! The `types` module: one item per named schema of the model.
//!
//! - structs, with presence mapped exactly: required → `T`; optional →
//!   `Option<T>` skipped when `None`; required + nullable → `Option<T>`
//!   written as `null`; optional + nullable → `Option<Option<T>>` through the
//!   runtime's `double_option` adapter (absent vs `null` kept apart);
//!   `readOnly`/`writeOnly` fields are optional (each is absent in one
//!   direction); JSON defaults through a `Type::default_field` function;
//!   `additionalProperties` next to fields as a `#[serde(flatten)]` map;
//!   `Serialize` derived, `Deserialize` through the runtime's
//!   `__object_deserialize!` (one `visit_map`, a fraction of the derive's compile
//!   cost; `runtime/src/private/object.rs`);
//! - enums (see [`super::enums`]);
//! - aliases; unions (see [`super::unions`]).
//!
//! Derives: `Debug, Clone, PartialEq` (+ `Default` when every field may be
//! absent; a hand-written `Default` when some field has a JSON default).

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use super::docs::{DocBuilder, deprecated_attr, doc_attrs};
use super::idents::ident;
use super::type_ref::Scope;
use crate::model::{Field, Struct, TypeDef, TypeId, TypeKind, TypeRef};

const SERDE_DERIVES: &[&str] = &["Serialize", "Deserialize"];

/// `pub mod types { … }`.
pub(crate) fn module(ctx: &Ctx) -> TokenStream {
    let items = ctx.api.types.defs.iter().enumerate().map(|(index, def)| {
        let extra = extra_derives(ctx, index);
        let attributes = extra_attributes(ctx, index);
        let item = item(ctx, def);
        let xml = super::xml::type_impl(ctx, index);
        let item = quote!(#extra #(#attributes)* #item #xml);
        super::gates::gated(item, &ctx.type_gate(index))
    });
    let allow_deprecated = ctx.allow_deprecated();
    let top = ctx.top_level_attrs();
    let inception = ctx.module_inception("types");
    let require_xml = super::xml::require_feature(ctx);
    quote! {
        /// Types of the API's schemas.
        #top
        #inception
        #allow_deprecated
        pub mod types {
            #require_xml
            #(#items)*
        }
    }
}

/// `#[derive(..)]` of the extra derives of type `index` (setting `derive`; the model
/// kept only those that hold and never puts one on an alias), put before the item's
/// other attributes.
fn extra_derives(ctx: &Ctx, index: usize) -> Option<TokenStream> {
    let paths: Vec<syn::Path> = ctx
        .api
        .extra_derives
        .get(index)?
        .iter()
        .filter_map(|path| syn::parse_str(path).ok())
        .collect();
    (!paths.is_empty()).then(|| quote!(#[derive(#(#paths),*)]))
}

/// `#[…]` of each extra attribute of type `index` (setting `attribute`; the model
/// checked that each parses and left out aliases).
fn extra_attributes(ctx: &Ctx, index: usize) -> Vec<TokenStream> {
    ctx.api
        .extra_attributes
        .get(index)
        .into_iter()
        .flatten()
        .filter_map(|attr| syn::parse_str::<syn::Meta>(attr).ok())
        .map(|meta| quote!(#[#meta]))
        .collect()
}

fn item(ctx: &Ctx, def: &TypeDef) -> TokenStream {
    if let Some(first) = def.same_as {
        return same_shape_alias(ctx, def, first);
    }
    match &def.kind {
        TypeKind::Struct(s) => struct_item(ctx, def, s),
        TypeKind::StringEnum(e) => super::enums::string_enum_item(ctx, def, e),
        TypeKind::ScalarEnum(e) => super::enums::scalar_enum_item(def, e),
        TypeKind::Alias(ty) => {
            let docs = doc_attrs(&def.docs);
            let name = ident(&def.name);
            let ty = ctx.type_tokens(ty, Scope::Types);
            quote!(#docs pub type #name = #ty;)
        }
        TypeKind::Union(u) => super::unions::union_item(ctx, def, u),
    }
}

/// A type whose shape an earlier type has (`model::dedup`): an alias of that one,
/// with its own docs.
fn same_shape_alias(ctx: &Ctx, def: &TypeDef, first: TypeId) -> TokenStream {
    let name = ident(&def.name);
    let first_name = &ctx.api.types.get(first).name;
    let docs = DocBuilder::new()
        .docs(&def.docs)
        .own(&format!(
            "The same type as [`{first_name}`]: the document gives both one shape."
        ))
        .build();
    let deprecated = deprecated_attr(&def.docs);
    let first = ctx.type_tokens(&TypeRef::Named(first), Scope::Types);
    quote!(#docs #deprecated pub type #name = #first;)
}

pub(super) fn serde_derive() -> TokenStream {
    let derives = SERDE_DERIVES.iter().map(|d| {
        let d = ident(d);
        quote!(::specforge::serde::#d)
    });
    quote!(#(#derives),*)
}

/// How one field is present on the wire.
pub(super) enum Presence {
    Required,
    /// Optional with a JSON default: `T` plus a default fn.
    Defaulted(TokenStream),
    Optional,
    RequiredNullable,
    OptionalNullable,
}

/// How many `Option`s wrap the field `name` (its Rust name) of the struct `ty` as
/// emitted, and the field's type; `None` when `ty` is not a struct with that field.
pub(crate) fn field_options(ctx: &Ctx, ty: &TypeRef, name: &str) -> Option<(u8, TypeRef)> {
    let mut ty = ty;
    // Through `Option`s and aliases (at most one hop per type: no endless loop).
    let mut hops = ctx.api.types.defs.len();
    let s = loop {
        match ty {
            TypeRef::Nullable(inner) => ty = inner,
            TypeRef::Named(id) => match &ctx.api.types.defs.get(id.0)?.kind {
                TypeKind::Struct(s) => break s,
                TypeKind::Alias(inner) if hops > 0 => {
                    hops -= 1;
                    ty = inner;
                }
                _ => return None,
            },
            _ => return None,
        }
    };
    let field = s.fields.iter().find(|f| f.name == name)?;
    let options = match presence(ctx, field) {
        Presence::Required | Presence::Defaulted(_) => 0,
        Presence::Optional | Presence::RequiredNullable => 1,
        Presence::OptionalNullable => 2,
    };
    Some((options, field.ty.clone()))
}

pub(super) fn presence(ctx: &Ctx, field: &Field) -> Presence {
    let optional = !field.required || field.read_only || field.write_only;
    match (optional, field.nullable) {
        (false, false) => Presence::Required,
        (false, true) => Presence::RequiredNullable,
        (true, true) => Presence::OptionalNullable,
        (true, false) => {
            let default = field
                .default
                .as_ref()
                .filter(|_| !field.boxed)
                .and_then(|value| ctx.default_expr(&field.ty, value));
            default.map_or(Presence::Optional, Presence::Defaulted)
        }
    }
}

fn struct_item(ctx: &Ctx, def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let docs = doc_attrs(&def.docs);
    let mut parts = StructParts::default();
    for field in &s.fields {
        parts.field(ctx, &name, field);
    }
    let extra = s.additional_properties.as_ref().map(|value_ty| {
        let field_name = ident(&s.additional_properties_field());
        let string = ctx.std(Scope::Types, "String");
        let value_ty = ctx.type_tokens(value_ty, Scope::Types);
        parts.fields.push(quote! {
            /// Properties not declared by the schema.
            #[serde(flatten)]
            pub #field_name: ::std::collections::BTreeMap<#string, #value_ty>,
        });
        parts
            .default_values
            .push(quote!(#field_name: ::std::collections::BTreeMap::new()));
        parts
            .absent
            .push(quote!(#field_name = ::std::collections::BTreeMap::new()));
        quote!(extra #field_name)
    });
    let StructParts {
        fields,
        reads,
        default_fns,
        default_values,
        any_required,
        any_json_default,
        new_args,
        absent,
        setters,
    } = parts;
    let builders = ctx.settings.value_builders.then(|| {
        quote! {
            ::specforge::__object_builders!(#name new(#(#new_args),*) absent(#(#absent),*) with(#(#setters),*));
        }
    });
    let all_absent_ok = !any_required;
    let non_exhaustive = ctx
        .settings
        .value_builders
        .then(|| quote!(#[non_exhaustive]));
    let derive_default = (all_absent_ok && !any_json_default).then(|| quote!(, Default));
    let default_impl = (all_absent_ok && any_json_default).then(|| {
        quote! {
            impl ::std::default::Default for #name {
                fn default() -> Self {
                    Self { #(#default_values),* }
                }
            }
        }
    });
    let default_fns = (!default_fns.is_empty()).then(|| {
        quote! {
            impl #name {
                #(#default_fns)*
            }
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq #derive_default, ::specforge::serde::Serialize)]
        #[serde(crate = "::specforge::serde")]
        #non_exhaustive
        pub struct #name {
            #(#fields)*
        }
        ::specforge::__object_deserialize!(#name { #(#reads),* } #extra);
        #builders
        #default_fns
        #default_impl
    }
}

/// The pieces of a struct item, one field at a time: the field declarations (with
/// their `Serialize` attributes), the `__object_deserialize!` entries, the JSON
/// default functions and the `Default` values.
#[derive(Default)]
struct StructParts {
    fields: Vec<TokenStream>,
    reads: Vec<TokenStream>,
    default_fns: Vec<TokenStream>,
    default_values: Vec<TokenStream>,
    /// Whether some field must be present (else the type can be `Default`).
    any_required: bool,
    any_json_default: bool,
    /// `__object_builders!` parts: `new`'s arguments, the other fields' initial
    /// values, the setters.
    new_args: Vec<TokenStream>,
    absent: Vec<TokenStream>,
    setters: Vec<TokenStream>,
}

impl StructParts {
    fn field(&mut self, ctx: &Ctx, struct_name: &proc_macro2::Ident, field: &Field) {
        let field_name = ident(&field.name);
        let field_docs = doc_attrs(&field.docs);
        let wire = &field.wire_name;
        let rename = (field.wire_name != field.name).then(|| quote!(rename = #wire));
        let option = ctx.std(Scope::Types, "Option");
        let skip_none = skip_if_none(&option);
        let ty = if field.boxed {
            ctx.boxed_type_tokens(&field.ty, Scope::Types)
        } else {
            ctx.type_tokens(&field.ty, Scope::Types)
        };
        let (ty, kind, default_value, ser_args) = match presence(ctx, field) {
            Presence::Required => {
                self.any_required = true;
                (
                    ty,
                    quote!(required),
                    quote!(::std::default::Default::default()),
                    None,
                )
            }
            Presence::Defaulted(expr) => {
                self.any_json_default = true;
                let fn_name = ident(&field.default_fn());
                self.default_fns.push(quote! {
                    fn #fn_name() -> #ty { #expr }
                });
                let kind = quote!(default(#struct_name::#fn_name));
                (ty, kind, quote!(Self::#fn_name()), None)
            }
            Presence::Optional => {
                let ty = quote!(#option<#ty>);
                (ty, quote!(optional), quote!(None), Some(skip_none))
            }
            Presence::RequiredNullable => {
                self.any_required = true;
                (quote!(#option<#ty>), quote!(optional), quote!(None), None)
            }
            Presence::OptionalNullable => {
                let ty = quote!(#option<#option<#ty>>);
                let args = quote!(
                    #skip_none,
                    serialize_with = "::specforge::__private::double_option::serialize"
                );
                (ty, quote!(nullable), quote!(None), Some(args))
            }
        };
        let serde_args: Vec<TokenStream> = rename.into_iter().chain(ser_args).collect();
        let serde_attr = (!serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
        self.fields.push(quote! {
            #field_docs
            #serde_attr
            pub #field_name: #ty,
        });
        self.reads.push(quote!(#field_name => #kind #wire));
        self.builder_parts(ctx, field, &field_name, &default_value);
        self.default_values
            .push(quote!(#field_name: #default_value));
    }

    /// The field's part of `new` (a required field) or its initial value and setter.
    fn builder_parts(
        &mut self,
        ctx: &Ctx,
        field: &Field,
        field_name: &proc_macro2::Ident,
        initial: &TokenStream,
    ) {
        if !ctx.settings.value_builders {
            return;
        }
        let (arg, value) = value_arg(ctx, field, field_name);
        let presence = presence(ctx, field);
        if matches!(presence, Presence::Required) {
            self.new_args.push(quote!(#field_name: #arg = #value));
            return;
        }
        let stored = match presence {
            Presence::Defaulted(_) | Presence::Required => value,
            Presence::Optional | Presence::RequiredNullable => quote!(Some(#value)),
            Presence::OptionalNullable => quote!(Some(Some(#value))),
        };
        let setter = ident(&field.setter());
        self.absent.push(quote!(#field_name = #initial));
        self.setters
            .push(quote!(#setter #field_name: #arg = #stored));
    }
}

/// How a constructor or setter takes a field's value, by the rules of operation
/// parameters: text as `impl Into<String>`, a generated type as `impl Into<T>`
/// (so a union's `From` impls apply), anything else as itself; boxed when the
/// field is. Returns the argument type and the stored expression.
fn value_arg(ctx: &Ctx, field: &Field, name: &proc_macro2::Ident) -> (TokenStream, TokenStream) {
    let into = quote!(::core::convert::Into);
    // Text stored as `String` (not `format: byte`, stored as `Base64Bytes`).
    let text = match ctx.resolve_alias(&field.ty) {
        TypeRef::String | TypeRef::Binary => true,
        TypeRef::DateTime => ctx.settings.date_time_as_string,
        _ => false,
    };
    let (arg, value) = if text {
        let string = ctx.std(Scope::Types, "String");
        (quote!(impl #into<#string>), quote!(#into::into(#name)))
    } else if matches!(ctx.resolve_alias(&field.ty), TypeRef::Named(_)) {
        let ty = ctx.type_tokens(&field.ty, Scope::Types);
        (quote!(impl #into<#ty>), quote!(#into::into(#name)))
    } else {
        (ctx.type_tokens(&field.ty, Scope::Types), quote!(#name))
    };
    if field.boxed {
        let boxed = ctx.std(Scope::Types, "Box");
        (arg, quote!(#boxed::new(#value)))
    } else {
        (arg, value)
    }
}

/// `skip_serializing_if = "Option::is_none"` (fully qualified when the document
/// declares a type named `Option`).
fn skip_if_none(option: &TokenStream) -> TokenStream {
    let is_none = if option.to_string() == "Option" {
        "Option::is_none"
    } else {
        "::std::option::Option::is_none"
    };
    quote!(skip_serializing_if = #is_none)
}

/// `#[allow]`s for clippy lints an enum's generated names may trip:
/// `enum_variant_names` (variants repeating the enum's name or sharing a
/// word) and `large_enum_variant` (unboxed payloads of different sizes).
pub(crate) fn enum_lints(
    enum_name: &str,
    variants: &[String],
    large_payloads: bool,
) -> TokenStream {
    let mut lints = Vec::new();
    let first_word = |s: &str| camel_words(s).first().cloned();
    let last_word = |s: &str| camel_words(s).last().cloned();
    let repeats_name = variants
        .iter()
        .any(|v| v.starts_with(enum_name) || v.ends_with(enum_name));
    let shared = |word: &dyn Fn(&str) -> Option<String>| {
        variants.len() >= 3
            && variants
                .first()
                .and_then(|f| word(f))
                .is_some_and(|w| variants.iter().all(|v| word(v).as_ref() == Some(&w)))
    };
    if repeats_name || shared(&first_word) || shared(&last_word) {
        lints.push(quote!(clippy::enum_variant_names));
    }
    if large_payloads && variants.len() >= 2 {
        lints.push(quote!(clippy::large_enum_variant));
    }
    if lints.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[allow(#(#lints),*)])
    }
}

fn camel_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for c in name.chars() {
        match words.last_mut() {
            Some(word) if !c.is_ascii_uppercase() && c != '_' => word.push(c),
            _ if c == '_' => words.push(String::new()),
            _ => words.push(c.to_string()),
        }
    }
    words.retain(|w| !w.is_empty());
    words
}

impl Ctx<'_> {
    /// `ty` with aliases and same-shape types followed (bounded), for comparing
    /// types as Rust sees them.
    pub(crate) fn canonical(&self, ty: &TypeRef) -> TypeRef {
        let mut ty = self.resolve_alias(ty).clone();
        for _ in 0..32 {
            let TypeRef::Named(id) = &ty else { break };
            match self.api.types.defs.get(id.0).and_then(|d| d.same_as) {
                Some(first) => ty = self.resolve_alias(&TypeRef::Named(first)).clone(),
                None => break,
            }
        }
        ty
    }

    /// Whether `ty` is a JSON object type (a struct or a map, through aliases).
    pub(crate) fn is_object(&self, ty: &TypeRef) -> bool {
        match self.resolve_alias(ty) {
            TypeRef::Map(_) => true,
            TypeRef::Named(id) => {
                matches!(
                    self.api.types.defs.get(id.0).map(|d| &d.kind),
                    Some(TypeKind::Struct(_))
                )
            }
            _ => false,
        }
    }

    /// Whether the struct `ty` declares a property named `wire_name`.
    pub(crate) fn declares_property(&self, ty: &TypeRef, wire_name: &str) -> bool {
        match self.resolve_alias(ty) {
            TypeRef::Named(id) => match self.api.types.defs.get(id.0).map(|d| &d.kind) {
                Some(TypeKind::Struct(s)) => s.fields.iter().any(|f| f.wire_name == wire_name),
                _ => false,
            },
            _ => false,
        }
    }
}
