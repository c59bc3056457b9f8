//! Hostile names and docs.
