//! Sending a request (placeholder).

use crate::client::ClientCore;
use crate::error::Error;
use crate::private::{Decode, Request};
use crate::response::Response;

impl ClientCore {
    /// Sends `request` and decodes the response with the operation's `decode` function.
    pub async fn execute<T, E>(
        &self,
        request: Request,
        decode: Decode<T, E>,
    ) -> Result<Response<T>, Error<E>> {
        let _ = (request, decode);
        Err(Error::invalid(None, "not implemented yet"))
    }
}
