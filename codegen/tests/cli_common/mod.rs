//! Helpers shared by the CLI tests: run the built `specforge` binary, scratch dirs.

use std::path::{Path, PathBuf};
use std::process::Output;

/// A fresh, empty scratch directory for one test.
pub fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("specforge-cli-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `specforge` with `args` in `dir`.
pub fn specforge(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_specforge"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Stdout and stderr together, for assertions on messages.
pub fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A small valid OpenAPI 3.0 document.
pub const PETSTORE: &str = r##"{
  "openapi": "3.0.3",
  "info": {"title": "Swagger Petstore", "version": "1.0.0", "description": "A sample pet store."},
  "servers": [{"url": "http://petstore.swagger.io/v1"}],
  "paths": {
    "/pets/{petId}": {
      "get": {
        "operationId": "showPetById",
        "parameters": [{"name": "petId", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "A pet", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}
        }
      }
    }
  },
  "components": {
    "schemas": {
      "Pet": {"type": "object", "required": ["id", "name"],
              "properties": {"id": {"type": "integer", "format": "int64"}, "name": {"type": "string"}}}
    }
  }
}
"##;

/// A document with a syntax error on line 3.
pub const BROKEN: &str = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"x\" \"version\": \"1\"},\n  \"paths\": {}\n}\n";
