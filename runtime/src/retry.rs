//! Retry policy and the retry decision (minimal: no retries yet).
//!
//! The attempt loop in `execute.rs` asks [`decide`] after every failed attempt whether
//! to try again and after how long. This file is replaced by the full policy (backoff with
//! jitter, `Retry-After`, budget, idempotency rules), which reads the fields this
//! minimal version ignores (hence `allow(dead_code)`).
#![allow(dead_code)]

use std::time::Duration;

/// How a client retries failed requests. Currently never retries.
#[derive(Debug, Clone, Default)]
pub struct RetryPolicy {
    _private: (),
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        Self::default()
    }
}

/// What happened on one attempt, as the retry decision sees it.
#[derive(Debug)]
pub(crate) enum AttemptOutcome<'a> {
    /// A response arrived with this status and headers.
    Response {
        status: http::StatusCode,
        headers: &'a http::HeaderMap,
    },
    /// The attempt failed before a full response arrived.
    Failed {
        /// Whether nothing was received (the request may never have left).
        before_response: bool,
        /// Whether it was a timeout.
        timeout: bool,
    },
}

/// The decision after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Stop: return this attempt's result.
    Stop,
    /// Try again after this delay.
    RetryAfter(Duration),
}

/// Facts about the request the decision needs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RetryContext<'a> {
    pub(crate) policy: &'a RetryPolicy,
    pub(crate) method: &'a http::Method,
    /// Retries already made (0 after the first attempt).
    pub(crate) retries_done: u32,
    /// A per-request override of the retry limit.
    pub(crate) max_retries_override: Option<u32>,
    /// Whether the request carries an idempotency key.
    pub(crate) has_idempotency_key: bool,
    /// Whether the body can be sent again (multipart from bytes can; streams cannot).
    pub(crate) body_replayable: bool,
}

/// Whether to retry after `outcome`. Minimal policy: never.
pub(crate) fn decide(context: &RetryContext<'_>, outcome: &AttemptOutcome<'_>) -> Decision {
    let _ = (context, outcome);
    Decision::Stop
}
