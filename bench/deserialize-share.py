#!/usr/bin/env python3
"""How much of a generated client's compile cost is serde's derived code.

Copies a crate written by `specforge generate` to OUT_DIR and replaces, on every
struct, the derived `Deserialize` (mode `de`) or both serde derives (mode `serde`) by
an impl whose body is `unimplemented!()`, keeping each item's `#[cfg]` gate. The copy
compiles (nothing else changes), so `cargo check` of both crates shows the share of
the derives. A measurement aid, not a test: the stubbed crate does not work. Give it a crate
whose `specforge` dependency is an absolute path (`bench/compile-cost.sh` writes it so).

    bench/deserialize-share.py CRATE_DIR OUT_DIR [de|serde]
    cd OUT_DIR && CARGO_INCREMENTAL=0 /usr/bin/time -f '%e s %M KB' cargo check -q

Measured 2026-12-04 on GitHub's client (`ONLY=github bench/compile-cost.sh` writes it):
full check 90.8 s / 4,429 MB; without the derived Deserialize 28.0 s / 2,055 MB.
"""
import re
import shutil
import sys
from pathlib import Path
if len(sys.argv) < 3:
    sys.exit(__doc__)
crate, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
mode = sys.argv[3] if len(sys.argv) > 3 else "de"
shutil.copytree(crate, out_dir, ignore=shutil.ignore_patterns("target"), dirs_exist_ok=True)
src = dst = out_dir / "src" / "lib.rs"
manifest = out_dir / "Cargo.toml"
toml = manifest.read_text()
toml = re.sub(r'(?m)^name = "([^"]*)"', r'name = "\1-stubbed"', toml, count=1)
if "[workspace]" not in toml:
    toml += "\n[workspace]\n"
manifest.write_text(toml)
text = open(src).read()
lines = text.split('\n')
out = []
i = 0
pending_gate = None
stubs = 0
n = len(lines)
while i < n:
    line = lines[i]
    if line.strip() == '#[derive(' or line.strip().startswith('#[derive('):
        # collect derive block
        block = [line]
        j = i
        while ')]' not in lines[j]:
            j += 1
            block.append(lines[j])
        joined = '\n'.join(block)
        if '::specforge::serde::Deserialize' in joined:
            # find the item line after attributes
            k = j + 1
            while k < n and (lines[k].strip().startswith('#[') or lines[k].strip().startswith('///') or lines[k].strip() == ''):
                k += 1
            m = re.match(r'\s*pub (struct|enum) (\w+)', lines[k])
            if m and (m.group(1) == 'struct'):
                name = m.group(2)
                # find gate above derive
                g = i - 1
                gate = None
                while g >= 0 and (lines[g].strip().startswith('///') or lines[g].strip().startswith('#[')):
                    if lines[g].strip().startswith('#[cfg('):
                        gate = lines[g].strip()
                    g -= 1
                joined = joined.replace('::specforge::serde::Deserialize', '')
                if mode == 'serde':
                    joined = joined.replace('::specforge::serde::Serialize', '')
                joined = re.sub(r',\s*,', ',', joined)
                joined = re.sub(r',\s*\)\]', ')]', joined)
                out.append(joined)
                # copy until end of struct (line '    }' at same indent) then add stub
                indent = re.match(r'(\s*)', lines[k]).group(1)
                i = j + 1
                while i < n:
                    l = lines[i]
                    if mode == 'serde' and l.strip().startswith('#[serde('):
                        i += 1
                        continue
                    out.append(l)
                    i += 1
                    if l == indent + '}' or (l.startswith(indent + 'pub struct') and l.rstrip().endswith(';')):
                        break
                stub = f"{indent}impl<'de> ::specforge::serde::Deserialize<'de> for {name} {{ fn deserialize<D: ::specforge::serde::Deserializer<'de>>(_: D) -> ::core::result::Result<Self, D::Error> {{ ::core::unimplemented!() }} }}"
                if gate: out.append(indent + gate)
                out.append(stub)
                if mode == 'serde':
                    stub2 = f"{indent}impl ::specforge::serde::Serialize for {name} {{ fn serialize<S: ::specforge::serde::Serializer>(&self, _: S) -> ::core::result::Result<S::Ok, S::Error> {{ ::core::unimplemented!() }} }}"
                    if gate: out.append(indent + gate)
                    out.append(stub2)
                stubs += 1
                continue
        out.extend(block)
        i = j + 1
        continue
    out.append(line)
    i += 1
open(dst, 'w').write('\n'.join(out))
print('stubs', stubs, file=sys.stderr)
