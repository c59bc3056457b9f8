//! `__mock_client!`: the `Mock` and `Client::mock()` of a generated client with typed
//! mocks (setting `mock`; `crate::mock` holds the rest).

/// The `Mock` of a generated client and its `Client::mock()`: expanded inside the
/// generated `mock` module, next to which `$client` (with its field `core`) and the
/// `$schemes` static are defined. One macro here instead of the same items in every
/// generated client.
#[macro_export]
#[doc(hidden)]
macro_rules! __mock_client {
    ($client:ident, $schemes:ident) => {
        /// The expectations and calls of a mocked [`Client`](super::Client): per
        /// operation, a method of the same name that expects calls (its closure sees
        /// the call's typed arguments) and `…_calls()` that lists them. A call no
        /// expectation accepts panics, naming the operation. Derefs to
        /// [`specforge::mock::MockServer`] (`verify()`).
        #[derive(Debug, Clone)]
        pub struct Mock {
            pub(super) server: $crate::mock::MockServer,
        }

        impl ::core::ops::Deref for Mock {
            type Target = $crate::mock::MockServer;
            fn deref(&self) -> &Self::Target {
                &self.server
            }
        }

        impl super::$client {
            /// A client whose calls the returned [`Mock`] answers, in process: nothing
            /// is sent, and a call no expectation accepts panics.
            pub fn mock() -> (super::$client, Mock) {
                let server = $crate::mock::MockServer::new();
                let client = super::$client {
                    core: $crate::__private::mock_client(&server, super::$schemes),
                };
                (client, Mock { server })
            }
        }
    };
}
