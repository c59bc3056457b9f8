//! Running the hooks of one attempt: the client's, then the request's (the hook traits
//! and their contract are in [`crate::hooks`]).

use http::StatusCode;

use crate::hooks::{HookContext, HookError, HookPhase, run_after_receive, run_before_send};

/// Whether the client or the request has a before-send hook.
pub(crate) fn has_before_send(
    client: &crate::client::ClientInner,
    prepared: &crate::prepare::Prepared,
) -> bool {
    crate::hooks::any_before_send([&client.hooks, prepared.hooks()])
}

/// Whether the client or the request has an after-receive hook.
pub(crate) fn has_after_receive(
    client: &crate::client::ClientInner,
    prepared: &crate::prepare::Prepared,
) -> bool {
    crate::hooks::any_after_receive([&client.hooks, prepared.hooks()])
}

/// Runs the client's, then the request's before-send hooks on `request`.
pub(crate) async fn before_send_hooks(
    client: &crate::client::ClientInner,
    prepared: &crate::prepare::Prepared,
    request: reqwest::Request,
) -> Result<reqwest::Request, crate::Error<crate::NoErrors>> {
    let sets = [&client.hooks, prepared.hooks()];
    run_before_send(sets, request, context(prepared))
        .await
        .map_err(|source| hook_error(prepared, HookPhase::BeforeSend, None, source))
}

/// Runs the client's, then the request's after-receive hooks on `response`'s head.
pub(crate) async fn after_receive_hooks(
    client: &crate::client::ClientInner,
    prepared: &crate::prepare::Prepared,
    response: &reqwest::Response,
) -> Result<(), crate::Error<crate::NoErrors>> {
    run_after_receive(
        [&client.hooks, prepared.hooks()],
        response,
        context(prepared),
    )
    .await
    .map_err(|source| {
        hook_error(
            prepared,
            HookPhase::AfterReceive,
            Some(response.status()),
            source,
        )
    })
}

fn context(prepared: &crate::prepare::Prepared) -> HookContext {
    HookContext {
        operation: prepared.op_ref(),
        attempt: prepared.attempt.get().max(1),
    }
}

fn hook_error(
    prepared: &crate::prepare::Prepared,
    phase: HookPhase,
    status: Option<StatusCode>,
    source: HookError,
) -> crate::Error<crate::NoErrors> {
    tracing::debug!(?phase, "a hook failed the request");
    crate::Error::Hook(Box::new(crate::HookFailure {
        operation: Some(prepared.op_ref()),
        phase,
        status,
        source,
    }))
}
