//! Names of the schemas a bundle hoists into the root document: readable (the
//! fragment's last token, else the file stem) and unique (`_2`, `_3`, … on collision).

use super::{Bundler, Target};

impl Bundler<'_> {
    /// A readable schema name for `target`, unique in the schema section.
    pub(super) fn unique_name(&mut self, target: &Target) -> String {
        let from_fragment = target.1.rsplit('/').next().filter(|t| !t.is_empty());
        let stem = self
            .files
            .get(target.0)
            .and_then(|f| f.path.file_stem())
            .map(|s| s.to_string_lossy().into_owned());
        let raw = from_fragment
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .or(stem)
            .unwrap_or_else(|| "Schema".to_owned());
        let base: String = raw
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let base = if base.is_empty() {
            "Schema".to_owned()
        } else {
            base
        };
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }
}
