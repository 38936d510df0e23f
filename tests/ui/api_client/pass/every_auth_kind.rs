// Every `auth` kind, through the async and the blocking client over a `MockTransport`, and a
// missing credential refused before anything is sent.
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use modsmith::http::{Method, MockTransport, Request, Secret};

modsmith::api_client! {
    #[client(base_url = "https://open.example", auth = none)]
    pub struct Anonymous {
        #[get("/me")]
        fn me();
    }
}

modsmith::api_client! {
    #[client(base_url = "https://bearer.example", auth = bearer)]
    pub struct WithBearer {
        #[get("/me")]
        fn me();
    }
}

modsmith::api_client! {
    #[client(base_url = "https://basic.example", auth = basic)]
    pub struct WithBasic {
        #[get("/me")]
        fn me();
    }
}

modsmith::api_client! {
    #[client(base_url = "https://keyed.example", auth = api_key(header = "X-Api-Key"))]
    pub struct WithHeaderKey {
        #[get("/me")]
        fn me();
    }
}

modsmith::api_client! {
    #[client(base_url = "https://keyed.example/v1", auth = api_key(query = "key"))]
    pub struct WithQueryKey {
        #[get("/search")]
        fn search(#[query] q: &str) -> Vec<String>;
    }
}

/// Runs a future that is ready when first polled, as those of `MockTransport` are.
fn ready<F: Future>(future: F) -> F::Output {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("a MockTransport request did not complete at once"),
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
    mock.reply(Method::Get, "/me", 204, "");
    mock.reply(Method::Get, "/search", 200, r#"["tabby", "siamese"]"#);

    let anonymous = Anonymous::with_transport(&mock);
    ready(anonymous.me()).unwrap();

    let bearer = WithBearer::builder()
        .token(Secret::new("t0k3n"))
        .build_with(&mock);
    ready(bearer.me()).unwrap();

    let basic = WithBasicBlocking::builder()
        .basic_auth("ann", Secret::new("pw"))
        .build_with(&mock);
    basic.me().unwrap();

    let header_key = WithHeaderKeyBlocking::builder()
        .token(Secret::new("k3y"))
        .build_with(&mock);
    header_key.me().unwrap();

    let query_key = WithQueryKey::builder()
        .token(Secret::new("k3y"))
        .build_with(&mock);
    assert_eq!(
        ready(query_key.search("cats")).unwrap(),
        ["tabby", "siamese"]
    );

    // No token for a bearer client: refused, and nothing is sent.
    let error = WithBearerBlocking::with_transport(&mock).me().unwrap_err();
    assert_eq!(error.status(), None);
    assert!(
        error
            .to_string()
            .contains("authenticates with a token but has none"),
        "{error}"
    );

    let requests = mock.requests();
    assert_eq!(requests.len(), 5);

    assert_eq!(requests[0].url, "https://open.example/me");
    assert_eq!(header(&requests[0], "authorization"), None);

    assert_eq!(requests[1].url, "https://bearer.example/me");
    assert_eq!(header(&requests[1], "authorization"), Some("Bearer t0k3n"));

    assert_eq!(requests[2].url, "https://basic.example/me");
    // base64("ann:pw")
    assert_eq!(
        header(&requests[2], "authorization"),
        Some("Basic YW5uOnB3")
    );

    assert_eq!(requests[3].url, "https://keyed.example/me");
    assert_eq!(header(&requests[3], "x-api-key"), Some("k3y"));
    assert_eq!(header(&requests[3], "authorization"), None);

    assert_eq!(
        requests[4].url,
        "https://keyed.example/v1/search?q=cats&key=k3y"
    );
    assert_eq!(header(&requests[4], "authorization"), None);

    // Credentials are marked sensitive, so that transports and logs leave them out.
    let credentials = [
        (&requests[1], "authorization"),
        (&requests[2], "authorization"),
        (&requests[3], "x-api-key"),
    ];
    for (request, name) in credentials {
        let (_, value) = request
            .headers
            .iter()
            .find(|(header, _)| header.as_str() == name)
            .unwrap();
        assert!(value.is_sensitive(), "{name} is not marked sensitive");
    }
}
