//! `Link` header parsing (RFC 8288) and the page/item streams.

use std::cell::RefCell;

use futures::{StreamExt as _, TryStreamExt as _, executor::block_on};
use http::{HeaderMap, HeaderValue};
use specforge::pagination::{Link, Page, items, links, next_link, pages, parse_link_header};
use url::Url;

fn link(target: &str, rel: &[&str], params: &[(&str, &str)]) -> Link {
    Link {
        target: target.to_owned(),
        rel: rel.iter().map(|r| (*r).to_owned()).collect(),
        params: params
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect(),
    }
}

#[test]
fn github_style_header() {
    let value = r#"<https://api.github.com/repositories/1300192/issues?page=2>; rel="next", <https://api.github.com/repositories/1300192/issues?page=515>; rel="last""#;
    assert_eq!(
        parse_link_header(value),
        vec![
            link(
                "https://api.github.com/repositories/1300192/issues?page=2",
                &["next"],
                &[]
            ),
            link(
                "https://api.github.com/repositories/1300192/issues?page=515",
                &["last"],
                &[]
            ),
        ]
    );
}

#[test]
fn unquoted_rel_several_rels_and_case() {
    let links = parse_link_header("<a>; REL=Next, <b>; rel=\"prev  start\"");
    assert_eq!(
        links,
        vec![
            link("a", &["next"], &[]),
            link("b", &["prev", "start"], &[])
        ]
    );
    assert!(links[0].has_rel("next"));
}

#[test]
fn commas_and_semicolons_inside_quotes_and_brackets() {
    let value = r#"<https://x.test/p?a=1,2;b>; title="one, two; \"three\""; rel="next", <https://x.test/last>; rel=last"#;
    assert_eq!(
        parse_link_header(value),
        vec![
            link(
                "https://x.test/p?a=1,2;b",
                &["next"],
                &[("title", "one, two; \"three\"")]
            ),
            link("https://x.test/last", &["last"], &[]),
        ]
    );
}

#[test]
fn first_rel_wins_and_valueless_params() {
    assert_eq!(
        parse_link_header(r#"<a>; rel="next"; rel="prev"; crossorigin; type=text/html"#),
        vec![link(
            "a",
            &["next"],
            &[("crossorigin", ""), ("type", "text/html")]
        )]
    );
}

#[test]
fn malformed_input_is_skipped_without_panic() {
    for value in [
        "",
        ",,,",
        "garbage",
        "<unterminated",
        "garbage, <b>; rel=next",
        "<a>; rel=\"unterminated",
        "<a>;;;=;",
        "\"<x>\", <y>; rel=next",
    ] {
        let _ = parse_link_header(value);
    }
    assert_eq!(
        parse_link_header("garbage, <b>; rel=next"),
        vec![link("b", &["next"], &[])]
    );
    assert_eq!(
        parse_link_header("<a>; rel=\"unterminated"),
        vec![link("a", &["unterminated"], &[])]
    );
}

#[test]
fn next_link_across_several_fields_resolves_relative() {
    let mut headers = HeaderMap::new();
    headers.append(
        "link",
        HeaderValue::from_static("</items?page=1>; rel=\"prev\""),
    );
    headers.append(
        "link",
        HeaderValue::from_static("</items?page=3>; rel=\"next\""),
    );
    let base = Url::parse("https://api.test/v1/items?page=2").expect("url");
    assert_eq!(links(&headers).len(), 2);
    assert_eq!(
        next_link(&headers, &base).map(String::from),
        Some("https://api.test/items?page=3".to_owned())
    );
    let empty = HeaderMap::new();
    assert_eq!(next_link(&empty, &base), None);
}

#[test]
fn pages_follow_cursors_until_none() {
    let fetched = RefCell::new(Vec::new());
    let stream = pages(0u32, |cursor| {
        fetched.borrow_mut().push(cursor);
        async move {
            Ok::<_, String>(Page {
                items: vec![cursor * 10, cursor * 10 + 1],
                next: (cursor < 2).then_some(cursor + 1),
            })
        }
    });
    let all: Vec<Page<u32, u32>> = block_on(stream.try_collect()).expect("pages");
    assert_eq!(all.len(), 3);
    assert_eq!(*fetched.borrow(), [0, 1, 2]);
    let flat: Vec<u32> = block_on(
        items(0u32, |cursor| async move {
            Ok::<_, String>(Page {
                items: vec![cursor * 10, cursor * 10 + 1],
                next: (cursor < 2).then_some(cursor + 1),
            })
        })
        .try_collect(),
    )
    .expect("items");
    assert_eq!(flat, [0, 1, 10, 11, 20, 21]);
}

#[test]
fn pages_stop_after_an_error() {
    let stream = pages(0u32, |cursor| async move {
        if cursor == 1 {
            Err("boom".to_owned())
        } else {
            Ok(Page {
                items: vec![cursor],
                next: Some(cursor + 1),
            })
        }
    });
    let results: Vec<Result<Page<u32, u32>, String>> = block_on(stream.collect());
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    assert_eq!(results[1], Err("boom".to_owned()));
}

#[test]
fn pages_stop_when_the_cursor_repeats() {
    let calls = RefCell::new(0);
    let stream = pages("same".to_owned(), |cursor| {
        *calls.borrow_mut() += 1;
        async move {
            Ok::<_, String>(Page {
                items: vec![1],
                next: Some(cursor),
            })
        }
    });
    let all: Vec<Page<i32, String>> = block_on(stream.try_collect()).expect("pages");
    assert_eq!(all.len(), 1);
    assert_eq!(*calls.borrow(), 1);
}
