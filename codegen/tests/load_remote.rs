//! Remote `$ref`s, fetched from a local HTTP server (feature `remote-refs`):
//! `cargo test -p specforge-codegen --features remote-refs --test load_remote`.
#![cfg(feature = "remote-refs")]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;

use serde_json::json;
use specforge_codegen::{Settings, prepare};

/// Serves `files` (path → body) on 127.0.0.1 until the test ends; its base URL.
fn serve(files: Vec<(&'static str, &'static str)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            // Skip the headers.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request_line
                .split_whitespace()
                .nth(1)
                .unwrap_or("/")
                .to_owned();
            let (status, body) = files
                .iter()
                .find(|(p, _)| *p == path)
                .map_or(("404 Not Found", ""), |(_, b)| ("200 OK", *b));
            let mut out = &stream;
            let _ = write!(
                out,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    format!("http://{addr}")
}

#[test]
fn remote_refs_are_fetched_when_allowed() {
    let base = serve(vec![
        (
            "/schemas/pet.yaml",
            "Pet:\n  type: object\n  properties:\n    tag: {$ref: 'tag.json#/Tag'}\n",
        ),
        ("/schemas/tag.json", "{\"Tag\": {\"type\": \"string\"}}"),
    ]);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("load_remote");
    std::fs::create_dir_all(&dir).expect("dir");
    let spec = dir.join("api.json");
    let doc = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {"A": {"$ref": format!("{base}/schemas/pet.yaml#/Pet")},
                                   "B": {"$ref": format!("{base}/missing.yaml")}}}});
    std::fs::write(&spec, doc.to_string()).expect("write");

    let mut settings = Settings::new(&spec);
    settings.allow_remote_refs = true;
    let prepared = prepare(&settings).expect("load");
    let codes: Vec<_> = prepared.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec!["SF0014"], "{:?}", prepared.diagnostics);
    let schemas = &prepared.document["components"]["schemas"];
    assert_eq!(schemas["A"], json!({"$ref": "#/components/schemas/Pet"}));
    assert_eq!(
        schemas["Pet"],
        json!({"type": "object", "properties": {"tag": {"$ref": "#/components/schemas/Tag"}}})
    );
    assert_eq!(schemas["Tag"], json!({"type": "string"}));
    assert_eq!(schemas["B"], json!({}));

    // Off by default: nothing fetched.
    let prepared = prepare(&Settings::new(&spec)).expect("load");
    let codes: Vec<_> = prepared.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec!["SF0013", "SF0013"]);
}
