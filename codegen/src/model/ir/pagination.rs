//! How an operation pages (detected by `model/pagination.rs`).

use super::TypeRef;

/// How one operation pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The convention.
    pub kind: PaginationKind,
    /// Where a page's items are in the success body.
    pub items: ItemsAt,
    /// The item type.
    pub item: TypeRef,
    /// The success body type (one page).
    pub body: TypeRef,
    /// Set by `x-specforge-pagination`.
    pub explicit: bool,
}

/// One property step from a body to a value: the Rust field name and how many
/// `Option`s wrap it (0; 1 for optional or nullable; 2 for optional and nullable).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldStep {
    /// The Rust field name.
    pub name: String,
    /// How many `Option`s wrap the field.
    pub options: u8,
}

/// Where a page's items are in the success body.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemsAt {
    /// The body is the array.
    Body,
    /// The body's property.
    Property(FieldStep),
}

/// The paging convention an operation follows.
#[derive(Debug, Clone, PartialEq)]
pub enum PaginationKind {
    /// `Link: <...>; rel="next"` response headers.
    Link,
    /// The `param` query parameter (its Rust name) takes the body value at `next`.
    Cursor {
        /// The cursor parameter's Rust name.
        param: String,
        /// The steps from the body to the next cursor.
        next: Vec<FieldStep>,
    },
    /// `offset` advances by the items received; `limit` (if any) is the page size.
    Offset {
        /// The offset parameter's Rust name.
        offset: String,
        /// The page-size parameter's Rust name.
        limit: Option<String>,
    },
    /// `page` advances by one; `size` (if any) is the page size.
    Page {
        /// The page parameter's Rust name.
        page: String,
        /// The page-size parameter's Rust name.
        size: Option<String>,
    },
    /// The body value at `next` is the next page's URL.
    NextUrl {
        /// The steps from the body to the next page's URL.
        next: Vec<FieldStep>,
    },
}

impl PaginationKind {
    /// The convention's name, as in the extension's `kind`.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Link => "link",
            Self::Cursor { .. } => "cursor",
            Self::Offset { .. } => "offset",
            Self::Page { .. } => "page",
            Self::NextUrl { .. } => "next-url",
        }
    }
}
