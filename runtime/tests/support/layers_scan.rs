//! Reading a crate's `src/` as text for its layers test: every `crate::…` path (in `use`
//! lines and in code) names the top-level module it reaches; a path to an item
//! re-exported at the crate root (`crate::Error`) is resolved through `lib.rs`'s `pub use`
//! lines. Comments, `tests.rs` and `*_tests.rs` files, files in a `tests/` folder and
//! everything after a `#[cfg(test)]` line are skipped (tests may reach anywhere). Shared by
//! `runtime/tests/layers.rs`, `codegen/tests/layers.rs` and `runtime/tests/public_api.rs`
//! (its file walk), included with `#[path]`.

#![allow(dead_code)] // each test uses its own subset

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top-level module → the top-level modules its code names.
pub type Graph = BTreeMap<String, BTreeSet<String>>;

/// The layers, bottom first: `(layer name, its top-level modules)`.
pub type Layers = [(&'static str, &'static [&'static str])];

/// Everything wrong with `graph` against `layers`: a module in no layer, a layer
/// naming no module, an import of a higher layer not in `known_upward`, an entry of
/// `known_upward` that is gone.
pub fn layer_problems(
    graph: &Graph,
    layers: &Layers,
    known_upward: &[(&str, &str)],
) -> Vec<String> {
    let layer_of = layer_map(layers);
    let mut problems = Vec::new();
    for module in graph.keys() {
        if !layer_of.contains_key(module.as_str()) {
            problems.push(format!(
                "module `{module}` is in no layer: add it to LAYERS"
            ));
        }
    }
    for module in layer_of.keys() {
        if !graph.contains_key(*module) {
            problems.push(format!("LAYERS names `{module}`, which is not a module"));
        }
    }
    for (from, targets) in graph {
        for to in targets {
            let (Some(a), Some(b)) = (layer_of.get(from.as_str()), layer_of.get(to.as_str()))
            else {
                continue;
            };
            let known = known_upward.contains(&(from.as_str(), to.as_str()));
            if b.0 > a.0 && !known {
                problems.push(format!(
                    "`{from}` (layer {}) imports `{to}` (layer {}, above it)",
                    a.1, b.1
                ));
            }
        }
    }
    for (from, to) in known_upward {
        if !graph
            .get(*from)
            .is_some_and(|targets| targets.contains(*to))
        {
            problems.push(format!(
                "`{from}` no longer imports `{to}`: remove it from KNOWN_UPWARD"
            ));
        }
    }
    problems
}

/// The import circles of `graph` (modules that reach each other), each as `a <-> b`,
/// once the imports `known_upward` lists are set aside.
pub fn circles(graph: &Graph, known_upward: &[(&str, &str)]) -> Vec<String> {
    let mut graph = graph.clone();
    for (from, to) in known_upward {
        if let Some(targets) = graph.get_mut(*from) {
            targets.remove(*to);
        }
    }
    strongly_connected(&graph)
        .into_iter()
        .filter(|component| component.len() > 1)
        .map(|component| component.into_iter().collect::<Vec<_>>().join(" <-> "))
        .collect()
}

/// Module name → (layer index, layer name).
fn layer_map(layers: &Layers) -> BTreeMap<&'static str, (usize, &'static str)> {
    let mut map = BTreeMap::new();
    for (index, (layer, modules)) in layers.iter().enumerate() {
        for module in *modules {
            let previous = map.insert(*module, (index, *layer));
            assert!(previous.is_none(), "`{module}` is in two layers");
        }
    }
    map
}

/// Top-level module → the top-level modules its code names, for the crate whose sources
/// are in `src`. `aliases` maps a path's first segment to a module (`__private` is
/// `private` in the runtime).
pub fn import_graph(src: &Path, aliases: &[(&str, &str)]) -> Graph {
    let mut files = Vec::new();
    source_files(src, &mut files);
    let modules: BTreeSet<String> = files
        .iter()
        .filter_map(|file| module_of(src, file))
        .collect();
    let root_items = root_reexports(src);
    let mut graph: Graph = modules
        .iter()
        .map(|module| (module.clone(), BTreeSet::new()))
        .collect();
    for file in &files {
        let Some(module) = module_of(src, file) else {
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for name in crate_paths(&code_of(&text)) {
            let alias = aliases
                .iter()
                .find(|(from, _)| *from == name)
                .map(|(_, to)| (*to).to_owned());
            let target = if alias.is_some() {
                alias
            } else if modules.contains(&name) {
                Some(name)
            } else {
                root_items.get(&name).cloned()
            };
            if let Some(target) = target.filter(|target| *target != module) {
                graph.entry(module.clone()).or_default().insert(target);
            }
        }
    }
    graph
}

/// Every `.rs` file below `dir`, in path order.
pub fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to; `None` for `lib.rs` and test files.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let stem = relative.file_stem()?.to_str()?;
    let in_tests_dir = relative
        .parent()
        .is_some_and(|dir| dir.components().any(|c| c.as_os_str() == "tests"));
    if relative == Path::new("lib.rs")
        || stem == "tests"
        || stem.ends_with("_tests")
        || in_tests_dir
    {
        return None;
    }
    let first = relative.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_owned())
}

/// The code of a file: comment lines and everything from `#[cfg(test)]` on removed.
pub fn code_of(text: &str) -> String {
    let mut code = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        code.push_str(line);
        code.push('\n');
    }
    code
}

/// The first segment after each `crate::` (each member of a `crate::{…}` group).
pub fn crate_paths(code: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let preceded_by_ident = rest[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        rest = &rest[at + "crate::".len()..];
        if preceded_by_ident {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            names.extend(group_heads(group));
        } else {
            names.push(identifier(rest).to_owned());
        }
    }
    names
}

/// The first identifier of each top-level member of a `{…}` group (`group` starts after
/// the `{`).
fn group_heads(group: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0_usize;
    let mut expect_head = true;
    for (index, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => expect_head = true,
            c if expect_head && depth == 0 && (c.is_alphanumeric() || c == '_') => {
                heads.push(identifier(&group[index..]).to_owned());
                expect_head = false;
            }
            _ => {}
        }
    }
    heads
}

fn identifier(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// Items `lib.rs` re-exports from a module: item name → module.
fn root_reexports(src: &Path) -> BTreeMap<String, String> {
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap_or_default();
    let code = code_of(&lib);
    let mut map = BTreeMap::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("pub use ") {
        rest = &rest[at + "pub use ".len()..];
        let module = identifier(rest);
        let after = &rest[module.len()..];
        let Some(after) = after.strip_prefix("::") else {
            continue;
        };
        let items = match after.strip_prefix('{') {
            Some(group) => group_heads(group),
            None => vec![identifier(after).to_owned()],
        };
        for item in items {
            map.insert(item, module.to_owned());
        }
    }
    map
}

/// Tarjan's strongly connected components.
fn strongly_connected(graph: &Graph) -> Vec<BTreeSet<String>> {
    struct State<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        components: Vec<BTreeSet<String>>,
    }
    fn visit<'a>(state: &mut State<'a>, node: &'a str) {
        let next = state.index.len();
        state.index.insert(node, next);
        state.low.insert(node, next);
        state.stack.push(node);
        state.on_stack.insert(node);
        let graph = state.graph;
        for target in graph.get(node).into_iter().flatten() {
            let target = target.as_str();
            if !state.index.contains_key(target) {
                visit(state, target);
                let low = state.low[target].min(state.low[node]);
                state.low.insert(node, low);
            } else if state.on_stack.contains(target) {
                let low = state.index[target].min(state.low[node]);
                state.low.insert(node, low);
            }
        }
        if state.low[node] == state.index[node] {
            let mut component = BTreeSet::new();
            while let Some(member) = state.stack.pop() {
                state.on_stack.remove(member);
                component.insert(member.to_owned());
                if member == node {
                    break;
                }
            }
            state.components.push(component);
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        components: Vec::new(),
    };
    for node in graph.keys() {
        if !state.index.contains_key(node.as_str()) {
            visit(&mut state, node);
        }
    }
    state.components
}
