//! The budget of inlined content: every value a bundle copies to a `$ref` site
//! (parameters, responses, path items, examples from other files) is counted, and
//! once the total passes [`MAX_INLINED_VALUES`] no more refs are inlined (SF0018).
//!
//! Inlining copies the target at every site, and the copy's own refs are inlined
//! in turn, so a few lines can expand exponentially (a file whose level `l0`
//! refers ten times to `l1`, which refers ten times to `l2`, … is 10^9 values
//! after nine levels). Counting while copying, not after, keeps the work and the
//! memory proportional to the budget. Hoisted schemas are copied once per target
//! and are not counted: they are bounded by the size of the files read.

use serde_json::{Map, Value};

use super::super::refs::resolve_pointer;
use super::{Bundler, Target};
use crate::diagnostics::{Diagnostic, Pointer};

/// The most values (objects, arrays and scalars, each counted once) inlined into
/// one bundled document. Real multi-file documents inline far less (a parameter or
/// a response per site: tens of values); the budget only stops exponential growth.
pub(crate) const MAX_INLINED_VALUES: usize = 1_000_000;

/// The number of values in `value`, counted up to `limit` (more than `limit`
/// returns `limit + 1`, so that a huge target is not walked whole).
fn count_values(value: &Value, limit: usize) -> usize {
    let mut stack = vec![value];
    let mut count = 0;
    while let Some(v) = stack.pop() {
        count += 1;
        if count > limit {
            return count;
        }
        match v {
            Value::Object(map) => stack.extend(map.values()),
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    count
}

impl Bundler<'_> {
    /// Charges the inlining of `target` (at `at`, written `reference`) to the
    /// budget, before anything is copied. False when it does not fit: the site is
    /// left free-form, and the first such site gets SF0018. A target that does not
    /// exist costs nothing (copying it reports SF0012).
    pub(super) fn charge_inline(&mut self, target: &Target, reference: &str, at: &str) -> bool {
        let left = MAX_INLINED_VALUES.saturating_sub(self.inlined_values);
        let count = self
            .files
            .get(target.0)
            .and_then(|file| resolve_pointer(&file.value, &target.1))
            .map_or(0, |value| count_values(value, left));
        if count <= left && !self.over_budget {
            self.inlined_values += count;
            return true;
        }
        if !self.over_budget {
            self.over_budget = true;
            self.diags.push(
                Diagnostic::warning(
                    "SF0018",
                    Pointer::from_fragment(at),
                    format!(
                        "$ref `{reference}` is not inlined: the values copied from other files by \
                         $refs would pass {MAX_INLINED_VALUES}, so this and every later \
                         non-schema $ref to another file is typed as free-form JSON"
                    ),
                )
                .with_help(
                    "the referenced files refer to each other so often that inlining them grows \
                     exponentially; make the repeated parts components of the entry document \
                     (`#/components/...`), which are referred to, not copied",
                ),
            );
        }
        false
    }
}

/// The value that stands in for a ref that is not followed: free-form.
pub(super) fn free_form() -> Value {
    Value::Object(Map::new())
}

#[cfg(test)]
mod tests {
    use super::count_values;
    use serde_json::json;

    #[test]
    fn values_are_counted_up_to_the_limit() {
        let value = json!({"a": [1, 2, {"b": null}], "c": "d"});
        assert_eq!(count_values(&value, 100), 7);
        assert_eq!(count_values(&value, 3), 4);
    }
}
