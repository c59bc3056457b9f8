//! Paginated operations: `.pages()` and `.stream()` on the request value.
//!
//! Detection is the model's (`model/pagination.rs`); here each convention gets
//! its thin glue, the loop is the runtime's:
//! - `Link`: the request value's own `into_request()` (the one every way of
//!   sending starts from) is handed to `__private::link_pages` with the decode function (mapped to the items
//!   property when the items are not the whole body);
//! - cursor, offset, page number: `::specforge::pagination::paginate(self,
//!   into_future, next_page, page_items)`, where `next_page` (generated, one
//!   small function) clones the request value and sets the next cursor / offset /
//!   page from the page it got, or gives `None` on the last page (empty or short
//!   page, missing/empty/repeated cursor, integer overflow);
//! - next URL: the request is built as for `Link` and handed to
//!   `__private::next_url_pages` with the decode function, `next_url` (generated: the
//!   string at the detected property, `None` when absent or `null`) and `page_items`;
//!   the runtime resolves and follows the URL (credentials only to the same origin).
//!
//! `.stream()` is `::specforge::pagination::flatten(self.pages())`. The request
//! value of a paginated operation derives `Clone`.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::Ctx;
use super::idents::ident;
use super::type_ref::Scope;
use crate::model::{FieldStep, ItemsAt, Pagination, PaginationKind};
use crate::model::{Operation, Parameter};

/// What the operation emitter already made for the request value.
pub(crate) struct RequestParts<'a> {
    /// Parameters and their field names in the request struct.
    pub(crate) params: &'a [(&'a Parameter, Ident)],
    /// The error type `E`.
    pub(crate) error: &'a TokenStream,
    pub(crate) decode_fn: &'a Ident,
}

/// The `pages`/`stream` methods (and helpers) of a paginated operation; empty
/// when it does not page (or pages in a way not emitted yet).
pub(crate) fn methods(ctx: &Ctx, op: &Operation, parts: &RequestParts) -> TokenStream {
    let Some(pagination) = &op.pagination else {
        return TokenStream::new();
    };
    let pagination = as_emitted(ctx, pagination);
    let paging = Paging {
        request_ty: ident(&op.type_name),
        item: ctx.type_tokens(&pagination.item, Scope::Operations),
        body: ctx.type_tokens(&pagination.body, Scope::Operations),
        pagination: &pagination,
        parts,
    };
    let pages_body = match &pagination.kind {
        PaginationKind::Link => Some(paging.link()),
        PaginationKind::Cursor { param, next } => paging.cursor(param, next),
        PaginationKind::Offset { offset, limit } => paging.offset(offset, limit.as_deref()),
        PaginationKind::Page { page, .. } => paging.page(page),
        PaginationKind::NextUrl { next } => Some(paging.next_url(next)),
    };
    let Some(pages_body) = pages_body else {
        return TokenStream::new();
    };
    let (item, error) = (&paging.item, parts.error);
    let vec = ctx.std(Scope::Operations, "Vec");
    let result = ctx.std(Scope::Operations, "Result");
    let page_type = quote!(#result<#vec<#item>, ::specforge::Error<#error>>);
    let convention = pagination.kind.name();
    let pages_doc = format!(
        " Every page of the list, one after the other ({convention} pagination), each as its items."
    );
    quote! {
        #[doc = #pages_doc]
        pub fn pages(self) -> ::specforge::pagination::BoxStream<'static, #page_type> {
            #pages_body
        }

        /// Every item of every page, one by one (see [`pages`](Self::pages)).
        pub fn stream(self) -> ::specforge::pagination::BoxStream<'static, #result<#item, ::specforge::Error<#error>>> {
            ::specforge::pagination::flatten(self.pages())
        }
    }
}

/// What the body of `pages()` is made from, for each convention.
struct Paging<'a> {
    request_ty: Ident,
    /// The item type.
    item: TokenStream,
    /// The page body's type.
    body: TokenStream,
    pagination: &'a Pagination,
    parts: &'a RequestParts<'a>,
}

impl Paging<'_> {
    /// Whether the parameter with the model's `rust_name` is required, and its field.
    fn field(&self, rust_name: &str) -> Option<(bool, Ident)> {
        self.parts
            .params
            .iter()
            .find(|(p, _)| p.name == rust_name)
            .map(|(p, id)| (p.required, id.clone()))
    }

    /// `paginate(self, …)` with `next_page` made of `next_body` (see [`next_page_call`]).
    fn paginate(&self, next_body: TokenStream) -> TokenStream {
        next_page_call(
            &self.request_ty,
            self.pagination,
            &self.body,
            &self.item,
            next_body,
        )
    }

    /// `Link` headers: the runtime follows them.
    fn link(&self) -> TokenStream {
        let decode_fn = self.parts.decode_fn;
        let decode = match &self.pagination.items {
            ItemsAt::Body => quote!(#decode_fn),
            ItemsAt::Property(step) => {
                let take = take_items(step);
                let body = &self.body;
                quote!(|raw| #decode_fn(raw).map(|response| response.map(|page: #body| #take)))
            }
        };
        quote! {
            ::specforge::__private::link_pages(self.into_request(), #decode)
        }
    }

    /// A cursor in the body, sent back as parameter `param`; the last page has none, an
    /// empty one or the same one.
    fn cursor(&self, param: &str, next: &[FieldStep]) -> Option<TokenStream> {
        let (required, param) = self.field(param)?;
        let value = access(next);
        let current = if required {
            quote!(::std::option::Option::Some(&request.#param))
        } else {
            quote!(request.#param.as_ref())
        };
        let set = if required {
            quote!(next.#param = cursor.clone();)
        } else {
            quote!(next.#param = ::std::option::Option::Some(cursor.clone());)
        };
        Some(self.paginate(quote! {
            let cursor: &::std::string::String = #value;
            if cursor.is_empty() || #current == ::std::option::Option::Some(cursor) {
                return ::std::option::Option::None;
            }
            let mut next = request.clone();
            #set
            ::std::option::Option::Some(next)
        }))
    }

    /// An offset advanced by the items received; the last page is empty or short of
    /// the limit.
    fn offset(&self, offset: &str, limit: Option<&str>) -> Option<TokenStream> {
        let (required, offset) = self.field(offset)?;
        let count = count(&self.pagination.items);
        let short = match limit.and_then(|limit| self.field(limit)) {
            Some((true, limit)) => quote! {
                if usize::try_from(request.#limit).is_ok_and(|limit| fetched < limit) {
                    return ::std::option::Option::None;
                }
            },
            Some((false, limit)) => quote! {
                if request.#limit.and_then(|limit| usize::try_from(limit).ok()).is_some_and(|limit| fetched < limit) {
                    return ::std::option::Option::None;
                }
            },
            None => TokenStream::new(),
        };
        let (current, set) = if required {
            (quote!(request.#offset), quote!(next.#offset = advanced;))
        } else {
            (
                quote!(request.#offset.unwrap_or_default()),
                quote!(next.#offset = ::std::option::Option::Some(advanced);),
            )
        };
        Some(self.paginate(quote! {
            let fetched = #count;
            if fetched == 0 {
                return ::std::option::Option::None;
            }
            #short
            let advanced = #current.checked_add(fetched.try_into().ok()?)?;
            let mut next = request.clone();
            #set
            ::std::option::Option::Some(next)
        }))
    }

    /// A page number advanced by one; the last page is empty.
    fn page(&self, page: &str) -> Option<TokenStream> {
        let (required, page) = self.field(page)?;
        let count = count(&self.pagination.items);
        let (current, set) = if required {
            (quote!(request.#page), quote!(next.#page = advanced;))
        } else {
            (
                quote!(request.#page.unwrap_or(1)),
                quote!(next.#page = ::std::option::Option::Some(advanced);),
            )
        };
        Some(self.paginate(quote! {
            if #count == 0 {
                return ::std::option::Option::None;
            }
            let advanced = #current.checked_add(1)?;
            let mut next = request.clone();
            #set
            ::std::option::Option::Some(next)
        }))
    }

    /// The next page's URL in the body: the runtime resolves and follows it.
    fn next_url(&self, next: &[FieldStep]) -> TokenStream {
        let value = access(next);
        let take = match &self.pagination.items {
            ItemsAt::Body => quote!(page),
            ItemsAt::Property(step) => take_items(step),
        };
        let (body, item, decode_fn) = (&self.body, &self.item, self.parts.decode_fn);
        quote! {
            fn next_url(page: &#body) -> ::std::option::Option<&str> {
                let url: &::std::string::String = #value;
                ::std::option::Option::Some(url.as_str())
            }
            fn page_items(page: #body) -> ::std::vec::Vec<#item> {
                #take
            }
            ::specforge::__private::next_url_pages(self.into_request(), #decode_fn, next_url, page_items)
        }
    }
}

/// `paginate(self, ...)` with `next_page` made of `next_body` and `page_items`.
fn next_page_call(
    request: &Ident,
    pagination: &Pagination,
    body: &TokenStream,
    item: &TokenStream,
    next_body: TokenStream,
) -> TokenStream {
    let take = match &pagination.items {
        ItemsAt::Body => quote!(page),
        ItemsAt::Property(step) => take_items(step),
    };
    // A top-level array body is a `Vec`: `&Vec<T>` is the shape `paginate` takes.
    let ptr_arg =
        matches!(pagination.items, ItemsAt::Body).then(|| quote!(#[allow(clippy::ptr_arg)]));
    quote! {
        #ptr_arg
        fn next_page(request: &#request, page: &#body) -> ::std::option::Option<#request> {
            #next_body
        }
        fn page_items(page: #body) -> ::std::vec::Vec<#item> {
            #take
        }
        ::specforge::pagination::paginate(self, ::std::future::IntoFuture::into_future, next_page, page_items)
    }
}

/// `pagination` with each field step's `options` as the struct is emitted: a
/// required `readOnly` field is an `Option`, an optional one with a default is not
/// (`types::field_options`).
fn as_emitted(ctx: &Ctx, pagination: &Pagination) -> Pagination {
    let mut out = pagination.clone();
    if let ItemsAt::Property(step) = &mut out.items {
        emitted_options(ctx, &pagination.body, std::slice::from_mut(step));
    }
    if let PaginationKind::Cursor { next, .. } | PaginationKind::NextUrl { next } = &mut out.kind {
        emitted_options(ctx, &pagination.body, next);
    }
    out
}

/// Sets each step's `options` from the emitted field it names, walking from `body`.
fn emitted_options(ctx: &Ctx, body: &crate::model::TypeRef, steps: &mut [FieldStep]) {
    let mut ty = body.clone();
    for step in steps {
        let Some((options, field_ty)) = super::types::field_options(ctx, &ty, &step.name) else {
            return;
        };
        step.options = options;
        ty = field_ty;
    }
}

/// `page.items` (or `page.items.unwrap_or_default()`), moving out of `page`.
fn take_items(step: &FieldStep) -> TokenStream {
    let name = ident(&step.name);
    match step.options {
        0 => quote!(page.#name),
        1 => quote!(page.#name.unwrap_or_default()),
        _ => quote!(page.#name.flatten().unwrap_or_default()),
    }
}

/// How many items `page` (a `&Body`) holds.
fn count(items: &ItemsAt) -> TokenStream {
    match items {
        ItemsAt::Body => quote!(page.len()),
        ItemsAt::Property(step) => {
            let name = ident(&step.name);
            match step.options {
                0 => quote!(page.#name.len()),
                1 => quote!(page.#name.as_ref().map_or(0, ::std::vec::Vec::len)),
                _ => quote!(page
                    .#name
                    .as_ref()
                    .and_then(::std::option::Option::as_ref)
                    .map_or(0, ::std::vec::Vec::len)),
            }
        }
    }
}

/// A reference to the value at `steps` of `page` (inside a fn returning `Option`:
/// an absent or `null` value is `None`).
fn access(steps: &[FieldStep]) -> TokenStream {
    let mut tokens = quote!(page);
    let mut by_ref = false;
    for step in steps {
        let name = ident(&step.name);
        tokens = quote!(#tokens.#name);
        by_ref = step.options > 0;
        for _ in 0..step.options {
            tokens = quote!(#tokens.as_ref()?);
        }
    }
    if by_ref { tokens } else { quote!(&#tokens) }
}
