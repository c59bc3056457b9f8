#!/usr/bin/env python3
"""Builds the fuzz seed corpus (codegen/fuzz/seeds/) from fixtures/*/openapi.yaml.

Each fixture gives: the document as YAML and as JSON; one small document per
path (that path and all components); one per component schema (the schema and
an empty `paths`); and the document rewritten as Swagger 2.0 and as OpenAPI 3.1
headers (the upgrade reads both). Seeds are small so libFuzzer's default
`-max_len` stays small. Needs PyYAML. Run from the repository root:
`python3 codegen/fuzz/make_seeds.py`.
"""
import hashlib
import json
import pathlib

import yaml

root = pathlib.Path(__file__).resolve().parents[2]
out = root / "codegen" / "fuzz" / "seeds"
out.mkdir(parents=True, exist_ok=True)
for old in out.iterdir():
    old.unlink()


def emit(name, doc, as_yaml):
    text = yaml.safe_dump(doc, sort_keys=False) if as_yaml else json.dumps(doc, separators=(",", ":"))
    digest = hashlib.sha1(text.encode()).hexdigest()[:8]
    (out / f"{name}-{digest}.{'yaml' if as_yaml else 'json'}").write_text(text)


for fixture in sorted(root.glob("fixtures/*/openapi.yaml")):
    name = fixture.parent.name
    doc = yaml.safe_load(fixture.read_text())
    emit(name, doc, True)
    emit(name, doc, False)
    components = doc.get("components", {})
    for i, (path, item) in enumerate(doc.get("paths", {}).items()):
        small = {"openapi": doc["openapi"], "info": doc["info"], "paths": {path: item}, "components": components}
        emit(f"{name}-path{i}", small, i % 2 == 0)
    for i, (schema_name, schema) in enumerate(components.get("schemas", {}).items()):
        small = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
                 "components": {"schemas": {schema_name: schema}}}
        emit(f"{name}-schema{i}", small, i % 2 == 1)
    as31 = dict(doc, openapi="3.1.0")
    emit(f"{name}-31", as31, False)
    swagger = {"swagger": "2.0", "info": doc["info"], "host": "x.test", "basePath": "/v1",
               "paths": {}, "definitions": components.get("schemas", {})}
    emit(f"{name}-swagger2", swagger, False)


# Hostile classes (issue 12): each a small seed the fuzzer can grow from.
HEAD = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n"


def emit_text(name, text, ext):
    digest = hashlib.sha1(text.encode()).hexdigest()[:8]
    (out / f"hostile-{name}-{digest}.{ext}").write_text(text)


# A $ref bomb through a second file: `#@@ other.yaml` starts that file's text
# (codegen/fuzz/src/lib.rs writes it next to the scratch spec).
levels = "".join(
    "l%d: {%s}\n" % (i, ", ".join("%s: {$ref: '#/l%d'}" % (k, i + 1) for k in "abcdefghij"))
    for i in range(5)
)
emit_text("bomb", HEAD + "paths:\n  /x: {$ref: 'other.yaml#/l0'}\n#@@ other.yaml\n" + levels
          + "l5: {description: leaf}\n", "yaml")
emit_text("bomb-params", HEAD + "paths:\n  /x:\n    get:\n      parameters: [{$ref: 'other.yaml#/p'}]\n"
          "      responses: {'200': {$ref: 'other.yaml#/r0'}}\n#@@ other.yaml\n"
          "p: {name: q, in: query, schema: {type: string}}\n"
          "r0: {description: ok, headers: {a: {$ref: '#/h'}, b: {$ref: '#/h'}}}\n"
          "h: {schema: {type: integer, maximum: 12345678901234567890123456789}}\n", "yaml")
# Deep flow and block nesting just past the 128-level limit, and just under it.
for n in (100, 200):
    emit_text(f"flow-seq{n}", HEAD + "paths: {}\nx-deep: " + "[" * n + "]" * n + "\n", "yaml")
    emit_text(f"flow-map{n}", HEAD + "paths: {}\nx-deep: " + "{a: " * n + "1" + "}" * n + "\n", "yaml")
    emit_text(f"block{n}", HEAD + "paths: {}\nx-deep:\n" + "- " * n + "x\n", "yaml")
emit_text("flow-quoted", HEAD + "paths: {}\nx-a: ['[[[[', \"{{{{\", it's, [b # [[\n  ]]\n"
          "x-b: |\n  [[[[\nx-c: see [[[[\n", "yaml")
# Names that are Rust prelude items, trait items of the generated impls and keywords.
names = ["Option", "Result", "Some", "None", "Ok", "Err", "Box", "String", "Vec", "Default",
         "Self", "self", "super", "crate", "from_str", "fmt", "Target", "deserialize",
         "serialize", "clone", "default", "eq", "Value", "type", "match", "async", "await",
         "dyn", "r#try", "try", "union"]
schemas = {n: {"type": "object", "properties": {m: {"type": "string"} for m in names}} for n in names[:8]}
schemas["Err"] = {"type": "string", "enum": names}
paths = {f"/p{i}": {"get": {"operationId": n, "parameters": [
    {"name": m, "in": "query", "schema": {"type": "string"}} for m in names[i:i + 3]],
    "responses": {"200": {"description": "ok", "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Err"}}}}}}} for i, n in enumerate(names)}
emit("hostile-names", {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths,
                       "components": {"schemas": schemas}}, False)
# Doc text with code blocks of every kind rustdoc would run.
texts = ["# Pet\n    fn after_heading() {}", "Title\n=====\n    fn setext() {}", "***\n    fn rule() {}",
         "```rust\nfn fenced() {}\n```\n    fn after_fence() {}", "> ```\n> fn quoted() {}\n> ```",
         "- a\n\n      fn in_list() {}", "~~~\nfn tilde() {}\n~~~", "<pre>\nfn html() {}\n</pre>"]
emit("hostile-docs", {"openapi": "3.0.3", "info": {"title": "t", "version": "1", "description": texts[0]},
                      "paths": {"/a": {"get": {"summary": texts[1], "description": texts[2], "responses": {
                          "200": {"description": texts[3], "headers": {texts[4]: {"schema": {"type": "string"}}}}}}}},
                      "components": {"schemas": {"A": {"type": "object", "description": texts[5], "properties": {
                          "b": {"type": "string", "description": texts[6], "enum": [texts[7]]}}}}}}, True)
# Integers beyond 64 bits, in YAML and in JSON.
big = "12345678901234567890123456789"
emit_text("bigint", HEAD + "paths: {}\ncomponents:\n  schemas:\n    N: {type: integer, maximum: %s, "
          "default: -%s, enum: [%s, 1], example: %s}\n" % (big, big, big, big), "yaml")
emit_text("bigint", '{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"components":'
          '{"schemas":{"N":{"type":"integer","maximum":%s,"default":-%s,"enum":[%s,1]}}}}' % (big, big, big), "json")
