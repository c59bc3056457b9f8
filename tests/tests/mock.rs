//! Typed mocks (setting `mock`, issue 14 point 4) over the fixtures' operation shapes:
//! path, query and header parameters, JSON, form and multipart bodies, several success
//! and error responses, `Link`, cursor and next-URL pagination, downloads and
//! Server-Sent Events. Each test answers calls with typed values, checks what the code
//! under test gets, and asserts on the calls recorded; nothing is sent anywhere (the
//! mocked client's base URL is an `.invalid` host).

#[cfg(not(all(
    fixture = "petstore",
    fixture = "http_surface",
    fixture = "pagination",
    fixture = "http_media",
    fixture = "streaming"
)))]
#[test]
fn mock_goldens_exist() {
    panic!(
        "a golden of petstore, http-surface, pagination, http-media or streaming is missing: \
         generate them with `SPECFORGE_BLESS=1 cargo test -p specforge-tests --test golden`"
    );
}

#[cfg(all(
    fixture = "petstore",
    fixture = "http_surface",
    fixture = "pagination",
    fixture = "http_media",
    fixture = "streaming"
))]
mod mocked {
    use futures::{StreamExt as _, TryStreamExt as _};
    use specforge_tests::petstore::Client;
    use specforge_tests::petstore::operations::ListPetsError;
    use specforge_tests::petstore::types::{Error as ApiProblem, Pet};

    /// The code under test: it knows nothing of mocks.
    async fn pet_name(client: &Client, id: &str) -> Result<String, String> {
        match client.show_pet_by_id(id).await {
            Ok(pet) => Ok(pet.name),
            Err(error) => Err(match (&error, error.api_error()) {
                (specforge::Error::Api(api), Some(body)) => {
                    format!("{} {}", api.status.as_u16(), body.message_text())
                }
                _ => error.to_string(),
            }),
        }
    }

    trait MessageText {
        fn message_text(&self) -> String;
    }

    impl MessageText for ListPetsError {
        fn message_text(&self) -> String {
            match self {
                ListPetsError::Default(problem) => problem.message.clone(),
            }
        }
    }

    #[tokio::test]
    async fn answers_by_typed_arguments_and_records_calls() {
        let (client, mock) = Client::mock();
        mock.show_pet_by_id(|call| call.pet_id == "7")
            .returns(Pet::new(7, "Rex"));
        mock.show_pet_by_id(|call| call.pet_id == "8")
            .fails_with(ListPetsError::Default(ApiProblem::new(404, "no pet 8")));

        assert_eq!(pet_name(&client, "7").await, Ok("Rex".to_owned()));
        assert_eq!(pet_name(&client, "8").await, Err("500 no pet 8".to_owned()));
        let ids: Vec<String> = mock
            .show_pet_by_id_calls()
            .iter()
            .map(|call| call.pet_id.clone())
            .collect();
        assert_eq!(ids, ["7", "8"]);
        assert!(mock.list_pets_calls().is_empty());
    }

    #[tokio::test]
    async fn an_error_names_its_operation_and_keeps_status_and_headers() {
        let (client, mock) = Client::mock();
        mock.list_pets(|call| call.limit == Some(3))
            .status(503)
            .header("retry-after", "2")
            .fails_with(ListPetsError::Default(ApiProblem::new(503, "busy")));
        let error = client.list_pets().limit(3).await.unwrap_err();
        let specforge::Error::Api(api) = error else {
            panic!("not a declared error: {error}")
        };
        assert_eq!(api.status.as_u16(), 503);
        assert_eq!(api.headers["retry-after"], "2");
        assert_eq!(api.operation.map(|op| op.id), Some("listPets"));
    }

    #[tokio::test]
    async fn a_json_body_is_recorded_and_the_declared_status_comes_back() {
        let (client, mock) = Client::mock();
        mock.create_pets(|call| call.body.name == "Tom").returns(());
        let response = client
            .create_pets(Pet::new(1, "Tom").with_tag("cat"))
            .send_with_response()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 201);
        let calls = mock.create_pets_calls();
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].body.tag.as_deref(), Some("cat"));
    }

    #[tokio::test]
    async fn answers_computes_from_the_call_and_times_limits_an_expectation() {
        let (client, mock) = Client::mock();
        mock.show_pet_by_id(|_| true)
            .once()
            .answers(|call| Ok(Pet::new(1, format!("first {}", call.pet_id))));
        mock.show_pet_by_id(|_| true).returns(Pet::new(2, "later"));
        assert_eq!(pet_name(&client, "a").await, Ok("first a".to_owned()));
        assert_eq!(pet_name(&client, "b").await, Ok("later".to_owned()));
        assert_eq!(pet_name(&client, "c").await, Ok("later".to_owned()));
        mock.verify();
    }

    #[tokio::test]
    async fn an_answer_may_use_the_mock_itself() {
        // The answer runs outside the mock's lock: registering an expectation from it
        // (a mock that learns as the test goes) must not deadlock.
        let (client, mock) = Client::mock();
        let same = mock.clone();
        mock.list_pets(|_| true).answers(move |_| {
            same.show_pet_by_id(|_| true).returns(Pet::new(1, "Rex"));
            Ok(Vec::new())
        });
        assert!(client.list_pets().await.unwrap().is_empty());
        assert_eq!(pet_name(&client, "1").await, Ok("Rex".to_owned()));
    }

    #[tokio::test]
    #[should_panic(expected = "unexpected call of `showPetById` (GET /pets/{petId})")]
    async fn an_unexpected_call_panics_naming_the_operation() {
        let (client, mock) = Client::mock();
        mock.show_pet_by_id(|call| call.pet_id == "7")
            .returns(Pet::new(7, "Rex"));
        let _ = client.show_pet_by_id("9").await;
    }

    #[tokio::test]
    #[should_panic(expected = "`list_pets` (listPets): expected 2 call(s), got 1")]
    async fn verify_panics_on_an_expectation_called_too_few_times() {
        let (client, mock) = Client::mock();
        mock.list_pets(|_| true).times(2).returns(Vec::new());
        let _ = client.list_pets().await;
        mock.verify();
    }

    #[tokio::test]
    async fn header_and_query_parameters_are_typed_in_the_call() {
        use specforge_tests::http_surface::Client;
        use specforge_tests::http_surface::types::Color;
        let (client, mock) = Client::mock();
        mock.header_styles(|call| call.session == "s1" && call.x_object.r == 1)
            .returns(());
        mock.query_styles(|call| call.pipe == ["a", "b"] && call.text.is_none())
            .returns(());
        let color = Color::new(1, 2, 3);
        client
            .header_styles(vec!["x".into()], color.clone(), color.clone(), "s1", vec![])
            .await
            .unwrap();
        client
            .query_styles(
                vec![],
                vec![],
                vec!["a".into(), "b".into()],
                color.clone(),
                color.clone(),
                "r",
                color,
            )
            .await
            .unwrap();
        assert_eq!(mock.header_styles_calls()[0].x_array, ["x"]);
        assert_eq!(mock.query_styles_calls()[0].reserved, "r");
    }

    #[tokio::test]
    async fn form_and_multipart_bodies_are_recorded() {
        use specforge_tests::http_surface::Client;
        use specforge_tests::http_surface::operations::UploadFileBody;
        use specforge_tests::http_surface::types::SubmitFormBody;
        let (client, mock) = Client::mock();
        mock.submit_form(|call| call.body.name == "n").returns(());
        mock.upload_file(|call| call.body.description.as_deref() == Some("d"))
            .returns(());
        let mut form = SubmitFormBody::new("n");
        form.count = Some(3);
        client.submit_form(form).await.unwrap();
        client
            .upload_file(UploadFileBody {
                description: Some("d".into()),
                file: specforge::FilePart::new("bytes"),
                meta: None,
            })
            .await
            .unwrap();
        assert_eq!(mock.submit_form_calls()[0].body.count, Some(3));
        assert!(mock.upload_file_calls()[0].body.meta.is_none());
    }

    #[tokio::test]
    async fn several_success_and_error_responses_carry_their_status() {
        use specforge_tests::http_surface::Client;
        use specforge_tests::http_surface::operations::{GetJobResponse, GetRangesError};
        use specforge_tests::http_surface::types::{Job, JobState, Problem};
        let (client, mock) = Client::mock();
        mock.get_job(|_| true)
            .returns(GetJobResponse::Accepted(Job::new("j1", JobState::Queued)));
        mock.get_ranges(|call| call.status == 418)
            .fails_with(GetRangesError::ClientError(Problem::new("teapot")));
        mock.get_ranges(|call| call.status == 503)
            .fails_with(GetRangesError::ServerError(Problem::new("down")));
        let job = client.get_job().send_with_response().await.unwrap();
        assert_eq!(job.status().as_u16(), 202);
        let client_error = client.get_ranges(418).await.unwrap_err();
        assert_eq!(status_of(&client_error), Some(400));
        let server_error = client.get_ranges(503).await.unwrap_err();
        assert_eq!(status_of(&server_error), Some(500));
    }

    fn status_of<E>(error: &specforge::Error<E>) -> Option<u16> {
        match error {
            specforge::Error::Api(api) => Some(api.status.as_u16()),
            _ => None,
        }
    }

    #[tokio::test]
    async fn link_pages_are_answered_in_order() {
        use specforge_tests::pagination::Client;
        use specforge_tests::pagination::types::Item;
        let (client, mock) = Client::mock();
        mock.list_repos(|_| true)
            .once()
            .header(
                "link",
                "<http://mock.specforge.invalid/repos?page=2>; rel=\"next\"",
            )
            .returns(vec![Item::new(1), Item::new(2)]);
        mock.list_repos(|_| true).once().returns(vec![Item::new(3)]);
        let ids: Vec<i64> = client
            .list_repos()
            .per_page(2)
            .stream()
            .map_ok(|item| item.id)
            .try_collect()
            .await
            .unwrap();
        assert_eq!(ids, [1, 2, 3]);
        // A page that follows a URL is the first page's call again.
        assert_eq!(mock.list_repos_calls().len(), 2);
        assert_eq!(mock.list_repos_calls()[1].per_page, Some(2));
        mock.verify();
    }

    #[tokio::test]
    async fn cursor_pages_see_their_cursor_in_the_call() {
        use specforge_tests::pagination::Client;
        use specforge_tests::pagination::types::{Item, ListEventsResponse};
        let (client, mock) = Client::mock();
        mock.list_events(|call| call.cursor.is_none())
            .returns(ListEventsResponse::new(vec![Item::new(1)]).with_next_cursor("c2"));
        mock.list_events(|call| call.cursor.as_deref() == Some("c2"))
            .returns(ListEventsResponse::new(vec![Item::new(2)]));
        let items: Vec<Item> = client.list_events().stream().try_collect().await.unwrap();
        assert_eq!(items, [Item::new(1), Item::new(2)]);
        let cursors: Vec<Option<String>> = mock
            .list_events_calls()
            .iter()
            .map(|call| call.cursor.clone())
            .collect();
        assert_eq!(cursors, [None, Some("c2".to_owned())]);
    }

    #[tokio::test]
    async fn a_download_streams_the_answered_bytes() {
        use specforge_tests::http_media::Client;
        let (client, mock) = Client::mock();
        mock.download_file(|call| call.name == "a.bin")
            .returns(bytes::Bytes::from_static(b"\x00\x01payload"));
        let whole = client.download_file("a.bin").await.unwrap();
        assert_eq!(&whole[..], b"\x00\x01payload");
        let streamed = client
            .download_file("a.bin")
            .send_streaming()
            .await
            .unwrap()
            .into_body();
        let chunks: Vec<bytes::Bytes> = streamed.try_collect().await.unwrap();
        assert_eq!(chunks.concat(), b"\x00\x01payload");
        assert_eq!(mock.download_file_calls().len(), 2);
    }

    #[tokio::test]
    async fn an_event_stream_is_answered_with_its_text() {
        use specforge_tests::streaming::Client;
        let (client, mock) = Client::mock();
        mock.tail_logs(|call| call.level.as_deref() == Some("warn"))
            .returns(bytes::Bytes::from_static(
                b"data: one\n\nevent: line\ndata: two\n\n",
            ));
        let events: Vec<_> = client
            .tail_logs()
            .level("warn")
            .await
            .unwrap()
            .collect()
            .await;
        let data: Vec<String> = events.into_iter().map(|e| e.unwrap().data).collect();
        assert_eq!(data, ["one", "two"]);
    }
}

/// Typed mocks of an XML-only API (`fixtures/xml-orders`): XML bodies are typed values,
/// so a mock records and answers them like JSON ones.
#[cfg(fixture = "xml_orders")]
mod mocked_xml {
    use specforge_tests::xml_orders::Client;
    use specforge_tests::xml_orders::operations::GetOrderError;
    use specforge_tests::xml_orders::types::{Customer, Line, Order, Problem};

    fn order(id: i64) -> Order {
        Order::new(id, Customer::new("Ada"), vec![Line::new("TEA-1", 2)])
    }

    #[tokio::test]
    async fn xml_bodies_are_recorded_and_answered_typed() {
        let (client, mock) = Client::mock();
        mock.create_order(|call| call.body.lines.len() == 1)
            .returns(order(7));
        mock.get_order(|call| call.order_id == 9)
            .fails_with(GetOrderError::NotFound(Problem::new(404, "no order 9")));
        let created = client.create_order(order(0)).await.unwrap();
        assert_eq!(created, order(7));
        let recorded = mock.create_order_calls();
        assert_eq!(recorded.len(), 1);
        assert_eq!(recorded[0].body, order(0));
        let specforge::Error::Api(api) = client.get_order(9).await.unwrap_err() else {
            panic!("not the declared error");
        };
        assert_eq!(api.status.as_u16(), 404);
        assert_eq!(
            api.body,
            GetOrderError::NotFound(Problem::new(404, "no order 9"))
        );
    }
}
