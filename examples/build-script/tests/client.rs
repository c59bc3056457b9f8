//! The generated client is usable from outside the crate.

#[test]
fn client_defaults_to_the_first_server() {
    assert_eq!(
        example_build_script::Client::DEFAULT_BASE_URL,
        Some("http://petstore.swagger.io/api")
    );
    let client = example_build_script::Client::new("http://127.0.0.1:8080/api");
    assert!(client.is_ok());
}

#[tokio::test]
async fn operations_are_methods_on_the_client() {
    let client = example_build_script::Client::new("http://127.0.0.1:9/api").unwrap();
    // Building the request value sends nothing; the optional query parameters are setters.
    let request = client.find_pets().limit(10).tags(vec!["dog".to_owned()]);
    drop(request);
}
