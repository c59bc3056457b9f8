//! The client is generated at compile time by `specforge::generate!` from
//! `openapi.yaml` (relative to this crate's directory), inside `mod petstore`.
//! Editing the document rebuilds the crate. Warnings about the document are
//! not shown by the macro: run `specforge check openapi.yaml` to see them.

specforge::generate!(spec = "openapi.yaml", module = petstore);

fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let base_url = std::env::args()
        .nth(1)
        .or_else(|| petstore::Client::DEFAULT_BASE_URL.map(str::to_owned))
        .unwrap_or_else(|| "http://127.0.0.1:8080".to_owned());
    let client = petstore::Client::new(&base_url)?;
    println!("petstore client for {base_url}: {client:?}");
    let runtime = tokio::runtime::Runtime::new()?;
    if std::env::args().nth(1).is_some() {
        // Only with an explicit server: `cargo run -p example-macro -- http://127.0.0.1:4010`.
        let pets = runtime.block_on(client.list_pets().limit(5))?;
        println!("{} pets", pets.len());
    }
    Ok(())
}
