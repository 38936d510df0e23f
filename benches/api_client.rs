//! `api_client!` against hand-written code doing the same work.
//!
//! - per-call overhead over `MockTransport` (no network): the generated blocking method vs a
//!   hand-written request to the same mock (same URL encoding, headers, status check and
//!   JSON decoding). Goal: ratio ≤ 1.05.
//! - loopback throughput against one in-process axum server on 127.0.0.1: the generated
//!   async client vs hand-written reqwest. Goal: ratio ≥ 0.98.
//!
//! Run with `cargo bench --bench api_client`; figures are in `benches/RESULTS.md`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use modsmith::http::{BlockingTransport, Body, Method, MockTransport, Request, Secret};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
pub struct Pet {
    id: u64,
    name: String,
}

modsmith::api_client! {
    #[client(base_url = "http://127.0.0.1:1", auth = bearer, retries = 2)]
    #[headers("Accept" = "application/json")]
    pub struct PetStore {
        #[get("/pets/{id}")]
        fn get_pet(id: u64, #[query] verbose: Option<bool>) -> Pet;
    }
}

const PET: &str = r#"{"id":7,"name":"Rex"}"#;

/// What the generated method does, written out by hand.
fn hand_written_get_pet(mock: &MockTransport, base: &str, token: &Secret, id: u64) -> Option<Pet> {
    let segment = utf8_percent_encode(&id.to_string(), NON_ALPHANUMERIC).to_string();
    let url = format!("{base}/pets/{segment}");
    let mut authorization =
        http::HeaderValue::try_from(format!("Bearer {}", token.expose())).ok()?;
    authorization.set_sensitive(true);
    let request = Request {
        method: Method::Get,
        url,
        route: "/pets/{id}",
        headers: vec![
            (
                http::header::ACCEPT,
                http::HeaderValue::from_static("application/json"),
            ),
            (http::header::AUTHORIZATION, authorization),
        ],
        body: None::<Body>,
        timeout: None,
        max_body_bytes: 10 * 1024 * 1024,
    };
    let response = BlockingTransport::send(mock, &request).ok()?;
    if !response.is_success() {
        return None;
    }
    serde_json::from_slice(response.body()).ok()
}

fn per_call_overhead(c: &mut Criterion) {
    let mock = MockTransport::new();
    mock.reply(Method::Get, "/pets/{id}", 200, PET);
    let token = Secret::new("t0k3n");
    let store = PetStoreBlocking::builder()
        .token(token.clone())
        .build_with(&mock);
    let mut group = c.benchmark_group("per call over MockTransport");
    group.bench_function("generated", |b| {
        b.iter(|| store.get_pet(black_box(7), None))
    });
    group.bench_function("hand-written", |b| {
        b.iter(|| hand_written_get_pet(&mock, "http://127.0.0.1:1", &token, black_box(7)))
    });
    group.finish();
}

fn loopback_throughput(c: &mut Criterion) {
    // The server runs on its own one-thread runtime and the clients on another, so the two
    // sides do not compete for one scheduler and the comparison is steadier.
    let server_runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => panic!("a Tokio runtime is needed for this bench: {error}"),
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => panic!("a Tokio runtime is needed for this bench: {error}"),
    };
    let address = server_runtime.block_on(async {
        let app = axum::Router::new().route(
            "/pets/{id}",
            axum::routing::get(|| async { ([("content-type", "application/json")], PET) }),
        );
        let listener = match tokio::net::TcpListener::bind("127.0.0.1:0").await {
            Ok(listener) => listener,
            Err(error) => panic!("cannot bind 127.0.0.1:0: {error}"),
        };
        let address = listener.local_addr().ok();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        address
    });
    let Some(address) = address else { return };
    let base = format!("http://{address}");
    let store = PetStore::builder()
        .base_url(&base)
        .expect("a valid base URL")
        .token(Secret::new("t0k3n"))
        .build();
    let client = reqwest::Client::new();
    let mut group = c.benchmark_group("loopback request");
    group.bench_function("generated", |b| {
        b.iter(|| runtime.block_on(store.get_pet(black_box(7), None)))
    });
    group.bench_function("hand-written reqwest", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let response = client
                    .get(format!("{base}/pets/{}", black_box(7)))
                    .bearer_auth("t0k3n")
                    .header("accept", "application/json")
                    .send()
                    .await
                    .ok()?;
                if !response.status().is_success() {
                    return None;
                }
                let bytes = response.bytes().await.ok()?;
                serde_json::from_slice::<Pet>(&bytes).ok()
            })
        })
    });
    group.finish();
}

fn short() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
}

criterion_group! {
    name = benches;
    config = short();
    targets = per_call_overhead, loopback_throughput
}
criterion_main!(benches);
