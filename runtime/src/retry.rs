//! Retries: which failed attempts are tried again, after how long, and how many.
//!
//! [`RetryPolicy`] is the user-facing configuration (per client, overridable per
//! request). Its default: 2 retries, on connection errors, timeouts, other transport
//! errors, 408, 409, 429 and 5xx; backoff `min(0.5 s · 2ⁿ, 8 s)` scaled by a random
//! factor in `[0.75, 1]`; a server's `retry-after-ms` or `Retry-After` (delta seconds or
//! an HTTP date) is used as the delay when it is at most 60 s, and stops retrying when it
//! asks for longer (the caller gets the response, headers included); on a 4xx/5xx,
//! `x-should-retry: true|false` overrides the status rule (and `true` vouches that a
//! non-idempotent request may be repeated).
//!
//! Safety: GET, HEAD, OPTIONS, PUT, DELETE and TRACE are retried; other methods (POST,
//! PATCH, ...) only when the operation declares an idempotency-key header (the runtime
//! then sends a key on every attempt, a UUID v4 generated once by `execute.rs` when the
//! caller gave none), when the caller opted in ([`RetryPolicy::retry_non_idempotent`]),
//! or when the attempt failed to connect (nothing was sent). A body that cannot be
//! replayed (a stream) is never retried.
//!
//! Load: a per-client [`RetryBudget`] (token bucket) caps retries when most attempts
//! fail: each retry withdraws `retry_cost` tokens, each healthy response deposits
//! `success_refill`; an empty bucket means no retry. The default (500 tokens, cost 5,
//! refill 1, as the AWS SDKs' standard mode) allows 100 retries from a cold start and,
//! in steady state, one retry per five healthy responses.
//!
//! [`RetryPolicy::decide`] is pure apart from the jitter draw; the attempt loop asks it
//! after every failed attempt, then takes a token from the budget.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime};

use http::{HeaderMap, Method, StatusCode};

#[cfg(test)]
mod tests;

/// Token-bucket limits of the per-client retry budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryBudget {
    capacity: u32,
    retry_cost: u32,
    success_refill: u32,
}

impl Default for RetryBudget {
    fn default() -> Self {
        Self {
            capacity: 500,
            retry_cost: 5,
            success_refill: 1,
        }
    }
}

impl RetryBudget {
    /// A bucket of `capacity` tokens (it starts full); a retry costs `retry_cost`, a
    /// healthy response gives back `success_refill` (never above `capacity`).
    pub fn new(capacity: u32, retry_cost: u32, success_refill: u32) -> Self {
        Self {
            capacity,
            retry_cost,
            success_refill,
        }
    }
}

/// When and how often failed requests are tried again. See the module docs for the rules.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
    jitter: bool,
    retry_non_idempotent: bool,
    budget: Option<RetryBudget>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
            jitter: true,
            retry_non_idempotent: false,
            budget: Some(RetryBudget::default()),
        }
    }
}

impl RetryPolicy {
    /// The default policy.
    pub fn new() -> Self {
        Self::default()
    }

    /// Never retry.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// Retries after the first attempt (default 2; 0 disables retries).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// Delay before the first retry; doubled for each further one (default 0.5 s).
    pub fn initial_backoff(mut self, delay: Duration) -> Self {
        self.initial_backoff = delay;
        self
    }

    /// Cap on the computed backoff (default 8 s).
    pub fn max_backoff(mut self, delay: Duration) -> Self {
        self.max_backoff = delay;
        self
    }

    /// Longest server-requested delay (`Retry-After`, `retry-after-ms`) that is waited
    /// for; a longer one ends the retries (default 60 s).
    pub fn max_retry_after(mut self, delay: Duration) -> Self {
        self.max_retry_after = delay;
        self
    }

    /// Scale the computed backoff by a random factor in `[0.75, 1]` (default on).
    pub fn jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// Also retry POST, PATCH and other non-idempotent methods (default off): only for
    /// APIs where repeating such a request is known to be harmless.
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.retry_non_idempotent = retry;
        self
    }

    /// The client's retry budget (default [`RetryBudget::default`]); `None` disables it.
    pub fn budget(mut self, budget: Option<RetryBudget>) -> Self {
        self.budget = budget;
        self
    }

    /// Retries after the first attempt.
    pub fn retries(&self) -> u32 {
        self.max_retries
    }

    pub(crate) fn budget_config(&self) -> Option<RetryBudget> {
        self.budget
    }

    /// Whether a status is retried when the server does not say otherwise.
    pub fn is_retryable_status(status: StatusCode) -> bool {
        matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
    }

    /// What to do after a failed (or any) attempt.
    pub(crate) fn decide(&self, ctx: &AttemptContext<'_>) -> RetryDecision {
        let server_vouches = match ctx.outcome {
            // A success or a redirect is never repeated, whatever the headers say.
            Outcome::Response { status, .. } if never_repeated(status) => {
                return RetryDecision::Stop(StopReason::NotRetryable);
            }
            Outcome::Response { status, headers } => match should_retry_header(headers) {
                Some(false) => return RetryDecision::Stop(StopReason::ServerSaidNo),
                Some(true) => true,
                None if Self::is_retryable_status(status) => false,
                None => return RetryDecision::Stop(StopReason::NotRetryable),
            },
            Outcome::Connect | Outcome::Timeout | Outcome::Transport => false,
        };
        if ctx.retries_done >= self.max_retries {
            return RetryDecision::Stop(StopReason::Exhausted);
        }
        if !ctx.body_replayable {
            return RetryDecision::Stop(StopReason::BodyNotReplayable);
        }
        let repeatable = is_idempotent(ctx.method)
            || ctx.idempotency_key
            || self.retry_non_idempotent
            || server_vouches
            || matches!(ctx.outcome, Outcome::Connect);
        if !repeatable {
            return RetryDecision::Stop(StopReason::NotIdempotent);
        }
        if let Outcome::Response { headers, .. } = ctx.outcome {
            match server_delay(headers, ctx.now) {
                Some(delay) if delay > self.max_retry_after => {
                    return RetryDecision::Stop(StopReason::RetryAfterTooLong(delay));
                }
                Some(delay) if !delay.is_zero() => return RetryDecision::Retry { delay },
                _ => {}
            }
        }
        RetryDecision::Retry {
            delay: self.backoff(ctx.retries_done),
        }
    }

    /// [`decide`](Self::decide), then a withdrawal from `budget` when it says retry.
    pub(crate) fn decide_with_budget(
        &self,
        ctx: &AttemptContext<'_>,
        budget: Option<&BudgetState>,
    ) -> RetryDecision {
        match self.decide(ctx) {
            RetryDecision::Retry { delay } => match budget {
                Some(budget) if !budget.try_withdraw() => {
                    RetryDecision::Stop(StopReason::BudgetExhausted)
                }
                _ => RetryDecision::Retry { delay },
            },
            stop => stop,
        }
    }

    /// The computed delay before retry number `retries_done + 1`.
    pub(crate) fn backoff(&self, retries_done: u32) -> Duration {
        let factor = 2u32.saturating_pow(retries_done.min(31));
        let delay = self
            .initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff);
        if self.jitter {
            delay.mul_f64(1.0 - 0.25 * fastrand::f64())
        } else {
            delay
        }
    }
}

/// GET, HEAD, OPTIONS, PUT, DELETE and TRACE (RFC 9110 §9.2.2).
pub(crate) fn is_idempotent(method: &Method) -> bool {
    [
        Method::GET,
        Method::HEAD,
        Method::OPTIONS,
        Method::PUT,
        Method::DELETE,
        Method::TRACE,
    ]
    .contains(method)
}

/// `x-should-retry: true|false`; anything else is no instruction.
fn should_retry_header(headers: &HeaderMap) -> Option<bool> {
    match headers.get("x-should-retry")?.to_str().ok()?.trim() {
        value if value.eq_ignore_ascii_case("true") => Some(true),
        value if value.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// Whether a response of `status` is final whatever the policy and the headers say: a
/// success or a redirect is never repeated (below 400).
pub(crate) fn never_repeated(status: http::StatusCode) -> bool {
    status.as_u16() < 400
}

/// The delay a response asks for: `retry-after-ms` (milliseconds, fractions allowed),
/// else `Retry-After` (delta seconds, or an HTTP date relative to `now`; a date in the
/// past is zero). Unparsable or negative values are no instruction.
pub(crate) fn server_delay(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
    };
    if let Some(ms) = header("retry-after-ms").and_then(|value| value.parse::<f64>().ok())
        && let Ok(delay) = Duration::try_from_secs_f64(ms / 1000.0)
    {
        return Some(delay);
    }
    let value = header("retry-after")?;
    if let Ok(seconds) = value.parse::<f64>() {
        return Duration::try_from_secs_f64(seconds).ok();
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// What the last attempt gave.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Outcome<'a> {
    /// Connecting failed (DNS, TCP, TLS): nothing was sent.
    Connect,
    /// The attempt timed out (the request may have been processed).
    Timeout,
    /// The connection failed after the request started (reset, closed early).
    Transport,
    /// A response arrived.
    Response {
        status: StatusCode,
        headers: &'a HeaderMap,
    },
}

/// Everything [`RetryPolicy::decide`] looks at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AttemptContext<'a> {
    /// Retries already made (0 after the first attempt).
    pub(crate) retries_done: u32,
    pub(crate) method: &'a Method,
    /// The request carries an idempotency key (declared by the operation).
    pub(crate) idempotency_key: bool,
    /// The body can be sent again (buffered, or none).
    pub(crate) body_replayable: bool,
    pub(crate) outcome: Outcome<'a>,
    /// Reference time for a `Retry-After` date.
    pub(crate) now: SystemTime,
}

/// The answer of [`RetryPolicy::decide`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RetryDecision {
    Retry { delay: Duration },
    Stop(StopReason),
}

/// Why no retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StopReason {
    /// The outcome is not one that is retried (a success, a 4xx, ...).
    NotRetryable,
    /// `x-should-retry: false`.
    ServerSaidNo,
    /// All retries used.
    Exhausted,
    /// The body was a stream.
    BodyNotReplayable,
    /// A non-idempotent method without key or opt-in, and the request may have arrived.
    NotIdempotent,
    /// The server asked to wait longer than the policy's cap.
    RetryAfterTooLong(Duration),
    /// The client's retry budget is empty.
    BudgetExhausted,
}

/// The live token bucket of one client.
#[derive(Debug)]
pub(crate) struct BudgetState {
    config: RetryBudget,
    tokens: AtomicU32,
}

impl BudgetState {
    pub(crate) fn new(config: RetryBudget) -> Self {
        Self {
            config,
            tokens: AtomicU32::new(config.capacity),
        }
    }

    /// Takes the cost of one retry; false (and nothing taken) when too few tokens are left.
    pub(crate) fn try_withdraw(&self) -> bool {
        let cost = self.config.retry_cost;
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                tokens.checked_sub(cost)
            })
            .is_ok()
    }

    /// Gives back the refill of one healthy response.
    pub(crate) fn deposit(&self) {
        let RetryBudget {
            capacity,
            success_refill,
            ..
        } = self.config;
        // A full budget (the usual state) is left alone: no write to a cache line every
        // request of the client shares. Otherwise the update cannot fail: the closure
        // returns `None` only when the budget is full.
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                (tokens < capacity).then(|| tokens.saturating_add(success_refill).min(capacity))
            });
    }

    /// Deposits when a response is healthy (a status that is not retried).
    pub(crate) fn record_response(&self, status: StatusCode) {
        if !RetryPolicy::is_retryable_status(status) {
            self.deposit();
        }
    }

    #[cfg(test)]
    pub(crate) fn available(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }
}
