//! Parameter encoding (placeholder while the full style tables are written).

pub(crate) mod percent;

/// Refuses cookie values with CR, LF, NUL or `;`.
pub(crate) fn check_cookie_value(value: &str) -> Result<(), &'static str> {
    if value.contains(['\r', '\n', '\0', ';']) {
        Err("a cookie value must not contain CR, LF, NUL or `;`")
    } else {
        Ok(())
    }
}
