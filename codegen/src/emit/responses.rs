//! Responses of one operation: the decode function, the error enum over the
//! declared error statuses and, when the 2xx statuses carry different
//! bodies, a success enum.
//!
//! Match arms go from exact codes to ranges to `_`, so none is unreachable.
//! Statuses 2xx (and `2XX`) are successes; everything else declared is an
//! error variant. An operation that declares no 2xx status treats any 2xx as
//! success with the `default` response's body (the common "default: the
//! result" pattern), or with no body when it has no `default` either.
//! Without a `default`, an undeclared status gives `response.unexpected()`.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::Ctx;
use super::docs::DocBuilder;
use super::idents::ident;
use super::mock;
use super::negotiated;
use super::type_ref::Scope;
use super::types::enum_lints;
use crate::model::{Docs, Operation, Response, ResponseBody, StatusMatch};

/// Everything [`super::operations`] needs from an operation's responses.
pub(crate) struct Plan {
    /// The success body type, as written in `operations`.
    pub(crate) success: TokenStream,
    /// The error type parameter `E` of `specforge::Error<E>`.
    pub(crate) error: TokenStream,
    /// Error enum, success enum and the decode function.
    pub(crate) items: TokenStream,
    /// Name of the decode function.
    pub(crate) decode_fn: Ident,
    /// Every success body is binary: the request value gets `send_streaming()`.
    pub(crate) binary_success: bool,
    /// A mock's answer type on success ([`super::mock`]): the success type, or `Bytes`
    /// for a streamed body.
    pub(crate) mock_success: TokenStream,
    /// The status of a mock's successful answer (`None`: the success enum's own).
    pub(crate) mock_success_status: Option<u16>,
}

struct Entry<'a> {
    status: StatusMatch,
    response: &'a Response,
    variant: Ident,
    /// A negotiated body's enum and decode function (see [`super::negotiated`]).
    content: Option<(Ident, Ident)>,
}

pub(crate) fn plan(ctx: &Ctx, op: &Operation) -> Plan {
    let mut seen = Vec::new();
    let responses: Vec<&Response> = op
        .responses
        .iter()
        .filter(|r| {
            let valid = match r.status {
                StatusMatch::Code(code) => (100..=599).contains(&code),
                StatusMatch::Range(n) => (1..=5).contains(&n),
                StatusMatch::Default => true,
            };
            let new = !seen.contains(&r.status);
            seen.push(r.status);
            valid && new
        })
        .collect();
    let is_success = StatusMatch::is_success;
    let default = responses
        .iter()
        .find(|r| r.status == StatusMatch::Default)
        .copied();
    let fallback;
    let mut success_responses: Vec<(StatusMatch, &Response)> = responses
        .iter()
        .filter(|r| is_success(r.status))
        .map(|r| (r.status, *r))
        .collect();
    if success_responses.is_empty() {
        fallback = Response {
            status: StatusMatch::Range(2),
            variant_name: "Success".to_owned(),
            body: default.map_or(ResponseBody::None, |d| d.body.clone()),
            media_types: default.map_or_else(Vec::new, |d| d.media_types.clone()),
            headers: Vec::new(),
            docs: Docs::default(),
            pointer: op.pointer.clone(),
        };
        success_responses.push((StatusMatch::Range(2), &fallback));
    }
    // Exact codes before ranges, so that no arm is unreachable.
    success_responses.sort_by_key(|(status, _)| matches!(status, StatusMatch::Range(_)));
    let mut successes = entries(success_responses);
    let mut errors = entries(
        responses
            .iter()
            .filter(|r| !is_success(r.status))
            .map(|r| (r.status, *r))
            .collect(),
    );

    let type_name = &op.type_name;
    let error_name = format_ident!("{}Error", ident(type_name));
    let success_name = format_ident!("{}Response", ident(type_name));
    let decode_fn = format_ident!(
        "decode_{}",
        ident(&op.method_name).to_string().trim_start_matches("r#")
    );
    let method_link = format!(
        "[`Client::{0}`](super::Client::{0})",
        ident(&op.method_name).to_string()
    );

    let mut items = TokenStream::new();
    let mut mock_success_status = None;
    let mut mock_success = None;
    let negotiated = successes
        .iter()
        .chain(&errors)
        .filter(|e| matches!(e.response.body, ResponseBody::Negotiated(_)))
        .count();
    for e in successes.iter_mut().chain(errors.iter_mut()) {
        if let ResponseBody::Negotiated(alternatives) = &e.response.body {
            let name = negotiated::enum_name(type_name, &e.variant.to_string(), negotiated == 1);
            let decode =
                negotiated::decode_name(&op.method_name, &e.variant.to_string(), negotiated == 1);
            items.extend(negotiated::items(
                ctx,
                &name,
                &decode,
                alternatives,
                &status_text(e.status),
                &method_link,
            ));
            e.content = Some((name, decode));
        }
    }
    let uniform = successes.windows(2).all(|w| match w {
        [a, b] => a.response.body == b.response.body,
        _ => true,
    });
    let (success, success_arm) = if uniform {
        let first = successes.first();
        let body = first.map_or(&ResponseBody::None, |e| &e.response.body);
        let statuses: Vec<&Response> = successes.iter().map(|e| e.response).collect();
        mock_success_status = Some(mock::first_success_code(&statuses));
        mock_success = mock::streamed_success(body);
        let content = first.and_then(|e| e.content.as_ref());
        let patterns = merged_patterns(successes.iter().map(|e| e.status));
        let call = match (body, content) {
            // An event stream's 2xx never reaches decode (`execute_sse` streams it).
            (ResponseBody::None | ResponseBody::EventStream(_), _) => quote!(response.empty()),
            (ResponseBody::Json(_), _) => quote!(response.json()),
            (ResponseBody::Text, _) => quote!(response.text()),
            (ResponseBody::Binary, _) => quote!(response.bytes()),
            (ResponseBody::Negotiated(_), Some((_, decode))) => {
                quote!(response.success_with(#decode))
            }
            (ResponseBody::Negotiated(_), None) => quote!(response.bytes()),
        };
        (
            body_type(ctx, body, content),
            quote!(#(#patterns)|* => #call,),
        )
    } else {
        items.extend(success_enum(ctx, &success_name, &successes, &method_link));
        let arms = successes.iter().map(|e| {
            let v = &e.variant;
            let pattern = pattern(e.status);
            let decode = match &e.response.body {
                ResponseBody::None | ResponseBody::EventStream(_) => {
                    quote!(|_| Ok(#success_name::#v))
                }
                ResponseBody::Json(_) => quote!(|r| r.parse_json().map(#success_name::#v)),
                ResponseBody::Text => quote!(|r| r.parse_text().map(#success_name::#v)),
                ResponseBody::Binary => quote!(|r| Ok(#success_name::#v(r.body().clone()))),
                ResponseBody::Negotiated(_) => match &e.content {
                    Some((_, decode)) => quote!(|r| #decode(r).map(#success_name::#v)),
                    None => quote!(|r| Ok(#success_name::#v(r.body().clone()))),
                },
            };
            quote!(#pattern => response.success_with(#decode),)
        });
        (quote!(#success_name), quote!(#(#arms)*))
    };

    let (error, error_arms, fallback_arm) = if errors.is_empty() {
        (
            quote!(::specforge::NoErrors),
            TokenStream::new(),
            quote!(_ => response.unexpected(),),
        )
    } else {
        items.extend(error_enum(ctx, &error_name, &errors, &method_link));
        let arm = |e: &Entry| {
            let v = &e.variant;
            let call = match &e.response.body {
                ResponseBody::Json(_) => quote!(response.error_json(#error_name::#v)),
                ResponseBody::Text => quote!(response.error_text(#error_name::#v)),
                ResponseBody::Negotiated(_) if e.content.is_some() => match &e.content {
                    Some((_, decode)) => quote!(response.error_with(#decode, #error_name::#v)),
                    None => quote!(response.error_empty(#error_name::#v)),
                },
                ResponseBody::None
                | ResponseBody::Binary
                | ResponseBody::EventStream(_)
                | ResponseBody::Negotiated(_) => quote!(response.error_empty(#error_name::#v)),
            };
            let pattern = match e.status {
                StatusMatch::Default => quote!(_),
                status => pattern(status),
            };
            quote!(#pattern => #call,)
        };
        let codes = errors
            .iter()
            .filter(|e| matches!(e.status, StatusMatch::Code(_)))
            .map(arm);
        let ranges = errors
            .iter()
            .filter(|e| matches!(e.status, StatusMatch::Range(_)))
            .map(arm);
        let fallback = match errors.iter().find(|e| e.status == StatusMatch::Default) {
            Some(e) => arm(e),
            None => quote!(_ => response.unexpected(),),
        };
        (
            quote!(#error_name),
            quote!(#(#codes)* #(#ranges)*),
            fallback,
        )
    };
    let result = ctx.std(Scope::Operations, "Result");
    let overlapping =
        overlaps(&successes, &errors).then(|| quote!(#[allow(clippy::match_overlapping_arm)]));
    items.extend(quote! {
        #overlapping
        fn #decode_fn(response: ::specforge::__private::RawResponse) -> #result<::specforge::Response<#success>, ::specforge::Error<#error>> {
            match response.status_code() {
                #success_arm
                #error_arms
                #fallback_arm
            }
        }
    });
    let binary_success = successes
        .iter()
        .all(|e| e.response.body == ResponseBody::Binary);
    Plan {
        mock_success: mock_success.unwrap_or_else(|| success.clone()),
        success,
        error,
        items,
        decode_fn,
        binary_success,
        mock_success_status,
    }
}

/// Whether an exact code falls inside a range arm (clippy's
/// `match_overlapping_arm`, although the code's arm comes first).
fn overlaps(successes: &[Entry], errors: &[Entry]) -> bool {
    let all: Vec<StatusMatch> = successes.iter().chain(errors).map(|e| e.status).collect();
    all.iter().any(|code| match code {
        StatusMatch::Code(code) => all
            .iter()
            .any(|r| matches!(r, StatusMatch::Range(n) if u16::from(*n) == code / 100)),
        _ => false,
    })
}

fn entries(list: Vec<(StatusMatch, &Response)>) -> Vec<Entry<'_>> {
    let mut taken = super::idents::TakenNames::default();
    list.into_iter()
        .map(|(status, response)| {
            let name = taken.claim(&response.variant_name);
            Entry {
                status,
                response,
                variant: ident(&name),
                content: None,
            }
        })
        .collect()
}

/// The patterns of one or-pattern arm: consecutive codes become one range
/// (`200..=202`, not `200 | 201 | 202`, which clippy's
/// `manual_range_patterns` flags); other patterns keep their order.
fn merged_patterns(statuses: impl Iterator<Item = StatusMatch>) -> Vec<TokenStream> {
    let mut codes: Vec<u16> = Vec::new();
    let mut others = Vec::new();
    for status in statuses {
        match status {
            StatusMatch::Code(code) => codes.push(code),
            other => others.push(pattern(other)),
        }
    }
    codes.sort_unstable();
    codes.dedup();
    let mut out = Vec::new();
    let mut rest = codes.as_slice();
    while let Some((&low, _)) = rest.split_first() {
        let run = rest
            .iter()
            .zip(u32::from(low)..)
            .take_while(|(code, expected)| u32::from(**code) == *expected)
            .count();
        let high = rest.get(run.saturating_sub(1)).copied().unwrap_or(low);
        if run > 1 {
            let (low, high) = (Literal::u16_unsuffixed(low), Literal::u16_unsuffixed(high));
            out.push(quote!(#low..=#high));
        } else {
            out.push(pattern(StatusMatch::Code(low)));
        }
        rest = rest.get(run.max(1)..).unwrap_or_default();
    }
    out.extend(others);
    out
}

/// The match pattern for a status (`404`, `400..=499`).
fn pattern(status: StatusMatch) -> TokenStream {
    match status {
        StatusMatch::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        StatusMatch::Range(n) => {
            let low = Literal::u16_unsuffixed(u16::from(n) * 100);
            let high = Literal::u16_unsuffixed(u16::from(n) * 100 + 99);
            quote!(#low..=#high)
        }
        StatusMatch::Default => quote!(_),
    }
}

/// The Rust type of a body; `content` names a negotiated body's enum.
fn body_type(ctx: &Ctx, body: &ResponseBody, content: Option<&(Ident, Ident)>) -> TokenStream {
    match body {
        ResponseBody::None | ResponseBody::EventStream(_) => quote!(()),
        ResponseBody::Json(ty) => ctx.type_tokens(ty, Scope::Operations),
        ResponseBody::Text => ctx.std(Scope::Operations, "String"),
        ResponseBody::Binary => quote!(::specforge::bytes::Bytes),
        ResponseBody::Negotiated(_) => match content {
            Some((name, _)) => quote!(#name),
            None => quote!(::specforge::bytes::Bytes),
        },
    }
}

/// `404`, `4XX` or `default`, for docs.
fn status_text(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(n) => format!("{n}XX"),
        StatusMatch::Default => "default".to_owned(),
    }
}

fn variant_docs(entry: &Entry) -> TokenStream {
    let docs = &entry.response.docs;
    let described = DocBuilder::new().docs(docs);
    let lead = match entry.status {
        StatusMatch::Default => "Any other status the API declares as `default`.".to_owned(),
        status => status_text(status),
    };
    match described.single_line() {
        Some(line) if entry.status != StatusMatch::Default => {
            DocBuilder::new().own(&format!("{lead}: {line}")).build()
        }
        _ => DocBuilder::new().own(&lead).docs(docs).build(),
    }
}

/// The enum variants; an error variant keeps no binary body (the runtime's
/// `error_empty` drops it), a success variant keeps every body.
fn variants(ctx: &Ctx, entries: &[Entry], errors: bool) -> Vec<TokenStream> {
    entries
        .iter()
        .map(|e| {
            let docs = variant_docs(e);
            let v = &e.variant;
            match &e.response.body {
                ResponseBody::None | ResponseBody::EventStream(_) => quote!(#docs #v,),
                ResponseBody::Binary if errors => quote!(#docs #v,),
                ResponseBody::Negotiated(_) if e.content.is_none() => quote!(#docs #v,),
                body => {
                    let ty = body_type(ctx, body, e.content.as_ref());
                    quote!(#docs #v(#ty),)
                }
            }
        })
        .collect()
}

fn large_payloads(entries: &[Entry]) -> bool {
    entries.iter().any(|e| {
        matches!(
            e.response.body,
            ResponseBody::Json(crate::model::TypeRef::Named(_)) | ResponseBody::Negotiated(_)
        )
    })
}

fn error_enum(ctx: &Ctx, name: &Ident, errors: &[Entry], method_link: &str) -> TokenStream {
    let docs = format!(
        "Error responses of {method_link}.\nThe status and headers are on the surrounding `specforge::Error::Api`."
    );
    response_enum(ctx, name, errors, true, &docs)
}

fn success_enum(ctx: &Ctx, name: &Ident, successes: &[Entry], method_link: &str) -> TokenStream {
    let docs = format!("Successful responses of {method_link}, one variant per status.");
    response_enum(ctx, name, successes, false, &docs)
}

/// An enum with one variant per response, defined once per shape
/// ([`super::shared_shapes`]).
fn response_enum(
    ctx: &Ctx,
    name: &Ident,
    entries: &[Entry],
    errors: bool,
    docs: &str,
) -> TokenStream {
    let variants = variants(ctx, entries, errors);
    let names: Vec<String> = entries.iter().map(|e| e.variant.to_string()).collect();
    let docs = DocBuilder::new().own(docs).build();
    ctx.shared.item(
        name,
        |_| docs.clone(),
        |name| {
            let lints = enum_lints(&name.to_string(), &names, large_payloads(entries));
            let statuses: Vec<(&Ident, u16)> = entries
                .iter()
                .map(|e| (&e.variant, mock::variant_status(e.status)))
                .collect();
            let status_impl = mock::status_impl(ctx, name, &statuses);
            quote! {
                #lints
                #[derive(Debug, Clone, PartialEq)]
                pub enum #name {
                    #(#variants)*
                }
                #status_impl
            }
        },
    )
}
