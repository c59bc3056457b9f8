//! The expansion cache of `generate!`.
//!
//! Cargo reruns a proc-macro on every build of the crate that invokes it, and
//! builds the macro without optimisation by default, so generating a large client
//! on every edit of any file costs seconds. The cache keeps the last expansion of
//! each invocation in the macro's `OUT_DIR` (a folder Cargo keeps with build output
//! and removes with `cargo clean`) and serves it again only when nothing it was
//! made from changed:
//!
//! - the key is the generator's fingerprint (a hash of specforge-codegen's sources
//!   and version, [`specforge_codegen::GENERATOR_FINGERPRINT`]) and every setting,
//!   compared as text, never by hash alone;
//! - the entry holds a copy of every file the generation read (the document and the
//!   files its `$ref`s reach), compared byte for byte with the files as they are now.
//!
//! Only successful expansions are stored (errors are cheap to recompute and must
//! show their current spans), and nothing is cached when remote `$ref`s are allowed,
//! since a fetched document can change without any local file changing. A corrupt or
//! unreadable entry is a miss; a failed write only costs the next expansion.

use std::io::Write;
use std::path::{Path, PathBuf};

use specforge_codegen::Settings;

/// The first line of every cache entry: the format and its version.
const MAGIC: &[u8] = b"specforge-expansion-cache 1\n";

/// A folder of cache entries, one per invocation (document path and settings).
pub(crate) struct ExpansionCache {
    dir: PathBuf,
}

/// A cached expansion that still matches every file it was made from.
pub(crate) struct CachedExpansion {
    /// The generated client as Rust source text.
    pub(crate) tokens: String,
    /// Every file the generation read.
    pub(crate) inputs: Vec<PathBuf>,
}

impl ExpansionCache {
    /// The cache in `dir` (created on the first store).
    pub(crate) fn at(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// The cache beside the macro's own build output.
    pub(crate) fn in_out_dir() -> Self {
        Self::at(Path::new(env!("OUT_DIR")).join("expansions"))
    }

    /// The stored expansion for `settings`, if every input is unchanged.
    pub(crate) fn lookup(&self, settings: &Settings) -> Option<CachedExpansion> {
        let key = cache_key(settings)?;
        let bytes = std::fs::read(self.entry_path(&key)).ok()?;
        let mut reader = EntryReader { rest: &bytes };
        reader.expect(MAGIC)?;
        if reader.chunk()? != key.as_bytes() {
            return None;
        }
        let count = reader.number()?;
        let mut inputs = Vec::new();
        for _ in 0..count {
            let path = PathBuf::from(std::str::from_utf8(reader.chunk()?).ok()?);
            let stored = reader.chunk()?;
            if std::fs::read(&path).ok()? != stored {
                return None;
            }
            inputs.push(path);
        }
        let tokens = std::str::from_utf8(reader.chunk()?).ok()?.to_owned();
        Some(CachedExpansion { tokens, inputs })
    }

    /// Stores `tokens` as the expansion for `settings`, made from `inputs`.
    /// Nothing is stored when the settings cannot be cached or an input cannot be
    /// read back; the write goes through a temporary file, so a concurrent reader
    /// sees the old entry or the new one, never half of one.
    pub(crate) fn store(&self, settings: &Settings, inputs: &[PathBuf], tokens: &str) {
        let Some(key) = cache_key(settings) else {
            return;
        };
        let Some(entry) = encode_entry(&key, inputs, tokens) else {
            return;
        };
        let path = self.entry_path(&key);
        let temporary = path.with_extension(format!("tmp{}", std::process::id()));
        let written = std::fs::create_dir_all(&self.dir)
            .and_then(|()| std::fs::File::create(&temporary))
            .and_then(|mut file| file.write_all(&entry))
            .and_then(|()| std::fs::rename(&temporary, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
    }

    /// The entry file of `key`: a hash of the key names it, the key inside decides.
    fn entry_path(&self, key: &str) -> PathBuf {
        use std::hash::{DefaultHasher, Hasher};
        let mut hasher = DefaultHasher::new();
        hasher.write(key.as_bytes());
        self.dir.join(format!("{:016x}.expansion", hasher.finish()))
    }
}

/// The generator's fingerprint and every setting, or `None` when this invocation
/// must not be cached (remote `$ref`s allowed).
fn cache_key(settings: &Settings) -> Option<String> {
    if settings.allow_remote_refs {
        return None;
    }
    let fingerprint = specforge_codegen::GENERATOR_FINGERPRINT;
    Some(format!("{fingerprint}\n{settings:?}"))
}

/// The entry's bytes: magic, key, inputs (path, content), tokens; `None` when an
/// input path is not UTF-8 or cannot be read.
fn encode_entry(key: &str, inputs: &[PathBuf], tokens: &str) -> Option<Vec<u8>> {
    let mut entry = MAGIC.to_vec();
    push_chunk(&mut entry, key.as_bytes());
    entry.extend_from_slice(&(inputs.len() as u64).to_le_bytes());
    for input in inputs {
        push_chunk(&mut entry, input.to_str()?.as_bytes());
        push_chunk(&mut entry, &std::fs::read(input).ok()?);
    }
    push_chunk(&mut entry, tokens.as_bytes());
    Some(entry)
}

/// Appends a length-prefixed chunk.
fn push_chunk(entry: &mut Vec<u8>, chunk: &[u8]) {
    entry.extend_from_slice(&(chunk.len() as u64).to_le_bytes());
    entry.extend_from_slice(chunk);
}

/// Reads an entry front to back; every method is `None` on a short or corrupt entry.
struct EntryReader<'a> {
    rest: &'a [u8],
}

impl<'a> EntryReader<'a> {
    fn expect(&mut self, prefix: &[u8]) -> Option<()> {
        self.rest = self.rest.strip_prefix(prefix)?;
        Some(())
    }

    fn number(&mut self) -> Option<u64> {
        let (number, rest) = self.rest.split_first_chunk::<8>()?;
        self.rest = rest;
        Some(u64::from_le_bytes(*number))
    }

    fn chunk(&mut self) -> Option<&'a [u8]> {
        let len = usize::try_from(self.number()?).ok()?;
        if len > self.rest.len() {
            return None;
        }
        let (chunk, rest) = self.rest.split_at(len);
        self.rest = rest;
        Some(chunk)
    }
}
