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
