//! The renamed crate's macros work as they do under the name `modsmith`, against a real HTTP
//! server on loopback and a real tracing subscriber.

use std::sync::{Arc, Mutex, PoisonError};

use modsmith_test_renamed::{
    Account, Answer, Counter, Customer, Item, Items, add, exported, greetings, pricing, shapes,
    transformed,
};
use tracing::Subscriber;
use tracing::span::{Attributes, Id};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

#[test]
fn data_and_data_module() {
    let account = Account::new("ann").map_err(|errors| errors.to_string());
    assert_eq!(account.as_ref().map(|account| account.level()), Ok(1));
    assert!(Account::new("").is_err());
    let point = shapes::Point::new(1, 2);
    assert_eq!((point.x(), point.y()), (1, 2));
    assert!(shapes::Size::new(-1).is_err());
}

#[test]
fn export_module_reaches_the_runtime_through_the_renamed_crate() {
    let module = exported::module();
    assert_eq!(
        module
            .call("add", &[1.into(), 2.into()])
            .map_err(|error| error.to_string()),
        Ok(ms::dynamic::Value::Int(3))
    );
    assert_eq!(
        module.constant("nested::ANSWER"),
        Some(&ms::dynamic::Value::Int(42))
    );
}

#[test]
fn model_reaches_the_runtime_through_the_renamed_crate() {
    use ms::model::Model as _;
    let values: ms::model::Values = [("name".into(), ms::dynamic::Value::from("Acme"))].into();
    let mut customer = Customer::from_values(&values).map_err(|error| error.to_string());
    assert_eq!(customer.as_ref().map(|customer| customer.tier), Ok(1));
    if let Ok(customer) = &mut customer {
        assert!(customer.set("name", ms::dynamic::Value::from("")).is_err());
        assert_eq!(customer.name, "Acme");
    }
}

#[tokio::test]
async fn api_client_against_a_loopback_server() {
    use axum::extract::Path;
    let app = axum::Router::new().route(
        "/items/{id}",
        axum::routing::get(|Path(id): Path<u64>| async move {
            axum::Json(serde_json::json!({ "id": id, "name": "pen" }))
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let address = listener.local_addr().expect("local address");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let items = Items::builder()
        .base_url(format!("http://{address}"))
        .expect("a valid base URL")
        .build();
    let item = items.item(3).await.map_err(|error| error.to_string());
    assert_eq!(
        item,
        Ok(Item {
            id: 3,
            name: "pen".to_owned()
        })
    );
}

/// Records the name of every span created.
#[derive(Clone, Default)]
struct SpanNames(Arc<Mutex<Vec<String>>>);

impl<S: Subscriber> Layer<S> for SpanNames {
    fn on_new_span(&self, attrs: &Attributes<'_>, _: &Id, _: Context<'_, S>) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(attrs.metadata().name().to_owned());
    }
}

#[test]
fn instrument_and_transform_make_spans() {
    let names = SpanNames::default();
    let subscriber = tracing_subscriber::registry().with(names.clone());
    tracing::subscriber::with_default(subscriber, || {
        assert_eq!(add(1, 2), 3);
        assert_eq!(Counter(1).bump(), 2);
        assert_eq!(greetings::hello("ann"), "hello ann");
        assert_eq!(transformed::tag(4).clone(), transformed::Tag(4));
    });
    let names = names
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    assert_eq!(names, ["add", "Counter::bump", "hello", "tag"]);
}

#[test]
fn template_defined_and_instantiated_here() {
    assert_eq!(Answer::VALUE, 42);
}

#[test]
fn adaptive_reaches_the_runtime_through_the_renamed_crate() {
    use pricing::{PriceError, adapt};
    assert_eq!(pricing::price(100, "EU"), Ok(120));
    assert_eq!(pricing::discount("SPRING"), Err(PriceError::NotProvided));

    let restore = adapt::price.replace(|cents, _| Ok(cents + 1));
    assert_eq!(pricing::price(100, "EU"), Ok(101));
    restore.restore();
    {
        let _over = adapt::price.override_scoped(|_, _| Ok(0));
        assert_eq!(pricing::price(100, "EU"), Ok(0));
    }
    assert_eq!(pricing::price(100, "EU"), Ok(120));

    let provided = adapt::discount.provide(|code| Ok(code.len() as i64));
    assert!(pricing::supports("discount"));
    assert_eq!(pricing::discount("SPRING"), Ok(6));
    provided.restore();

    let rates = ms::dynamic::ModuleBuilder::new("rates")
        .function("price", |cents: i64, _region: String| cents * 2)
        .build()
        .expect("a module");
    let function = rates.function("price").expect("price");
    let filled = adapt::price
        .replace_dynamic(&function)
        .expect("the signatures agree");
    assert_eq!(pricing::price(100, "EU"), Ok(200));
    filled.restore();

    let interface = pricing::interface();
    assert_eq!(interface.version(), Some("1"));
    assert_eq!(
        interface.to_string(),
        "pricing 1\n  fn price(cents: i64, region: &str) -> Result<i64, PriceError>  [body]\n  \
         fn discount(code: &str) -> Result<i64, PriceError>  [not provided]"
    );
}

#[test]
fn compose_reaches_the_runtime_through_the_renamed_crate() {
    use modsmith_test_renamed::composed;
    assert_eq!(composed::hello(), "hello");
    assert_eq!(composed::add(2, 3), 5);
    let names: Vec<&str> = composed::MEMBERS.iter().map(|member| member.name).collect();
    assert_eq!(names, ["hello", "add"]);
}

#[test]
fn script_reaches_the_runtime_through_the_renamed_crate() {
    use modsmith_test_renamed::renamed_rules::{Line, total};
    use ms::dynamic::IntoValue;
    let lines = [Line { cents: 3, qty: 2 }];
    assert_eq!(total(&lines), Ok(6));
    assert!(lines[0].clone().into_value().is_ok());
}
