//! `#[cfg(feature = …)]` on the items of an operation or a type, from the gates
//! the model computed (`model/features.rs`, setting `tag_features`).
//!
//! Every item an operation or a type emits gets the same attribute: the items are
//! parsed (`syn`) and the attribute is put first on each, so no emitting function
//! needs to know about features. Without the setting nothing is parsed or changed.

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use crate::model::{Gate, TagFeatures};

impl Ctx<'_> {
    /// The `#[cfg(…)]` of operation `index` (empty when it is always compiled).
    pub(crate) fn operation_gate(&self, index: usize) -> TokenStream {
        self.gate(|features| features.operation_gates.get(index))
    }

    /// The `#[cfg(…)]` of type `index` (empty when it is always compiled).
    pub(crate) fn type_gate(&self, index: usize) -> TokenStream {
        self.gate(|features| features.type_gates.get(index))
    }

    fn gate(&self, pick: impl Fn(&TagFeatures) -> Option<&Gate>) -> TokenStream {
        let Some(features) = &self.api.features else {
            return TokenStream::new();
        };
        pick(features).map_or_else(TokenStream::new, |gate| cfg_attr(features, gate))
    }
}

/// `#[cfg(feature = "a")]` or `#[cfg(any(feature = "a", feature = "b"))]`; empty
/// for [`Gate::Always`].
fn cfg_attr(features: &TagFeatures, gate: &Gate) -> TokenStream {
    let Gate::Any(indices) = gate else {
        return TokenStream::new();
    };
    let names = indices
        .iter()
        .filter_map(|&i| features.features.get(i))
        .map(|f| f.name.as_str());
    let predicates: Vec<TokenStream> = names.map(|name| quote!(feature = #name)).collect();
    match predicates.as_slice() {
        [one] => quote!(#[cfg(#one)]),
        _ => quote!(#[cfg(any(#(#predicates),*))]),
    }
}

/// `items` with `gate` as the first attribute of each item. Tokens that do not
/// parse as items (never the case for emitted code) are returned unchanged, so
/// the compiler, not this function, reports them.
pub(crate) fn gated(items: TokenStream, gate: &TokenStream) -> TokenStream {
    if gate.is_empty() {
        return items;
    }
    let Ok(mut file) = syn::parse2::<syn::File>(items.clone()) else {
        return items;
    };
    for item in &mut file.items {
        // `syn` is built without `clone-impls`: parse the attribute once per item.
        let Ok(attrs) = syn::parse::Parser::parse2(syn::Attribute::parse_outer, gate.clone())
        else {
            return items;
        };
        if let Some(own) = item_attrs(item) {
            own.splice(0..0, attrs);
        }
    }
    let items = file.items;
    quote!(#(#items)*)
}

/// The attributes of an item, for every kind of item emitted code holds.
fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    use syn::Item;
    Some(match item {
        Item::Const(i) => &mut i.attrs,
        Item::Enum(i) => &mut i.attrs,
        Item::Fn(i) => &mut i.attrs,
        Item::Impl(i) => &mut i.attrs,
        Item::Macro(i) => &mut i.attrs,
        Item::Mod(i) => &mut i.attrs,
        Item::Static(i) => &mut i.attrs,
        Item::Struct(i) => &mut i.attrs,
        Item::Trait(i) => &mut i.attrs,
        Item::Type(i) => &mut i.attrs,
        Item::Union(i) => &mut i.attrs,
        Item::Use(i) => &mut i.attrs,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_gets_the_gate_first() {
        let items = quote! {
            /// Docs.
            pub struct A;
            impl A { fn f() {} }
            pub type B = A;
        };
        let gate = quote!(#[cfg(feature = "pets")]);
        let out = gated(items, &gate).to_string();
        assert_eq!(
            out.matches("# [cfg (feature = \"pets\")]").count(),
            3,
            "{out}"
        );
        assert!(
            out.starts_with("# [cfg (feature = \"pets\")] # [doc"),
            "{out}"
        );
    }

    #[test]
    fn no_gate_changes_nothing() {
        let items = quote!(
            pub struct A;
        );
        assert_eq!(
            gated(items.clone(), &TokenStream::new()).to_string(),
            items.to_string()
        );
    }
}
