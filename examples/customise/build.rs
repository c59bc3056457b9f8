//! Generates the vendor's client into `$OUT_DIR/api.rs`, bent to this crate without
//! editing the vendor's document:
//! - `patch`: `fix.yaml` corrects a property's type (a JSON Patch, RFC 6902);
//! - `rename_types` / `rename_operations`: names this crate wants to read;
//! - `replace`: the vendor's money schema, and every `format: decimal`, are this crate's
//!   own types (`crate::Money`, `crate::Decimal`): they are not generated;
//! - `derive`: `Eq` and `Hash` on every generated type (items go in hash sets).

fn main() {
    specforge_codegen::Builder::new("openapi.yaml")
        .patch("fix.yaml")
        .rename_types(["InventoryItemResponseV2=Item"])
        .rename_operations(["get_inventory_item_v2_by_sku=item"])
        .replace([
            "MonetaryAmount=crate::Money",
            "format:decimal=crate::Decimal",
        ])
        .derive(["Eq", "Hash"])
        .generate_to_out_dir("api.rs")
        .expect("generate client");
}
