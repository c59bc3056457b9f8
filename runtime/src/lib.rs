//! specforge runtime (skeleton; see private.rs for the generated-code contract).

pub mod sse;
