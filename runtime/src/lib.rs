//! specforge runtime (skeleton; see private.rs for the generated-code contract).

// Crate-internal items of these modules are used by the client core once it is wired in.
pub mod oauth2;
pub mod pagination;
#[allow(dead_code)]
mod redirect;
#[allow(dead_code)]
mod retry;
pub mod sse;

pub use retry::{RetryBudget, RetryPolicy};
