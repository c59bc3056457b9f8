//! Where a word ends: two fixes to `heck`'s word boundaries, applied to the folded
//! name before `heck` cases it.
//!
//! `heck` starts a word at every lowercase→uppercase step and, inside a run of
//! capitals followed by lowercase letters, at the run's last capital (`HTTPServer` →
//! `http`, `server`; `APIKey` → `api`, `key`). Digits never start a word (`OAuth2`'s
//! `2` stays with `Auth`, `v2Api` → `v2`, `api`). That is right for most names; it is
//! wrong in two cases that real documents have, fixed here by rewriting the span so
//! that `heck` reads it as one word (first letter kept, the rest lowercased):
//!
//! 1. **An acronym with one lowercase letter is one word** when that letter is a
//!    plural `s` or ends the word (a digit, a separator or the end follows):
//!    `URLs` → `urls`, `DeviceIDs` → `device_ids`, `IPv4Address` → `ipv4_address`,
//!    `UUIDv4` → `uuidv4`, instead of `ur_ls`, `i_ds`, `i_pv4`. Any other letter
//!    followed by a capital keeps `heck`'s split, because there the letter usually
//!    starts a real word: `ScheduleAByEmployer` → `schedule_a_by_employer`.
//! 2. **`OAuth` is one word** (`OAuth2` → `oauth2`, `oAuth2` → `oauth2`,
//!    `getOAuthToken` → `get_oauth_token`, not `o_auth2`). This is a list of one
//!    entry, on purpose: the general rule that would cover it ("a lone capital or
//!    a leading lowercase letter joins the capitalised word after it") is wrong as
//!    often as it is right in real documents (`ScheduleAByEmployer`, `xCoordinate`,
//!    `isAFolder` keep their one-letter words). `OAuth` is the name of a standard,
//!    always written with its inner capital, and the most common security scheme
//!    name that `heck` splits. Brand names (`eBay`, `iOS`) are left to `heck`.

/// Words written with an inner capital that are one word (rule 2 of the module docs).
const COMPOUND_WORDS: &[&str] = &["OAuth"];

/// `folded` (ASCII letters, digits and spaces, from `fold`) with the spans of the
/// module's two rules rewritten as one capitalised word each.
pub(super) fn join(folded: &str) -> String {
    let bytes = folded.as_bytes();
    let mut out = String::with_capacity(folded.len());
    let mut at = 0;
    while at < bytes.len() {
        let span = compound_word_at(bytes, at).or_else(|| acronym_word_at(bytes, at));
        match span {
            Some(len) => {
                out.push(char::from(bytes[at]));
                out.push_str(&folded[at + 1..at + len].to_ascii_lowercase());
                at += len;
            }
            None => {
                out.push(char::from(bytes[at]));
                at += 1;
            }
        }
    }
    out
}

/// The length of a [`COMPOUND_WORDS`] entry starting at `at` (its first letter in
/// either case), when it stands as a word there: after a lowercase letter, a digit, a
/// space or nothing (only after a space, a digit or nothing when written with a
/// lowercase first letter, so `fooAuth` stays `foo`, `auth`), and not followed by a
/// lowercase letter (`OAuthority` is not `OAuth`).
fn compound_word_at(bytes: &[u8], at: usize) -> Option<usize> {
    let before = at.checked_sub(1).map(|i| bytes[i]);
    let first = *bytes.get(at)?;
    let starts_word = match before {
        None => true,
        Some(b) if first.is_ascii_uppercase() => !b.is_ascii_uppercase(),
        Some(b) => !b.is_ascii_alphabetic(),
    };
    if !starts_word {
        return None;
    }
    COMPOUND_WORDS.iter().find_map(|word| {
        let word = word.as_bytes();
        let candidate = bytes.get(at..at + word.len())?;
        let same = candidate[0].eq_ignore_ascii_case(&word[0]) && candidate[1..] == word[1..];
        let ends = bytes
            .get(at + word.len())
            .is_none_or(|b| !b.is_ascii_lowercase());
        (same && ends).then_some(word.len())
    })
}

/// The length of an acronym with one lowercase letter starting at `at` (rule 1 of the
/// module docs): two or more capitals (the whole run), one lowercase letter, then no
/// lowercase letter; and the letter is `s` or no capital follows it.
fn acronym_word_at(bytes: &[u8], at: usize) -> Option<usize> {
    if at > 0 && bytes[at - 1].is_ascii_uppercase() {
        return None;
    }
    let capitals = bytes[at..]
        .iter()
        .take_while(|b| b.is_ascii_uppercase())
        .count();
    if capitals < 2 {
        return None;
    }
    let letter = *bytes.get(at + capitals)?;
    if !letter.is_ascii_lowercase() {
        return None;
    }
    let after = bytes.get(at + capitals + 1).copied();
    let ends_word = match after {
        None => true,
        Some(b) if b.is_ascii_lowercase() => false,
        Some(b) => letter == b's' || !b.is_ascii_uppercase(),
    };
    ends_word.then_some(capitals + 1)
}
