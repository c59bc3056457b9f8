//! `Display` of [`Error`]: one line that says what failed and why.
//!
//! The line is the variant's own message (operation, then what went wrong), followed by
//! the innermost cause, so `eprintln!("{error}")` is enough to see it:
//!
//! ```text
//! GET /classes: request not sent or connection failed: tcp connect error: Connection refused (os error 111)
//! ```
//!
//! **The cause rule.** From the `source()` chain, the line takes its last two links: the
//! innermost error and the one that wraps it (`Connection refused` alone does not say
//! whether a TCP connect, a DNS lookup or a TLS handshake was refused; the links above
//! those two are wrappers such as reqwest's `error sending request`, which the variant's
//! message already says). A link is left out when its text, compared case-insensitively,
//! is already in the line or in the link after it (`invalid JSON body: EOF …` followed by
//! serde's `EOF …` is written once). `source()` still returns the whole chain, so a
//! reporter that walks it (`anyhow`'s `{:#}`) prints those links once more.

use std::fmt::{self, Write as _};

use super::{Error, OperationRef, TimeoutPhase};
use crate::error::HookPhase;

/// How many links of a `source()` chain are followed at most (chains are short; this
/// only bounds a pathological one).
const MAX_CHAIN: usize = 64;

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut line = String::new();
        self.write_summary(&mut line)?;
        if let Some(cause) = self.cause() {
            append_causes(&mut line, cause)?;
        }
        f.write_str(&line)
    }
}

/// Appends `: <text>` for each link of the cause rule (module docs) of `cause`'s chain.
fn append_causes(line: &mut String, cause: &(dyn std::error::Error + 'static)) -> fmt::Result {
    let chain: Vec<String> = std::iter::successors(Some(cause), |error| error.source())
        .take(MAX_CHAIN)
        .map(ToString::to_string)
        .collect();
    let tail = &chain[chain.len().saturating_sub(2)..];
    for (index, text) in tail.iter().enumerate() {
        let text = text.trim();
        let lower = text.to_lowercase();
        let repeated = text.is_empty()
            || line.to_lowercase().contains(&lower)
            || tail[index + 1..]
                .iter()
                .any(|later| later.to_lowercase().contains(&lower));
        if !repeated {
            write!(line, ": {text}")?;
        }
    }
    Ok(())
}

fn write_operation(out: &mut String, operation: Option<OperationRef>) -> fmt::Result {
    match operation {
        Some(operation) => write!(out, "{} {}", operation.method, operation.path),
        None => write!(out, "request"),
    }
}

impl<E> Error<E> {
    /// The variant's own message, without its cause.
    fn write_summary(&self, out: &mut String) -> fmt::Result {
        match self {
            Self::InvalidRequest(e) => {
                out.push_str("cannot build ");
                write_operation(out, e.operation)?;
                match &e.parameter {
                    Some(parameter) => write!(out, ": parameter `{parameter}`: {}", e.reason),
                    None => write!(out, ": {}", e.reason),
                }
            }
            Self::Transport(e) => {
                write_operation(out, e.operation)?;
                out.push_str(if e.before_response {
                    ": request not sent or connection failed"
                } else {
                    ": connection failed while reading the response"
                });
                Ok(())
            }
            Self::Timeout(e) => {
                write_operation(out, e.operation)?;
                let what = match e.phase {
                    TimeoutPhase::Connect => "connecting timed out",
                    TimeoutPhase::Total => "timed out",
                };
                match e.limit {
                    Some(limit) => write!(out, ": {what} after {limit:?}"),
                    None => write!(out, ": {what}"),
                }
            }
            Self::ResponseTooLarge(e) => {
                write_operation(out, e.operation)?;
                write!(
                    out,
                    ": response body ({}) larger than the limit of {} bytes",
                    e.status, e.limit
                )
            }
            Self::Decode(e) => {
                write_operation(out, e.operation)?;
                write!(out, ": cannot decode the {} response", e.status)
            }
            Self::Api(e) => {
                write_operation(out, e.operation)?;
                write!(out, ": the API answered {}", e.status)
            }
            Self::UnexpectedStatus(e) => {
                write_operation(out, e.operation)?;
                write!(out, ": undeclared response status {}", e.status)
            }
            Self::Hook(e) => {
                write_operation(out, e.operation)?;
                out.push_str(match e.phase {
                    HookPhase::BeforeSend => ": a before-send hook failed the request",
                    HookPhase::AfterReceive => ": an after-receive hook failed the request",
                });
                Ok(())
            }
        }
    }
}
