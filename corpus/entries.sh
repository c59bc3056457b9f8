# Shared by corpus/compile-all.sh and corpus/doc-all.sh (sourced, not run): the
# entries to process and the module name of each.

# `select_entries MANIFEST [entry ...]` sets the array `entries`: the arguments, or
# every entry of the manifest (its `file` column, found by name), smallest document
# first, so that a stopped run has covered as many entries as possible.
select_entries() {
    local manifest=$1
    shift
    if [ $# -gt 0 ]; then
        entries=("$@")
    else
        mapfile -t entries < <(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "file") f = i; if ($i == "bytes") b = i }; next }
                                          NF > 0 { print $b "\t" $f }' "$manifest" | sort -n | cut -f2)
    fi
}

# Same rule as `manifest::module_name` (lower-case alphanumerics, runs of others → `_`).
module_of() {
    local m
    m=$(printf '%s' "$1" | tr 'A-Z' 'a-z' | sed -E 's/[^a-z0-9]+/_/g; s/^_+//; s/_+$//')
    case "$m" in [a-z]*) ;; *) m="e_$m" ;; esac
    printf '%s' "$m"
}
