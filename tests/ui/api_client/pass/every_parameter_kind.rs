// Every method, every parameter kind and every kind of return type, called through the
// blocking client over a `MockTransport`, checking what was sent and what came back.
use std::time::Duration;

use modsmith::http::{Method, MockTransport, Request, Secret};

#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Pet {
    id: u64,
    name: String,
}

#[derive(serde::Serialize)]
pub struct Rename {
    name: String,
    notify: bool,
}

modsmith::api_client! {
    /// The Pet Store API.
    #[client(base_url = "https://petstore.example/v2", auth = bearer, timeout = "1.5s", retries = 2)]
    #[headers("Accept" = "application/json", "X-Client" = "modsmith ui")]
    pub struct PetStore {
        /// Fetch one pet of one owner.
        #[get("/owners/{owner}/pets/{id}")]
        fn get_pet(owner: &str, id: u64) -> Pet;

        #[get("/pets")]
        fn list_pets(
            #[query] limit: u32,
            #[query(rename = "tag")] tag_filter: Option<&str>,
            #[query] page: Option<u32>,
            #[header("X-Request-Id")] request_id: &str,
            #[header("X-Trace")] trace: Option<u64>,
        ) -> Vec<Pet>;

        #[post("/pets")]
        #[idempotent]
        fn create_pet(#[body] pet: &Pet) -> Pet;

        #[patch("/pets/{id}")]
        fn rename_pet(id: u64, #[body(form)] change: &Rename);

        #[put("/pets/{id}/photo")]
        fn upload_photo(id: u64, #[body(bytes)] data: Vec<u8>) -> ();

        #[delete("/pets/{id}")]
        fn delete_pet(id: u64);

        #[head("/pets/{id}")]
        fn pet_exists(id: u64) -> modsmith::http::Response;
    }
}

fn header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request
        .headers
        .iter()
        .find(|(header, _)| header.as_str() == name)
        .map(|(_, value)| value.to_str().unwrap())
}

fn main() {
    let mock = MockTransport::new();
    mock.reply(
        Method::Get,
        "/owners/{owner}/pets/{id}",
        200,
        r#"{"id": 7, "name": "Rex"}"#,
    );
    mock.reply(
        Method::Get,
        "/pets",
        200,
        r#"[{"id": 1, "name": "A"}, {"id": 2, "name": "B"}]"#,
    );
    mock.reply(Method::Post, "/pets", 503, "busy");
    mock.reply(Method::Post, "/pets", 201, r#"{"id": 3, "name": "C"}"#);
    mock.reply(Method::Patch, "/pets/{id}", 204, "");
    mock.reply(Method::Put, "/pets/{id}/photo", 200, "ignored");
    mock.reply(Method::Delete, "/pets/{id}", 404, "no pet 8");
    mock.reply(Method::Head, "/pets/{id}", 200, "");

    let store = PetStoreBlocking::builder()
        .token(Secret::new("t0k3n"))
        .build_with(&mock);

    assert_eq!(
        store.get_pet("ann/bob", 7).unwrap(),
        Pet {
            id: 7,
            name: "Rex".into()
        }
    );
    let pets = store
        .list_pets(10, Some("good dog"), None, "req-1", Some(42))
        .unwrap();
    assert_eq!(pets.iter().map(|pet| pet.id).collect::<Vec<_>>(), [1, 2]);
    let created = store
        .create_pet(&Pet {
            id: 0,
            name: "C".into(),
        })
        .unwrap();
    assert_eq!(
        created,
        Pet {
            id: 3,
            name: "C".into()
        }
    );
    store
        .rename_pet(
            3,
            &Rename {
                name: "Cee".into(),
                notify: true,
            },
        )
        .unwrap();
    store.upload_photo(3, vec![0xff, 0xd8]).unwrap();
    let error = store.delete_pet(8).unwrap_err();
    assert_eq!(error.status(), Some(404));
    assert_eq!(
        error.to_string(),
        "DELETE /pets/{id} failed with HTTP 404 (no such resource); the server said: no pet 8"
    );
    assert_eq!(store.pet_exists(3).unwrap().status(), 200);

    // A path value that would move up the path is refused before anything is sent.
    let refused = store.get_pet("..", 1).unwrap_err();
    assert_eq!(refused.status(), None);
    assert!(
        refused
            .to_string()
            .starts_with("parameter `owner` was not sent")
    );

    let requests = mock.requests();
    // The idempotent POST was tried twice: 503, then 201.
    assert_eq!(requests.len(), 8);
    assert_eq!(mock.sleeps().len(), 1);
    for request in &requests {
        assert_eq!(header(request, "accept"), Some("application/json"));
        assert_eq!(header(request, "x-client"), Some("modsmith ui"));
        assert_eq!(header(request, "authorization"), Some("Bearer t0k3n"));
        assert_eq!(request.timeout, Some(Duration::from_millis(1500)));
    }

    let get = &requests[0];
    assert_eq!(get.method, Method::Get);
    assert_eq!(get.route, "/owners/{owner}/pets/{id}");
    assert_eq!(
        get.url,
        "https://petstore.example/v2/owners/ann%2Fbob/pets/7"
    );
    assert!(get.body.is_none());

    let list = &requests[1];
    assert_eq!(
        list.url,
        "https://petstore.example/v2/pets?limit=10&tag=good%20dog"
    );
    assert_eq!(header(list, "x-request-id"), Some("req-1"));
    assert_eq!(header(list, "x-trace"), Some("42"));

    for create in &requests[2..4] {
        assert_eq!(create.method, Method::Post);
        assert_eq!(create.url, "https://petstore.example/v2/pets");
        let body = create.body.as_ref().unwrap();
        assert_eq!(body.content_type, "application/json");
        assert_eq!(&body.bytes[..], br#"{"id":0,"name":"C"}"#);
    }

    let rename = &requests[4];
    assert_eq!(rename.method, Method::Patch);
    assert_eq!(rename.url, "https://petstore.example/v2/pets/3");
    let body = rename.body.as_ref().unwrap();
    assert_eq!(body.content_type, "application/x-www-form-urlencoded");
    assert_eq!(&body.bytes[..], b"name=Cee&notify=true");

    let upload = &requests[5];
    assert_eq!(upload.method, Method::Put);
    assert_eq!(upload.url, "https://petstore.example/v2/pets/3/photo");
    let body = upload.body.as_ref().unwrap();
    assert_eq!(body.content_type, "application/octet-stream");
    assert_eq!(&body.bytes[..], [0xff, 0xd8]);

    assert_eq!(requests[6].method, Method::Delete);
    assert_eq!(requests[6].url, "https://petstore.example/v2/pets/8");
    assert_eq!(requests[7].method, Method::Head);
    assert_eq!(requests[7].url, "https://petstore.example/v2/pets/3");
}
