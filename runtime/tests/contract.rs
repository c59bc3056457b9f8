//! The generated-code shape of `docs/generated-code.md`, written by hand, compiled against
//! the runtime under `#![deny(warnings)]`: every runtime item generated code uses exists
//! with the documented shape.

#![deny(warnings)]

mod api {
    /// A pet store.
    #[derive(Clone, Debug)]
    pub struct Client {
        core: ::specforge::ClientCore,
    }

    /// Builder.
    #[derive(Debug)]
    pub struct ClientBuilder {
        inner: ::specforge::ClientBuilder,
    }

    impl Client {
        /// Default base URL.
        pub const DEFAULT_BASE_URL: Option<&'static str> = Some("https://petstore.example.com/v1");
        /// New client.
        pub fn new(base_url: impl AsRef<str>) -> Result<Self, ::specforge::BuildError> {
            Self::builder().base_url(base_url).build()
        }
        /// Builder.
        pub fn builder() -> ClientBuilder {
            ClientBuilder {
                inner: ::specforge::ClientBuilder::new(Self::DEFAULT_BASE_URL, SECURITY_SCHEMES),
            }
        }
        /// The runtime client.
        pub fn core(&self) -> &::specforge::ClientCore {
            &self.core
        }
        /// Find pet by ID.
        pub fn get_pet_by_id(
            &self,
            pet_id: i64,
            x_request_id: impl Into<String>,
        ) -> operations::GetPetById {
            operations::GetPetById {
                client: self.clone(),
                options: ::specforge::RequestOptions::default(),
                pet_id,
                x_request_id: x_request_id.into(),
                verbose: None,
            }
        }
    }

    impl ClientBuilder {
        ::specforge::__builder_methods!(Client);
        /// API key.
        pub fn api_key(self, key: impl Into<String>) -> Self {
            Self {
                inner: self
                    .inner
                    .credential("api_key", ::specforge::Credential::api_key(key)),
            }
        }
        /// Basic.
        pub fn basic_auth(self, user: impl Into<String>, password: impl Into<String>) -> Self {
            Self {
                inner: self
                    .inner
                    .credential("basic", ::specforge::Credential::basic(user, password)),
            }
        }
        /// Bearer.
        pub fn bearer_auth(self, token: impl Into<String>) -> Self {
            Self {
                inner: self
                    .inner
                    .credential("bearer", ::specforge::Credential::bearer(token)),
            }
        }
        /// OAuth.
        pub fn oauth(self, client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
            Self {
                inner: self.inner.credential(
                    "oauth",
                    ::specforge::Credential::client_credentials(client_id, client_secret),
                ),
            }
        }
    }

    static SECURITY_SCHEMES: &[::specforge::__private::SecurityScheme] = &[
        ::specforge::__private::SecurityScheme {
            name: "api_key",
            kind: ::specforge::__private::SchemeKind::ApiKey {
                location: ::specforge::__private::Location::Header,
                param: "X-API-Key",
            },
        },
        ::specforge::__private::SecurityScheme {
            name: "basic",
            kind: ::specforge::__private::SchemeKind::Basic,
        },
        ::specforge::__private::SecurityScheme {
            name: "bearer",
            kind: ::specforge::__private::SchemeKind::Bearer,
        },
        ::specforge::__private::SecurityScheme {
            name: "oauth",
            kind: ::specforge::__private::SchemeKind::OAuth2ClientCredentials {
                token_url: "/oauth/token",
                scopes: &["read"],
            },
        },
    ];

    /// Operations.
    pub mod operations {
        /// Request for get_pet_by_id.
        #[derive(Debug)]
        #[must_use = "a request does nothing until it is awaited"]
        pub struct GetPetById {
            pub(super) client: super::Client,
            pub(super) options: ::specforge::RequestOptions,
            pub(super) pet_id: i64,
            pub(super) x_request_id: String,
            pub(super) verbose: Option<bool>,
        }

        impl GetPetById {
            /// Verbose.
            pub fn verbose(mut self, value: bool) -> Self {
                self.verbose = Some(value);
                self
            }
            /// Options.
            pub fn request_options(mut self, options: ::specforge::RequestOptions) -> Self {
                self.options = options;
                self
            }
            /// Sends.
            pub async fn send_with_response(
                self,
            ) -> Result<::specforge::Response<super::types::Pet>, ::specforge::Error<GetPetByIdError>>
            {
                static OPERATION: ::specforge::__private::Operation =
                    ::specforge::__private::Operation {
                        id: "getPetById",
                        method: ::specforge::__private::Method::GET,
                        path: "/pets/{petId}",
                        accept: "application/json",
                        security: &[&["api_key"]],
                        idempotency_header: None,
                    };
                let mut request = ::specforge::__private::Request::new(&OPERATION, self.options);
                request.param(::specforge::__private::Param::path("petId"), &self.pet_id);
                request.param(
                    ::specforge::__private::Param::query("verbose"),
                    &self.verbose,
                );
                request.param(
                    ::specforge::__private::Param::query("tags")
                        .style(::specforge::__private::Style::PipeDelimited)
                        .explode(false),
                    &["a", "b"],
                );
                request.param(
                    ::specforge::__private::Param::header("X-Request-Id"),
                    &self.x_request_id,
                );
                specforge::__private::execute(&self.client.core, request, decode_get_pet_by_id)
                    .await
            }
        }

        fn decode_get_pet_by_id(
            response: ::specforge::__private::RawResponse,
        ) -> Result<::specforge::Response<super::types::Pet>, ::specforge::Error<GetPetByIdError>>
        {
            match response.status_code() {
                200 => response.json(),
                404 => response.error_json(GetPetByIdError::NotFound),
                410 => response.error_empty(GetPetByIdError::Gone),
                418 => response.error_text(GetPetByIdError::Status418),
                500..=599 => response.unexpected(),
                _ => response.error_json(GetPetByIdError::Default),
            }
        }

        impl ::std::future::IntoFuture for GetPetById {
            type Output = Result<super::types::Pet, ::specforge::Error<GetPetByIdError>>;
            type IntoFuture = ::specforge::BoxFuture<Self::Output>;
            fn into_future(self) -> Self::IntoFuture {
                Box::pin(async move {
                    self.send_with_response()
                        .await
                        .map(::specforge::Response::into_body)
                })
            }
        }

        /// Errors.
        #[derive(Debug, Clone, PartialEq)]
        pub enum GetPetByIdError {
            /// 404.
            NotFound(super::types::Error),
            /// 410.
            Gone,
            /// 418.
            Status418(String),
            /// default.
            Default(super::types::Error),
        }

        /// No errors declared.
        pub fn no_errors(
            response: ::specforge::__private::RawResponse,
        ) -> Result<::specforge::Response<()>, ::specforge::Error<::specforge::NoErrors>> {
            match response.status_code() {
                204 => response.empty(),
                200 => response.success_with(|r| r.parse_json::<()>()),
                _ => response.unexpected(),
            }
        }

        /// Bodies.
        pub fn bodies(request: &mut ::specforge::__private::Request, pet: &super::types::Pet) {
            request.json_body("application/json", pet);
            request.form_body("application/x-www-form-urlencoded", pet);
            request.text_body("text/plain", String::from("x"));
            request.bytes_body(
                "application/octet-stream",
                ::specforge::bytes::Bytes::from_static(b"x"),
            );
            request.multipart_body(
                ::specforge::__private::Multipart::new()
                    .text("name", "x")
                    .file(
                        "file",
                        vec![1u8, 2],
                        Some("a.bin".to_owned()),
                        Some("image/png"),
                    )
                    .json("meta", pet),
            );
        }
    }

    /// Types.
    pub mod types {
        /// A pet.
        #[derive(
            Debug, Clone, PartialEq, ::specforge::serde::Serialize, ::specforge::serde::Deserialize,
        )]
        #[serde(crate = "::specforge::serde")]
        pub struct Pet {
            /// Id.
            pub id: i64,
            /// Tag.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub tag: Option<String>,
            /// Type.
            #[serde(rename = "type")]
            pub type_: String,
            /// Photo.
            #[serde(with = "::specforge::__private::base64")]
            pub photo: Vec<u8>,
            /// Born.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub born: Option<::specforge::chrono::DateTime<::specforge::chrono::Utc>>,
            /// Uuid.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub uuid: Option<::specforge::uuid::Uuid>,
            /// Status.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub status: Option<PetStatus>,
            /// Free-form.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub extra: Option<::specforge::serde_json::Value>,
        }

        /// Error.
        #[derive(
            Debug, Clone, PartialEq, ::specforge::serde::Serialize, ::specforge::serde::Deserialize,
        )]
        #[serde(crate = "::specforge::serde")]
        pub struct Error {
            /// Message.
            pub message: String,
        }

        /// Status.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum PetStatus {
            /// available
            Available,
            /// sold
            Sold,
            /// A value this client does not know yet.
            Unknown(String),
        }
        ::specforge::__string_enum_impls!(PetStatus { Available => "available", Sold => "sold" });
    }
}

#[test]
fn generated_shape_builds_a_client() {
    let client = api::Client::builder()
        .base_url("https://api.example.com/v1/")
        .timeout(std::time::Duration::from_secs(3))
        .connect_timeout(std::time::Duration::from_secs(1))
        .user_agent("test")
        .default_header("X-Test", "1")
        .api_key("secret-key")
        .basic_auth("u", "secret-password")
        .bearer_auth("secret-token")
        .oauth("id", "secret-client")
        .allow_insecure_credentials(false)
        .max_response_bytes(1024)
        .retry_policy(specforge::RetryPolicy::default())
        .build();
    let client = match client {
        Ok(client) => client,
        Err(error) => panic!("build failed: {error}"),
    };
    assert_eq!(client.core().base_url(), "https://api.example.com/v1");
    let debug = format!("{client:?}");
    assert!(!debug.contains("secret-"), "{debug}");
    let request = client.get_pet_by_id(1, "r").verbose(true);
    let _ = format!("{request:?}");
    assert!(api::Client::new("not a url").is_err());
}

#[test]
fn string_enum_forward_compatible() -> Result<(), serde_json::Error> {
    use api::types::PetStatus;
    assert_eq!(
        serde_json::from_str::<PetStatus>("\"sold\"")?,
        PetStatus::Sold
    );
    let unknown = serde_json::from_str::<PetStatus>("\"lost\"")?;
    assert_eq!(unknown, PetStatus::Unknown("lost".to_owned()));
    assert_eq!(serde_json::to_string(&unknown)?, "\"lost\"");
    assert_eq!("available".parse::<PetStatus>(), Ok(PetStatus::Available));
    assert_eq!(PetStatus::Sold.to_string(), "sold");
    assert_eq!(unknown.as_str(), "lost");
    Ok(())
}

#[test]
fn request_and_decode_items_exist() {
    static OPERATION: specforge::__private::Operation = specforge::__private::Operation {
        id: "addPet",
        method: specforge::__private::Method::POST,
        path: "/pets",
        accept: "",
        security: &[],
        idempotency_header: Some("Idempotency-Key"),
    };
    let pet = api::types::Pet {
        id: 1,
        tag: None,
        type_: "dog".to_owned(),
        photo: vec![1, 2, 3],
        born: None,
        uuid: None,
        status: Some(api::types::PetStatus::Unknown("x".to_owned())),
        extra: None,
    };
    let mut request =
        specforge::__private::Request::new(&OPERATION, specforge::RequestOptions::default());
    api::operations::bodies(&mut request, &pet);
    assert_eq!(request.operation().id, "addPet");
    let raw = specforge::__private::RawResponse::new(
        specforge::http::StatusCode::NO_CONTENT,
        specforge::http::HeaderMap::new(),
        specforge::bytes::Bytes::new(),
    );
    assert!(api::operations::no_errors(raw).is_ok());
    let client = api::Client::new("https://x.example");
    if let Ok(client) = client {
        let _ = client
            .get_pet_by_id(1, "r")
            .request_options(specforge::RequestOptions::default().no_retry());
    }
}

#[test]
fn public_types_are_send_and_sync() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<specforge::ClientCore>();
    send_sync::<specforge::ClientBuilder>();
    send_sync::<specforge::Credential>();
    send_sync::<specforge::RequestOptions>();
    send_sync::<specforge::Response<()>>();
    send_sync::<specforge::Error<()>>();
    send_sync::<specforge::BuildError>();
    send_sync::<specforge::DecodeError>();
    send_sync::<specforge::FilePart>();
    send_sync::<specforge::__private::Request>();
    send_sync::<specforge::__private::RawResponse>();
    send_sync::<specforge::__private::Multipart>();
    assert!(
        size_of::<specforge::Error<api::operations::GetPetByIdError>>() <= 2 * size_of::<usize>()
    );
}
