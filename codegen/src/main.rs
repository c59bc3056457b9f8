//! The `specforge` command-line tool.
fn main() {}
