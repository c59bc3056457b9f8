#!/usr/bin/env bash
# Time and memory of `specforge check` on hostile documents (issue 12). A benchmark,
# not a test: the hostile tests (codegen/tests/hostile_*.rs) assert the diagnostics,
# this script reports how long each case takes and how much memory it peaks at.
#
#   bench/hostile.sh                 # build the release CLI, run every case
#   ONLY="bomb flow-seq" bench/hostile.sh
#
# Cases (written to a scratch folder, deleted afterwards):
#   bomb        a ten-line `$ref` bomb through an external file: nine levels, each
#               referring ten times to the next (10^9 leaves if expanded) -> SF0018
#   flow-seq    100,000-deep YAML flow sequences `[[[[...` (200 KB)      -> SF0003
#   flow-map    100,000-deep YAML flow mappings `{a: {a: ...` (~600 KB)  -> SF0003
#   block       100,000-deep YAML block sequences `- - - ... x` (200 KB) -> SF0003
#               (nesting by indentation costs depth^2 bytes, so it is bounded by
#               the file size cap and not measured here)
#   enum        100,000 string enum values                               -> a client
#   bigint      a 29-digit integer in YAML and in JSON                   -> a client
#
# Reported per case: exit status, wall seconds and peak memory (GNU time's max RSS),
# and the diagnostic codes printed. Needs python3 and /usr/bin/time.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
cargo build --release -q -p specforge-codegen --bin specforge
bin=$target/release/specforge
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import sys, os
work = sys.argv[1]
def write(name, text):
    with open(os.path.join(work, name), "w") as f:
        f.write(text)
head = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n"
# bomb: the path item is inlined from bomb.yaml; each level refers ten times to the next.
os.makedirs(os.path.join(work, "bomb"))
write("bomb/openapi.yaml", head + "paths:\n  /x: {$ref: 'bomb.yaml#/l0'}\n")
levels = "".join(
    "l%d: {%s}\n" % (i, ", ".join("%s: {$ref: '#/l%d'}" % (k, i + 1) for k in "abcdefghij"))
    for i in range(9)
)
write("bomb/bomb.yaml", levels + "l9: {description: leaf}\n")
n = 100_000
write("flow-seq.yaml", head + "paths: {}\nx-deep: " + "[" * n + "]" * n + "\n")
write("flow-map.yaml", head + "paths: {}\nx-deep: " + "{a: " * n + "1" + "}" * n + "\n")
write("block.yaml", head + "paths: {}\nx-deep:\n" + "- " * n + "x\n")
values = "".join("        - value %d\n" % i for i in range(n))
write("enum.yaml", head + "paths: {}\ncomponents:\n  schemas:\n    E:\n      type: string\n      enum:\n" + values)
big = "12345678901234567890123456789"
write("bigint.yaml", head + "paths: {}\ncomponents:\n  schemas:\n    N:\n      type: integer\n      maximum: %s\n      example: %s\n" % (big, big))
write("bigint.json", '{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},'
      '"components":{"schemas":{"N":{"type":"integer","maximum":%s,"example":%s}}}}' % (big, big))
PY

declare -A spec=(
  [bomb]=bomb/openapi.yaml [flow-seq]=flow-seq.yaml [flow-map]=flow-map.yaml
  [block]=block.yaml [enum]=enum.yaml [bigint]=bigint.yaml [bigint-json]=bigint.json
)
printf '%-12s %6s %9s %10s  %s\n' case status seconds "peak MB" codes
for case in ${ONLY:-bomb flow-seq flow-map block enum bigint bigint-json}; do
  status=0
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" check "$work/${spec[$case]}" \
    >"$work/out" 2>&1 || status=$?
  read -r seconds kb < <(tail -n 1 "$work/time")
  codes=$(grep -o 'SF[0-9]\{4\}' "$work/out" | sort -u | tr '\n' ' ' || true)
  printf '%-12s %6s %9s %10s  %s\n' "$case" "$status" "$seconds" "$((kb / 1024))" "$codes"
done
