//! Behaviour of `api_client!` against a real HTTP server on 127.0.0.1, started by each test
//! on a port the OS assigns: every parameter kind, every auth kind, retries (the server
//! counts attempts), timeouts, non-2xx answers, bad JSON, oversized bodies, path encoding,
//! and what reaches the logs.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::routing::{get, post, put};
use modsmith::http::{ApiError, Method, MockTransport, RetryPolicy, Secret};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pet {
    id: u64,
    name: String,
}

#[derive(Debug, Serialize)]
pub struct NewPet {
    name: String,
}

#[derive(Debug, Serialize)]
pub struct Form {
    name: String,
    note: String,
}

/// What the server saw, sent back as JSON.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Echo {
    path: String,
    query: Option<String>,
    authorization: Option<String>,
    api_key: Option<String>,
    request_id: Option<String>,
    accept: Option<String>,
    content_type: Option<String>,
    body: String,
    attempts: usize,
}

modsmith::api_client! {
    /// The test server's API.
    #[client(base_url = "http://unused.invalid", auth = bearer, timeout = "2s", retries = 2)]
    #[headers("Accept" = "application/json", "User-Agent" = "modsmith-tests")]
    pub struct PetStore {
        /// Fetch one pet.
        #[get("/pets/{id}")]
        fn get_pet(id: u64) -> Pet;

        #[get("/echo")]
        fn list_pets(#[query] limit: Option<u32>, #[query(rename = "tag")] tag_filter: Option<&str>) -> Echo;

        #[post("/pets")]
        fn create_pet(#[body] pet: &NewPet) -> Pet;

        #[put("/echo/{id}/photo")]
        fn upload_photo(id: u64, #[header("X-Request-Id")] request_id: &str, #[body(bytes)] data: Vec<u8>) -> Echo;

        #[post("/echo")]
        fn submit_form(#[body(form)] form: &Form) -> Echo;

        #[delete("/pets/{id}")]
        fn delete_pet(id: u64);

        #[get("/echo/{value}")]
        fn echo_path(value: &str) -> Echo;

        #[get("/echo")]
        fn echo_header(#[header("X-Request-Id")] request_id: Option<String>) -> Echo;

        #[get("/flaky")]
        fn flaky() -> Echo;

        #[post("/busy")]
        fn busy_post();

        #[post("/busy")]
        #[idempotent]
        fn busy_post_idempotent();

        #[get("/slow")]
        fn slow();

        #[get("/bad-json")]
        fn bad_json() -> Pet;

        #[get("/big")]
        fn big() -> modsmith::http::Response;

        #[get("/status/{code}")]
        fn status(code: u16);
    }
}

modsmith::api_client! {
    #[client(base_url = "http://unused.invalid", auth = basic)]
    pub struct BasicApi {
        #[get("/echo")]
        fn whoami() -> Echo;
    }
}

modsmith::api_client! {
    #[client(base_url = "http://unused.invalid", auth = api_key(header = "X-Api-Key"))]
    pub struct HeaderKeyApi {
        #[get("/echo")]
        fn whoami() -> Echo;

        #[get("/redirect/{target}")]
        fn redirected(target: &str) -> Echo;
    }
}

modsmith::api_client! {
    #[client(base_url = "http://unused.invalid", auth = api_key(query = "key"))]
    pub struct QueryKeyApi {
        #[get("/echo")]
        fn whoami() -> Echo;
    }
}

#[derive(Default)]
struct Seen {
    attempts: Mutex<HashMap<String, usize>>,
}

impl Seen {
    fn attempt(&self, route: &str) -> usize {
        let mut attempts = self
            .attempts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let count = attempts.entry(route.to_owned()).or_insert(0);
        *count += 1;
        *count
    }
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

async fn echo(
    State(seen): State<Arc<Seen>>,
    uri: Uri,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: String,
) -> axum::Json<Echo> {
    axum::Json(Echo {
        path: uri.path().to_owned(),
        query,
        authorization: header(&headers, "authorization"),
        api_key: header(&headers, "x-api-key"),
        request_id: header(&headers, "x-request-id"),
        accept: header(&headers, "accept"),
        content_type: header(&headers, "content-type"),
        body,
        attempts: seen.attempt(uri.path()),
    })
}

async fn flaky(State(seen): State<Arc<Seen>>) -> impl IntoResponse {
    let attempt = seen.attempt("/flaky");
    if attempt < 3 {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            [("retry-after", "0")],
            "busy".to_owned(),
        )
            .into_response()
    } else {
        axum::Json(Echo {
            path: "/flaky".to_owned(),
            attempts: attempt,
            ..Echo::default()
        })
        .into_response()
    }
}

async fn busy(State(seen): State<Arc<Seen>>) -> impl IntoResponse {
    seen.attempt("/busy");
    (StatusCode::SERVICE_UNAVAILABLE, "busy")
}

/// Starts the test server on 127.0.0.1 with an OS-assigned port.
async fn start_server() -> (SocketAddr, Arc<Seen>) {
    let seen = Arc::new(Seen::default());
    let app = Router::new()
        .route(
            "/pets/{id}",
            get(|Path(id): Path<u64>| async move {
                if id == 404 {
                    (StatusCode::NOT_FOUND, "no pet 404").into_response()
                } else {
                    axum::Json(Pet {
                        id,
                        name: "Rex".to_owned(),
                    })
                    .into_response()
                }
            })
            .delete(|| async { StatusCode::NO_CONTENT }),
        )
        .route(
            "/pets",
            post(
                |axum::Json(pet): axum::Json<serde_json::Value>| async move {
                    axum::Json(Pet {
                        id: 1,
                        name: pet["name"].as_str().unwrap_or_default().to_owned(),
                    })
                },
            ),
        )
        .route("/echo", get(echo).post(echo))
        .route("/echo/{value}", get(echo))
        .route("/echo/{id}/photo", put(echo))
        .route("/flaky", get(flaky))
        .route("/busy", post(busy))
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(2)).await;
                "late"
            }),
        )
        .route("/bad-json", get(|| async { "this is not json" }))
        .route(
            "/redirect/{target}",
            get(
                |Path(target): Path<String>, headers: HeaderMap| async move {
                    // Same origin: a relative location. Another origin: the same server under
                    // another host name.
                    let host = header(&headers, "host").unwrap_or_default();
                    let port = host.rsplit(':').next().unwrap_or_default().to_owned();
                    let location = match target.as_str() {
                        "same" => "/echo".to_owned(),
                        _ => format!("http://localhost:{port}/echo"),
                    };
                    (StatusCode::TEMPORARY_REDIRECT, [("location", location)])
                },
            ),
        )
        .route("/big", get(|| async { vec![b'x'; 64 * 1024] }))
        .route(
            "/status/{code}",
            get(|Path(code): Path<u16>| async move {
                (
                    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                    "boom",
                )
            }),
        )
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let address = listener.local_addr().expect("local address");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (address, seen)
}

fn client(address: SocketAddr) -> PetStore {
    PetStore::builder()
        .base_url(format!("http://{address}"))
        .expect("a valid base URL")
        .token(Secret::new("t0k3n-abc"))
        .build()
}

#[tokio::test]
async fn every_parameter_kind_reaches_the_server() {
    let (address, _) = start_server().await;
    let store = client(address);

    assert_eq!(
        store.get_pet(7).await.unwrap(),
        Pet {
            id: 7,
            name: "Rex".to_owned()
        }
    );

    let listed = store.list_pets(Some(5), Some("good dog")).await.unwrap();
    assert_eq!(listed.query.as_deref(), Some("limit=5&tag=good%20dog"));
    let listed = store.list_pets(None, None).await.unwrap();
    assert_eq!(listed.query, None);

    let created = store
        .create_pet(&NewPet {
            name: "Tom".to_owned(),
        })
        .await
        .unwrap();
    assert_eq!(created.name, "Tom");

    let upload = store.upload_photo(9, "req-1", vec![1, 2, 3]).await.unwrap();
    assert_eq!(upload.path, "/echo/9/photo");
    assert_eq!(upload.request_id.as_deref(), Some("req-1"));
    assert_eq!(
        upload.content_type.as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(upload.body.as_bytes(), &[1, 2, 3]);

    let form = store
        .submit_form(&Form {
            name: "a b".to_owned(),
            note: "x&y".to_owned(),
        })
        .await
        .unwrap();
    assert_eq!(
        form.content_type.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(form.body, "name=a+b&note=x%26y");

    assert_eq!(store.echo_header(None).await.unwrap().request_id, None);
    assert_eq!(
        store
            .echo_header(Some("r2".to_owned()))
            .await
            .unwrap()
            .request_id
            .as_deref(),
        Some("r2")
    );

    store.delete_pet(3).await.unwrap();
    assert_eq!(listed.accept.as_deref(), Some("application/json"));
}

#[tokio::test]
async fn path_values_are_one_encoded_segment_and_dot_segments_are_refused() {
    let (address, seen) = start_server().await;
    let store = client(address);
    let echoed = store.echo_path("a/b?c#d %é").await.unwrap();
    assert_eq!(echoed.path, "/echo/a%2Fb%3Fc%23d%20%25%C3%A9");
    for refused in ["..", ".", "%2e%2E"] {
        match store.echo_path(refused).await {
            Err(ApiError::InvalidParameter { name, .. }) => assert_eq!(name, "value"),
            other => panic!("{refused:?} must be refused before sending, got {other:?}"),
        }
    }
    let attempts = seen
        .attempts
        .lock()
        .map(|attempts| attempts.len())
        .unwrap_or_default();
    assert_eq!(attempts, 1, "only the valid request reached the server");
}

#[tokio::test]
async fn header_values_with_line_breaks_are_refused() {
    let (address, _) = start_server().await;
    let store = client(address);
    let error = store
        .upload_photo(1, "a\r\nX-Evil: 1", Vec::new())
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            ApiError::InvalidParameter {
                name: "request_id",
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn every_auth_kind_sends_its_credentials() {
    let (address, _) = start_server().await;
    let base = format!("http://{address}");

    let bearer = client(address).list_pets(None, None).await.unwrap();
    assert_eq!(bearer.authorization.as_deref(), Some("Bearer t0k3n-abc"));

    let basic = BasicApi::builder()
        .base_url(&base)
        .expect("a valid base URL")
        .basic_auth("ann", Secret::new("pw"))
        .build()
        .whoami()
        .await
        .unwrap();
    assert_eq!(basic.authorization.as_deref(), Some("Basic YW5uOnB3"));

    let header_key = HeaderKeyApi::builder()
        .base_url(&base)
        .expect("a valid base URL")
        .token(Secret::new("k1"))
        .build()
        .whoami()
        .await
        .unwrap();
    assert_eq!(header_key.api_key.as_deref(), Some("k1"));

    let query_key = QueryKeyApi::builder()
        .base_url(&base)
        .expect("a valid base URL")
        .token(Secret::new("k 2"))
        .build()
        .whoami()
        .await
        .unwrap();
    assert_eq!(query_key.query.as_deref(), Some("key=k%202"));

    let missing = BasicApi::builder()
        .base_url(&base)
        .expect("a valid base URL")
        .build()
        .whoami()
        .await
        .unwrap_err();
    assert!(missing.to_string().contains("basic_auth"), "{missing}");
}

#[tokio::test]
async fn idempotent_requests_are_retried_and_others_are_not() {
    let (address, seen) = start_server().await;
    let store = client(address);
    let flaky = store.flaky().await.unwrap();
    assert_eq!(flaky.attempts, 3, "two 503s, then success");

    let error = store.busy_post().await.unwrap_err();
    assert_eq!(error.status(), Some(503));
    let busy_attempts = || {
        seen.attempts
            .lock()
            .map(|attempts| attempts.get("/busy").copied())
            .unwrap_or_default()
    };
    assert_eq!(busy_attempts(), Some(1), "POST is never retried by default");

    store.busy_post_idempotent().await.unwrap_err();
    assert_eq!(
        busy_attempts(),
        Some(1 + 3),
        "#[idempotent] POST: one attempt and two retries"
    );
}

#[tokio::test]
async fn backoff_and_retry_after_are_honoured() {
    let mock = MockTransport::new();
    let mut busy = axum::http::HeaderMap::new();
    busy.insert("retry-after", axum::http::HeaderValue::from_static("3"));
    mock.reply_with(
        Method::Get,
        "/flaky",
        modsmith::http::Response::new(429, busy, Vec::new()),
    );
    mock.refuse_connection(Method::Get, "/flaky");
    mock.reply(Method::Get, "/flaky", 200, r#"{"path":"/flaky","query":null,"authorization":null,"api_key":null,"request_id":null,"accept":null,"content_type":null,"body":"","attempts":3}"#);
    let store = PetStore::builder()
        .token(Secret::new("t"))
        .retry_policy(RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(2),
        })
        .build_with(&mock);
    assert_eq!(store.flaky().await.unwrap().attempts, 3);
    let sleeps = mock.sleeps();
    assert_eq!(sleeps.len(), 2);
    assert_eq!(
        sleeps[0],
        Duration::from_secs(2),
        "Retry-After: 3 capped at max_delay"
    );
    assert!(
        sleeps[1] >= Duration::from_millis(100) && sleeps[1] <= Duration::from_millis(200),
        "{:?}",
        sleeps[1]
    );
}

#[tokio::test]
async fn timeouts_non_2xx_bad_json_and_big_bodies_are_errors() {
    let (address, _) = start_server().await;
    let store = PetStore::builder()
        .base_url(format!("http://{address}"))
        .expect("a valid base URL")
        .token(Secret::new("t"))
        .timeout(Duration::from_millis(200))
        .max_body_bytes(1024)
        .build();

    let timeout = store.slow().await.unwrap_err();
    assert!(
        matches!(timeout, ApiError::Timeout { route: "/slow", .. }),
        "{timeout:?}"
    );

    let not_found = store.get_pet(404).await.unwrap_err();
    assert_eq!(
        not_found.to_string(),
        "GET /pets/{id} failed with HTTP 404 (no such resource); the server said: no pet 404"
    );

    let status = store.status(418).await.unwrap_err();
    assert!(
        matches!(&status, ApiError::Status { status: 418, route: "/status/{code}", body_excerpt, .. } if body_excerpt == "boom")
    );

    match store.bad_json().await.unwrap_err() {
        ApiError::Decode { body_excerpt, .. } => assert_eq!(body_excerpt, "this is not json"),
        other => panic!("expected a decode error, got {other:?}"),
    }

    let big = store.big().await.unwrap_err();
    assert!(
        matches!(big, ApiError::BodyTooLarge { limit: 1024, .. }),
        "{big:?}"
    );
    let roomy = PetStore::builder()
        .base_url(format!("http://{address}"))
        .expect("a valid base URL")
        .token(Secret::new("t"))
        .build();
    assert_eq!(roomy.big().await.unwrap().body().len(), 64 * 1024);
}

#[tokio::test]
async fn connection_errors_name_the_route() {
    // Bind then drop a listener: the port is free and refuses connections.
    let address = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("port");
    let store = PetStore::builder()
        .base_url(format!("http://{address}"))
        .expect("a valid base URL")
        .token(Secret::new("t"))
        .retry_policy(RetryPolicy {
            max_retries: 1,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(1),
        })
        .build();
    let error = store.get_pet(1).await.unwrap_err();
    assert!(
        matches!(
            error,
            ApiError::Connect {
                route: "/pets/{id}",
                ..
            }
        ),
        "{error:?}"
    );
}

/// A writer that keeps what the fmt layer writes, to search it.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// Every span of this test binary, formatted with the thread that closed it.
///
/// One global subscriber, not one per test: the request span's callsite is shared by every
/// test, and tracing caches a callsite's interest when it is first registered. A test that
/// set a thread-local subscriber could lose that race to a test registering the callsite on
/// another thread without one (seen on a loaded machine: no span recorded at all). Tests
/// read their own thread's lines.
fn captured_spans() -> &'static Captured {
    static CAPTURED: std::sync::OnceLock<Captured> = std::sync::OnceLock::new();
    CAPTURED.get_or_init(|| {
        let captured = Captured::default();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(captured.clone())
            .with_max_level(tracing::Level::TRACE)
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
            .with_thread_ids(true)
            .with_ansi(false)
            .finish();
        tracing::subscriber::set_global_default(subscriber)
            .unwrap_or_else(|error| panic!("no other test sets a global subscriber: {error}"));
        captured
    })
}

/// The lines the current thread's spans wrote.
fn own_lines(captured: &Captured) -> String {
    let thread = format!("{:?}", std::thread::current().id());
    let all = String::from_utf8_lossy(
        &captured
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    )
    .into_owned();
    all.lines()
        .filter(|line| line.contains(&thread))
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn spans_carry_the_route_and_status_but_never_secrets() {
    let captured = captured_spans();
    let (address, _) = start_server().await;

    let store = client(address);
    store.list_pets(Some(3), Some("secret-tag")).await.unwrap();
    store.get_pet(404).await.unwrap_err();
    let key_client = QueryKeyApi::builder()
        .base_url(format!("http://{address}"))
        .expect("a valid base URL")
        .token(Secret::new("query-key-zzz"))
        .build();
    key_client.whoami().await.unwrap();

    let logs = own_lines(captured);
    assert!(logs.contains("http.request"), "{logs}");
    assert!(
        logs.contains("route=\"/pets/{id}\"") || logs.contains("route=/pets/{id}"),
        "{logs}"
    );
    assert!(logs.contains("status=404"), "{logs}");
    for secret in ["t0k3n-abc", "secret-tag", "query-key-zzz"] {
        assert!(
            !logs.contains(secret),
            "{secret} leaked into the logs:\n{logs}"
        );
    }
    assert!(!format!("{store:?}").contains("t0k3n-abc"));
    assert!(format!("{store:?}").contains("Secret(***)"));
    let error = store.get_pet(404).await.unwrap_err();
    assert!(!format!("{error:?} {error}").contains("t0k3n-abc"));
}

#[tokio::test]
async fn concurrent_calls_share_one_client() {
    let (address, _) = start_server().await;
    let store = Arc::new(client(address));
    let calls = AtomicUsize::new(0);
    let tasks: Vec<_> = (0..8)
        .map(|id| {
            let store = store.clone();
            tokio::spawn(async move { store.get_pet(id).await })
        })
        .collect();
    for task in tasks {
        task.await.expect("task").expect("request");
        calls.fetch_add(1, Ordering::Relaxed);
    }
    assert_eq!(calls.load(Ordering::Relaxed), 8);
}

#[cfg(feature = "blocking")]
#[test]
fn the_blocking_client_makes_the_same_calls() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let (address, _) = runtime.block_on(start_server());
    let store = PetStoreBlocking::builder()
        .base_url(format!("http://{address}"))
        .expect("a valid base URL")
        .token(Secret::new("t0k3n-abc"))
        .build();
    assert_eq!(store.get_pet(2).unwrap().id, 2);
    assert_eq!(
        store.list_pets(Some(1), None).unwrap().query.as_deref(),
        Some("limit=1")
    );
    assert_eq!(store.get_pet(404).unwrap_err().status(), Some(404));
    assert_eq!(store.flaky().unwrap().attempts, 3);
}

#[tokio::test]
async fn redirects_are_followed_within_the_origin_only() {
    let (address, _) = start_server().await;
    let api = HeaderKeyApi::builder()
        .base_url(format!("http://{address}"))
        .expect("a valid base URL")
        .token(Secret::new("k9"))
        .build();
    let same = api.redirected("same").await.unwrap();
    assert_eq!(same.api_key.as_deref(), Some("k9"));
    let elsewhere = api.redirected("other").await.unwrap_err();
    assert_eq!(
        elsewhere.status(),
        Some(307),
        "a redirect to another host is not followed: {elsewhere}"
    );
}

#[test]
fn request_debug_hides_query_values_and_sensitive_headers() {
    let mock = MockTransport::new();
    mock.reply(Method::Get, "/echo", 200, "{}");
    let api = QueryKeyApi::builder()
        .token(Secret::new("query-secret"))
        .build_with(&mock);
    let bearer = PetStoreBlocking::builder()
        .token(Secret::new("bearer-secret"))
        .build_with(&mock);
    let _ = futures_lite_block_on(api.whoami());
    let _ = bearer.list_pets(Some(1), Some("tag-value"));
    let requests = mock.requests();
    // Without both requests recorded there would be nothing to hide, and the test would pass.
    assert_eq!(requests.len(), 2, "{requests:?}");
    let shown = format!("{requests:?} {mock:?}");
    for secret in ["query-secret", "bearer-secret", "tag-value"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
}

/// Polls a future that completes without waiting (a mock transport never waits).
fn futures_lite_block_on<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
}

modsmith::api_client! {
    /// Parameters of `impl Trait` types: generated code cannot name them, so their bounds are
    /// inferred where a named type is written out.
    #[client(base_url = "https://impl.example")]
    pub struct ImplTraitApi {
        #[put("/things/{id}")]
        fn put_thing(
            id: impl std::fmt::Display,
            #[query] page: Option<impl std::fmt::Display>,
            #[header("X-Tag")] tag: impl std::fmt::Display,
            #[body(bytes)] data: impl Into<Vec<u8>>,
        );
    }
}

#[test]
fn impl_trait_parameters_are_sent() {
    let mock = MockTransport::new();
    mock.reply(Method::Put, "/things/{id}", 204, "");
    let api = ImplTraitApiBlocking::builder().build_with(&mock);
    api.put_thing(7u8, Some(2.5), "blue", "raw bytes").unwrap();
    let requests = mock.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    let request = &requests[0];
    assert_eq!(request.url, "https://impl.example/things/7?page=2.5");
    let tag = request
        .headers
        .iter()
        .find(|(name, _)| name.as_str() == "x-tag")
        .map(|(_, value)| value.to_str().unwrap());
    assert_eq!(tag, Some("blue"));
    assert_eq!(&request.body.as_ref().unwrap().bytes[..], b"raw bytes");
}

/// A user's own type named `Response`: decoded from JSON like any other type. Only
/// modsmith's `Response` is the raw response, however it is written.
mod own_response {
    use modsmith::http::ResponseValue;

    #[derive(Debug, serde::Deserialize)]
    pub struct Response {
        pub path: String,
        pub attempts: usize,
    }

    modsmith::api_client! {
        #[client(base_url = "http://unused.invalid")]
        pub struct OwnResponseApi {
            #[get("/echo")]
            fn echo() -> Response;

            #[get("/echo")]
            fn echo_with_meta() -> ResponseValue<Response>;
        }
    }
}

/// modsmith's `Response`, imported and written bare: the raw response.
mod imported_raw_response {
    use modsmith::http::Response;

    modsmith::api_client! {
        #[client(base_url = "http://unused.invalid")]
        pub struct RawResponseApi {
            #[get("/echo")]
            fn echo() -> Response;
        }
    }
}

#[tokio::test]
async fn a_user_type_named_response_is_decoded_and_modsmiths_is_raw() {
    let (address, _) = start_server().await;
    let own = own_response::OwnResponseApi::builder()
        .base_url(format!("http://{address}"))
        .expect("a valid base URL")
        .build();
    let decoded: own_response::Response = own.echo().await.unwrap();
    assert_eq!(decoded.path, "/echo");
    assert_eq!(decoded.attempts, 1);
    let with_meta = own.echo_with_meta().await.unwrap();
    assert_eq!(with_meta.status(), 200);
    assert_eq!(with_meta.path, "/echo", "through Deref");

    let raw = imported_raw_response::RawResponseApi::builder()
        .base_url(format!("http://{address}"))
        .expect("a valid base URL")
        .build();
    let response: modsmith::http::Response = raw.echo().await.unwrap();
    assert_eq!(response.status(), 200);
    let echoed: Echo = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(echoed.path, "/echo");
}

modsmith::api_client! {
    /// A GitHub-like API whose typed calls also carry the rate-limit headers.
    #[client(base_url = "http://unused.invalid")]
    pub struct RateLimitedApi {
        #[get("/limited/{id}")]
        fn get_pet(id: u64) -> modsmith::http::ResponseValue<Pet>;

        #[get("/limited/none")]
        fn nothing() -> modsmith::http::ResponseValue<()>;

        #[get("/limited/none")]
        fn maybe_pet() -> Option<Pet>;
    }
}

/// A server that answers like GitHub: the body, plus `x-ratelimit-remaining`.
async fn start_rate_limited_server() -> SocketAddr {
    let app = Router::new()
        .route(
            "/limited/{id}",
            get(|Path(id): Path<u64>| async move {
                (
                    [("x-ratelimit-remaining", "4999")],
                    axum::Json(Pet {
                        id,
                        name: "Rex".to_owned(),
                    }),
                )
            }),
        )
        .route(
            "/limited/none",
            get(|| async { (StatusCode::NO_CONTENT, [("x-ratelimit-remaining", "4998")]) }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let address = listener.local_addr().expect("local address");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    address
}

#[tokio::test]
async fn a_typed_body_comes_with_the_status_and_headers() {
    let address = start_rate_limited_server().await;
    let api = RateLimitedApi::builder()
        .base_url(format!("http://{address}"))
        .expect("a valid base URL")
        .build();
    let pet = api.get_pet(3).await.unwrap();
    assert_eq!(pet.status(), 200);
    assert_eq!(
        pet.headers()
            .get("x-ratelimit-remaining")
            .and_then(|value| value.to_str().ok()),
        Some("4999")
    );
    assert_eq!(pet.name, "Rex", "the body through Deref");
    assert_eq!(
        pet.into_body(),
        Pet {
            id: 3,
            name: "Rex".to_owned()
        }
    );

    // 204 No Content: an empty body reads as `null`, which `()` and `Option<T>` accept.
    let nothing = api.nothing().await.unwrap();
    assert_eq!(nothing.status(), 204);
    assert_eq!(nothing.headers()["x-ratelimit-remaining"], "4998");
    assert_eq!(api.maybe_pet().await.unwrap(), None);
}

#[test]
fn a_bad_base_url_is_refused_when_the_client_is_built() {
    for (url, hint) in [
        ("not a url", "must start with `https://` or `http://`"),
        (
            "ftp://files.example.com",
            "must start with `https://` or `http://`",
        ),
        ("http://127.0.0.1:8080/v1?page=2", "query"),
        ("http://127.0.0.1:8080/v1#top", "fragment"),
        ("http://", "no host"),
    ] {
        match PetStore::builder().base_url(url) {
            Err(ApiError::InvalidConfig { reason }) => {
                assert!(reason.contains(hint), "{url:?}: {reason}");
                assert!(reason.contains("pass"), "says what to pass: {reason}");
            }
            Err(other) => panic!("{url:?}: expected InvalidConfig, got {other:?}"),
            Ok(_) => panic!("{url:?} must be refused"),
        }
    }
    let error = PetStore::builder()
        .base_url("ftp://x")
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        error.as_deref(),
        Some(
            "the client is misconfigured: the base URL \"ftp://x\" must start with `https://` \
             or `http://`; pass e.g. \"https://api.example.com/v1\""
        )
    );
    assert!(
        PetStore::builder()
            .base_url("http://[::1]:8080/api/")
            .is_ok()
    );
}

modsmith::api_client! {
    #[client(base_url = "http://unused.invalid")]
    pub struct ListApi {
        #[get("/echo")]
        fn search(
            #[query] tag: Vec<String>,
            #[query(rename = "label", style = comma)] labels: &[&str],
            #[query] page: Option<Vec<u32>>,
        ) -> Echo;
    }
}

#[tokio::test]
async fn list_query_parameters_are_repeated_or_comma_joined() {
    let (address, _) = start_server().await;
    let api = ListApi::builder()
        .base_url(format!("http://{address}"))
        .expect("a valid base URL")
        .build();
    let echoed = api
        .search(
            vec!["a".to_owned(), "b c".to_owned()],
            &["x", "y,z"],
            Some(vec![1, 2]),
        )
        .await
        .unwrap();
    // What the server received, raw: one key per value, or one comma-joined value whose
    // own commas are encoded.
    assert_eq!(
        echoed.query.as_deref(),
        Some("tag=a&tag=b%20c&label=x,y%2Cz&page=1&page=2")
    );
    let empty = api.search(Vec::new(), &[], None).await.unwrap();
    assert_eq!(empty.query, None, "an empty list sends nothing");
}

#[tokio::test]
async fn the_span_records_the_kind_of_error_even_without_a_status() {
    let captured = captured_spans();
    let (address, _) = start_server().await;
    let store = PetStore::builder()
        .base_url(format!("http://{address}"))
        .expect("a valid base URL")
        .token(Secret::new("t"))
        .timeout(Duration::from_millis(100))
        .build();
    assert!(matches!(
        store.slow().await.unwrap_err(),
        ApiError::Timeout { .. }
    ));
    assert!(matches!(
        store.bad_json().await.unwrap_err(),
        ApiError::Decode { .. }
    ));
    let logs = own_lines(captured);
    let span_of = |route: &str| {
        logs.lines()
            .find(|line| line.contains(route) && line.contains("close"))
            .unwrap_or_default()
            .to_owned()
    };
    let slow = span_of("/slow");
    assert!(
        slow.contains("error=\"timeout\"") || slow.contains("error=timeout"),
        "{logs}"
    );
    assert!(!slow.contains("status="), "a timeout has no status: {slow}");
    let bad_json = span_of("/bad-json");
    assert!(
        bad_json.contains("error=\"decode\"") || bad_json.contains("error=decode"),
        "{logs}"
    );
    assert!(bad_json.contains("status=200"), "{bad_json}");
}

/// A blocking client made inside an async runtime, then used where blocking is allowed
/// (`spawn_blocking`): reqwest's blocking client would panic if it were built on the
/// runtime's thread, so the transport builds it on a thread of its own.
#[cfg(feature = "blocking")]
#[tokio::test]
async fn a_blocking_client_made_in_async_code_works_in_spawn_blocking() {
    let (address, _) = start_server().await;
    let store = PetStoreBlocking::builder()
        .base_url(format!("http://{address}"))
        .expect("a valid base URL")
        .token(Secret::new("t"))
        .build();
    let pet = tokio::task::spawn_blocking(move || store.get_pet(5))
        .await
        .expect("the blocking task")
        .unwrap();
    assert_eq!(pet.id, 5);
}
