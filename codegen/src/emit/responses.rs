//! Responses of one operation: the decode function, the error enum over the
//! declared error statuses and, when the 2xx statuses carry different
//! bodies, a success enum.
//!
//! Match arms go from exact codes to ranges to `_`, so none is unreachable.
//! Statuses 2xx (and `2XX`) are successes; everything else declared is an
//! error variant. An operation that declares no 2xx status has the success the model
//! implies (any 2xx, with the `default` response's body: `model/responses.rs`).
//! Without a `default`, an undeclared status gives `response.unexpected()`.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::Ctx;
use super::docs::DocBuilder;
use super::idents::ident;
use super::mock;
use super::negotiated;
use super::type_ref::Scope;
use super::types::enum_lints;
use crate::model::{Operation, Response, ResponseBody, StatusMatch};

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
    /// A negotiated body's enum and its decode function (see [`super::negotiated`]).
    content: Option<(Ident, TokenStream)>,
}

pub(crate) fn plan(ctx: &Ctx, op: &Operation) -> Plan {
    let (mut successes, mut errors) = select(op);
    let names = PlanNames::of(op);
    let mut items = negotiated_items(ctx, op, &names, &mut successes, &mut errors);
    let success = success_decoding(ctx, &successes, &names, &mut items);
    let error = error_decoding(ctx, &errors, &names, &mut items);
    let result = ctx.std(Scope::Operations, "Result");
    let overlapping =
        overlaps(&successes, &errors).then(|| quote!(#[allow(clippy::match_overlapping_arm)]));
    let (decode_fn, success_type, success_arm) = (&names.decode_fn, &success.ty, &success.arm);
    let (error_type, error_arms, fallback_arm) = (&error.ty, &error.arms, &error.fallback_arm);
    items.extend(quote! {
        #overlapping
        fn #decode_fn(response: ::specforge::__private::RawResponse) -> #result<::specforge::Response<#success_type>, ::specforge::Error<#error_type>> {
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
        mock_success: success.mock_answer.unwrap_or_else(|| success.ty.clone()),
        success: success.ty,
        error: error.ty,
        items,
        decode_fn: names.decode_fn,
        binary_success,
        mock_success_status: success.mock_status,
    }
}

/// The names one operation's response items take.
struct PlanNames {
    error_name: Ident,
    success_name: Ident,
    decode_fn: Ident,
    /// A doc link to the operation's client method.
    method_link: String,
}

impl PlanNames {
    fn of(op: &Operation) -> Self {
        Self {
            error_name: ident(&op.error_type()),
            success_name: ident(&op.success_type()),
            decode_fn: ident(&op.decode_fn()),
            method_link: format!(
                "[`Client::{0}`](super::Client::{0})",
                ident(&op.method_name)
            ),
        }
    }
}

/// The responses as success and error entries (exact codes before ranges, so that no
/// arm is unreachable). The model keeps only valid statuses, each once, and gives an
/// operation without a 2xx its implied success (`model/responses.rs`).
fn select(op: &Operation) -> (Vec<Entry<'_>>, Vec<Entry<'_>>) {
    let responses: Vec<&Response> = op.responses.iter().collect();
    let is_success = StatusMatch::is_success;
    let mut success_responses: Vec<(StatusMatch, &Response)> = responses
        .iter()
        .filter(|r| is_success(r.status))
        .map(|r| (r.status, *r))
        .collect();
    success_responses.sort_by_key(|(status, _)| matches!(status, StatusMatch::Range(_)));
    let errors = responses
        .iter()
        .filter(|r| !is_success(r.status))
        .map(|r| (r.status, *r))
        .collect();
    (entries(success_responses), entries(errors))
}

/// The enum and decode function of every negotiated body (several media types), each
/// entry then naming its own.
fn negotiated_items<'a>(
    ctx: &Ctx,
    op: &Operation,
    names: &PlanNames,
    successes: &mut [Entry<'a>],
    errors: &mut [Entry<'a>],
) -> TokenStream {
    let mut items = TokenStream::new();
    for e in successes.iter_mut().chain(errors.iter_mut()) {
        if let (ResponseBody::Negotiated(alternatives), Some(name)) =
            (&e.response.body, op.content_type(e.response))
        {
            let name = ident(&name);
            items.extend(negotiated::items(
                ctx,
                &name,
                alternatives,
                &status_text(e.status),
                &names.method_link,
            ));
            e.content = Some((name.clone(), quote!(#name::decode)));
        }
    }
    items
}

/// How the successes decode: the success type, its match arm(s), and what a mock
/// answers with.
struct SuccessDecoding {
    ty: TokenStream,
    arm: TokenStream,
    /// The mock's answer type when it is not `ty` (a streamed body's `Bytes`).
    mock_answer: Option<TokenStream>,
    /// The status of a mock's successful answer (`None`: the success enum's own).
    mock_status: Option<u16>,
}

/// One type for every success when their bodies agree, else a success enum.
fn success_decoding(
    ctx: &Ctx,
    successes: &[Entry],
    names: &PlanNames,
    items: &mut TokenStream,
) -> SuccessDecoding {
    let uniform = successes.windows(2).all(|w| match w {
        [a, b] => a.response.body == b.response.body,
        _ => true,
    });
    if uniform {
        return uniform_success(ctx, successes);
    }
    let success_name = &names.success_name;
    items.extend(success_enum(
        ctx,
        success_name,
        successes,
        &names.method_link,
    ));
    let arms = successes.iter().map(|e| {
        let v = &e.variant;
        let pattern = pattern(e.status);
        let decode = match &e.response.body {
            ResponseBody::None | ResponseBody::EventStream(_) => {
                quote!(|_| Ok(#success_name::#v))
            }
            ResponseBody::Json(_) => match &e.response.xml_alternate {
                Some(alternate) => {
                    let decode = super::xml::json_or_xml(alternate);
                    quote!(|r| (#decode).map(#success_name::#v))
                }
                None => quote!(|r| r.parse_json().map(#success_name::#v)),
            },
            ResponseBody::Xml(xml) => {
                let decode = super::xml::decode(xml);
                quote!(|r| #decode.map(#success_name::#v))
            }
            ResponseBody::Text => quote!(|r| r.parse_text().map(#success_name::#v)),
            ResponseBody::Binary => quote!(|r| Ok(#success_name::#v(r.body().clone()))),
            ResponseBody::Negotiated(_) => match &e.content {
                Some((_, decode)) => quote!(|r| #decode(r).map(#success_name::#v)),
                None => quote!(|r| Ok(#success_name::#v(r.body().clone()))),
            },
        };
        quote!(#pattern => response.success_with(#decode),)
    });
    SuccessDecoding {
        ty: quote!(#success_name),
        arm: quote!(#(#arms)*),
        mock_answer: None,
        mock_status: None,
    }
}

/// Successes that share one body: one arm over all their statuses.
fn uniform_success(ctx: &Ctx, successes: &[Entry]) -> SuccessDecoding {
    let first = successes.first();
    let body = first.map_or(&ResponseBody::None, |e| &e.response.body);
    let statuses: Vec<&Response> = successes.iter().map(|e| e.response).collect();
    let content = first.and_then(|e| e.content.as_ref());
    let patterns = merged_patterns(successes.iter().map(|e| e.status));
    let call = match (body, content) {
        // An event stream's 2xx never reaches decode (`execute_sse` streams it).
        (ResponseBody::None | ResponseBody::EventStream(_), _) => quote!(response.empty()),
        (ResponseBody::Json(_), _) => match first.and_then(|e| e.response.xml_alternate.as_ref()) {
            Some(alternate) => {
                let decode = super::xml::json_or_xml(alternate);
                quote!(response.success_with(|r| #decode))
            }
            None => quote!(response.json()),
        },
        (ResponseBody::Xml(xml), _) => {
            let decoder = super::xml::decoder(xml);
            quote!(response.success_with(#decoder))
        }
        (ResponseBody::Text, _) => quote!(response.text()),
        (ResponseBody::Binary, _) => quote!(response.bytes()),
        (ResponseBody::Negotiated(_), Some((_, decode))) => {
            quote!(response.success_with(#decode))
        }
        (ResponseBody::Negotiated(_), None) => quote!(response.bytes()),
    };
    SuccessDecoding {
        ty: body_type(ctx, body, content),
        arm: quote!(#(#patterns)|* => #call,),
        mock_answer: mock::streamed_success(body),
        mock_status: Some(mock::first_success_code(&statuses)),
    }
}

/// How the errors decode: the error type, the arms of exact codes and ranges, and the
/// last arm (`default`, or an unexpected status).
struct ErrorDecoding {
    ty: TokenStream,
    arms: TokenStream,
    fallback_arm: TokenStream,
}

fn error_decoding(
    ctx: &Ctx,
    errors: &[Entry],
    names: &PlanNames,
    items: &mut TokenStream,
) -> ErrorDecoding {
    if errors.is_empty() {
        return ErrorDecoding {
            ty: quote!(::specforge::NoErrors),
            arms: TokenStream::new(),
            fallback_arm: quote!(_ => response.unexpected(),),
        };
    }
    let error_name = &names.error_name;
    items.extend(error_enum(ctx, error_name, errors, &names.method_link));
    let arm = |e: &Entry| error_arm(e, error_name);
    let codes = errors
        .iter()
        .filter(|e| matches!(e.status, StatusMatch::Code(_)))
        .map(arm);
    let ranges = errors
        .iter()
        .filter(|e| matches!(e.status, StatusMatch::Range(_)))
        .map(arm);
    let fallback_arm = match errors.iter().find(|e| e.status == StatusMatch::Default) {
        Some(e) => arm(e),
        None => quote!(_ => response.unexpected(),),
    };
    ErrorDecoding {
        ty: quote!(#error_name),
        arms: quote!(#(#codes)* #(#ranges)*),
        fallback_arm,
    }
}

/// The match arm of one error response.
fn error_arm(e: &Entry, error_name: &Ident) -> TokenStream {
    let v = &e.variant;
    let call = match &e.response.body {
        ResponseBody::Json(_) => match &e.response.xml_alternate {
            Some(alternate) => {
                let decode = super::xml::json_or_xml(alternate);
                quote!(response.error_with(|r| #decode, #error_name::#v))
            }
            None => quote!(response.error_json(#error_name::#v)),
        },
        ResponseBody::Xml(xml) => {
            let decoder = super::xml::decoder(xml);
            quote!(response.error_with(#decoder, #error_name::#v))
        }
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

/// The entries of `list`; variant names are unique per operation (`model/responses.rs`).
fn entries(list: Vec<(StatusMatch, &Response)>) -> Vec<Entry<'_>> {
    list.into_iter()
        .map(|(status, response)| Entry {
            status,
            response,
            variant: ident(&response.variant_name),
            content: None,
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
fn body_type(
    ctx: &Ctx,
    body: &ResponseBody,
    content: Option<&(Ident, TokenStream)>,
) -> TokenStream {
    match body {
        ResponseBody::None | ResponseBody::EventStream(_) => quote!(()),
        ResponseBody::Json(ty) => ctx.type_tokens(ty, Scope::Operations),
        ResponseBody::Xml(xml) => ctx.type_tokens(&xml.ty, Scope::Operations),
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
        ) || matches!(&e.response.body, ResponseBody::Xml(xml) if matches!(xml.ty, crate::model::TypeRef::Named(_)))
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
