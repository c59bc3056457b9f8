//! Operation items of the same shape are defined once.
//!
//! Each operation gets its own error enum and response-header structs, and real
//! APIs repeat them: every operation of a bank's API declares the same three
//! response headers and the same `400` error body. Each copy costs the compiler a
//! type with its derived impls and decoding code, so, as for schema types
//! (`model/dedup.rs`), the first item of a shape is defined and every later one
//! keeps its own name and docs as an alias of it:
//!
//! ```ignore
//! /// Error responses of [`Client::list_cards`](super::Client::list_cards). …
//! ///
//! /// The same type as [`GetCardError`]: the operations respond alike.
//! pub type ListCardsError = GetCardError;
//! ```
//!
//! The shape is the item's tokens with its own name replaced (its outer docs are
//! not part of it; docs inside it are), so two items merge only when their
//! definitions would be identical token for token. Operations are emitted in
//! document order, so the defined one is the first operation's, and renaming an
//! operation never renames another item. Lookups are by the token text in a hash
//! map: linear in the size of the output.

use std::cell::RefCell;
use std::collections::HashMap;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The first item of each shape emitted so far in one part of the output.
#[derive(Default)]
pub(crate) struct SharedShapes {
    first: RefCell<HashMap<String, Ident>>,
    /// Items are shared only within one scope (the feature gate of the operation
    /// being emitted, `emit/gates.rs`).
    scope: RefCell<String>,
}

impl SharedShapes {
    /// Items emitted from now on are shared only with items of the same `scope`.
    pub(crate) fn set_scope(&self, scope: String) {
        *self.scope.borrow_mut() = scope;
    }

    /// The item `name`: `definition(name)` preceded by `docs(name)` for the first
    /// item of its shape, else an alias of the first one, documented with
    /// `docs(first)` (so links in the docs point at the defined type).
    ///
    /// `definition` must produce the item without its outer docs, and use the
    /// name it is given for every mention of the item itself.
    pub(crate) fn item(
        &self,
        name: &Ident,
        docs: impl Fn(&Ident) -> TokenStream,
        definition: impl Fn(&Ident) -> TokenStream,
    ) -> TokenStream {
        let placeholder = Ident::new("__SpecforgeShape", name.span());
        let shape = format!("{}|{}", self.scope.borrow(), definition(&placeholder));
        let mut first = self.first.borrow_mut();
        match first.get(&shape) {
            Some(defined) if defined != name => {
                let own_docs = docs(defined);
                let note =
                    format!(" The same type as [`{defined}`]: the operations respond alike.");
                quote! {
                    #own_docs
                    #[doc = ""]
                    #[doc = #note]
                    pub type #name = #defined;
                }
            }
            _ => {
                first.insert(shape, name.clone());
                let own_docs = docs(name);
                let item = definition(name);
                quote! {
                    #own_docs
                    #item
                }
            }
        }
    }
}
