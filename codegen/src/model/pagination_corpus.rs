//! Pagination detection over the real-world corpus (`shared/corpus`, next to the
//! repository): prints how many operations each convention claims and checks that
//! GitHub's list operations page by `Link` headers. Ignored by default (slow, and
//! the corpus lives outside the repository):
//! `cargo test -p specforge-codegen pagination_corpus -- --ignored --nocapture`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::Settings;
use crate::diagnostics::Diagnostics;

fn corpus() -> PathBuf {
    std::env::var_os("SPECFORGE_CORPUS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"),
        PathBuf::from,
    )
}

#[test]
#[ignore = "a slow report over ../shared/corpus: cargo test -p specforge-codegen pagination_corpus -- --ignored --nocapture"]
fn pagination_corpus_counts() {
    let Ok(entries) = std::fs::read_dir(corpus()) else {
        panic!("no corpus at {}", corpus().display());
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "yaml"))
        .collect();
    files.sort();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut documents: BTreeMap<&str, usize> = BTreeMap::new();
    let mut total = 0;
    let mut github_lists = (0, 0);
    for file in &files {
        let settings = Settings::new(file);
        let mut diags = Diagnostics::default();
        let Ok(loaded) = crate::load::load(&settings, &mut diags) else {
            continue;
        };
        let document = crate::upgrade::upgrade(loaded.document, loaded.version, &mut diags);
        let api = crate::model::lower::lower(&document, &settings, &mut diags);
        total += api.operations.len();
        let mut kinds_here = Vec::new();
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        for op in &api.operations {
            let Some(pagination) = &op.pagination else {
                continue;
            };
            let kind = pagination.kind.name();
            if kind == "next-url" {
                println!("next-url {name}: {}", op.id);
            }
            *counts.entry(kind).or_default() += 1;
            if !kinds_here.contains(&kind) {
                kinds_here.push(kind);
            }
        }
        for kind in kinds_here {
            *documents.entry(kind).or_default() += 1;
        }
        if name.starts_with("github.com__api.github.com") {
            for op in &api.operations {
                // GitHub's list operations: `<tag>/list...` ids with `page` + `per_page`
                // and an array response.
                let paged = ["page", "per_page"]
                    .iter()
                    .all(|p| op.params.iter().any(|q| q.wire_name == *p));
                if op.id.contains("/list") && paged {
                    github_lists.1 += 1;
                    let kind = op.pagination.as_ref().map(|p| p.kind.name());
                    if kind == Some("link") {
                        github_lists.0 += 1;
                    } else {
                        println!("github {}: {kind:?}", op.id);
                    }
                }
            }
        }
    }
    println!("{} documents, {total} operations", files.len());
    for (kind, count) in &counts {
        println!(
            "{kind}: {count} operations in {} documents",
            documents.get(kind).copied().unwrap_or(0)
        );
    }
    println!(
        "github list operations (id `*/list*`, page + per_page): {} of {} link",
        github_lists.0, github_lists.1
    );
    assert!(github_lists.1 > 0, "no GitHub list operation found");
}
