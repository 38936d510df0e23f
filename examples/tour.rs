//! A tour of modsmith: each section shows one macro at work.
//!
//! Run it with `cargo run --example tour`.

use std::sync::{Arc, Mutex};

use modsmith::http::{ApiError, Secret};
use modsmith::{Data, ValidationError};

// ─── #[derive(Data)] ────────────────────────────────────────────────────────────────────
//
// The compile-time form of a factory that builds a data class with `__init__` from a list
// of field names and types.

/// A user account.
#[derive(Data, Debug)]
#[data(set, validate = Self::password_differs_from_name)]
pub struct User {
    /// Display name, 1 to 32 characters.
    #[data(into, validate(length(min = 1, max = 32)))]
    name: String,
    /// Age in years.
    #[data(default = 18, validate(range(min = 13, max = 130)))]
    age: u8,
    /// Contact address, if given.
    #[data(validate(custom = must_contain_at))]
    email: Option<String>,
    #[data(skip(getter))]
    password_hash: String,
}

fn must_contain_at(email: &str) -> Result<(), String> {
    if email.contains('@') {
        Ok(())
    } else {
        Err(format!("{email:?} has no `@`"))
    }
}

impl User {
    fn password_differs_from_name(&self) -> Result<(), ValidationError> {
        if self.password_hash == self.name {
            Err(ValidationError::for_field(
                "password_hash",
                "must differ from the name",
            ))
        } else {
            Ok(())
        }
    }
}

// ─── data_module! ───────────────────────────────────────────────────────────────────────
//
// A whole module of data structs from names and field lists.

modsmith::data_module! {
    /// Plane geometry.
    pub mod geometry {
        /// A point in the plane.
        #[derive(Debug, Clone, Copy)]
        Point { x: f64, y: f64 },
        /// A width and a height, neither negative.
        #[derive(Debug)]
        Size {
            #[data(validate(range(min = 0.0)))]
            w: f64,
            #[data(validate(range(min = 0.0)))]
            h: f64,
        },
    }
}

// ─── api_client! ────────────────────────────────────────────────────────────────────────
//
// An API wrapper module from a base URL and a list of endpoints: checked at compile time
// (placeholders against parameters, routes, headers), async and blocking from one definition.

// ─── #[instrument] ──────────────────────────────────────────────────────────────────────
//
// A transformer that puts a logging span into every function of a module, at compile time.

#[modsmith::instrument(level = "info", err, exclude = "helper_*")]
mod accounts {
    /// Logs a user in; `password` is recorded as "***".
    pub fn login(user: &str, password: &str) -> Result<String, String> {
        if helper_check(password) {
            Ok(format!("session-for-{user}"))
        } else {
            Err(format!("wrong password for {user}"))
        }
    }

    #[instrument(level = "debug", ret)]
    pub fn balance(user: &str) -> u64 {
        user.len() as u64 * 100
    }

    /// Options as `#[tracing::instrument]` writes them: a field filled in later, a field
    /// computed from a parameter, the return value with `Display`.
    #[instrument("transfer", fields(cents = amount * 100, outcome), ret(Display))]
    pub fn transfer(amount: u64) -> String {
        tracing::Span::current().record("outcome", "booked");
        format!("{amount} EUR")
    }

    fn helper_check(password: &str) -> bool {
        password.len() > 3
    }
}

// ─── #[transform] ───────────────────────────────────────────────────────────────────────
//
// A pipeline of passes over a module: derives, instrumentation, attributes, docs.

#[modsmith::transform(
    derive(Debug, Clone, PartialEq),
    instrument(level = "info", only = "pub"),
    doc = "Part of the v1 shapes API."
)]
mod shapes_v1 {
    pub struct Circle {
        pub radius: f64,
    }

    pub fn area(circle: &Circle) -> f64 {
        std::f64::consts::PI * circle.radius * circle.radius
    }
}

// ─── template! ──────────────────────────────────────────────────────────────────────────
//
// A typed template, instantiated twice: each instance a module of its own.

modsmith::template! {
    /// A bounded, in-memory store for one kind of record.
    template store(Record: type, Name: ident, label: str, capacity: int = 4) {
        #[derive(Default)]
        pub struct $Name {
            rows: Vec<$Record>,
        }

        impl $Name {
            pub const LABEL: &'static str = $label;

            pub fn new() -> Self {
                Self::default()
            }

            /// Adds a record, or gives it back when the store is full.
            pub fn push(&mut self, record: $Record) -> Result<usize, $Record> {
                if self.rows.len() == $capacity {
                    return Err(record);
                }
                self.rows.push(record);
                Ok(self.rows.len())
            }

            pub fn ${snake(Name)}_rows(&self) -> &[$Record] {
                &self.rows
            }
        }
    }
}

/// A note, stored by the `notes` instance.
pub struct Note {
    pub text: &'static str,
}

store! { mod notes; Record = Note, Name = NoteStore, label = "notes" }
store! { mod scores; Record = (String, u32), Name = ScoreBoard, label = "scores", capacity = 2 }

/// A pet, as the API sends it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Pet {
    id: u64,
    name: String,
}

/// A pet to create.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct NewPet {
    name: String,
}

modsmith::api_client! {
    /// The Pet Store API.
    #[client(base_url = "https://petstore.example/v2", auth = bearer, timeout = "5s", retries = 2)]
    #[headers("Accept" = "application/json", "User-Agent" = "modsmith-tour")]
    pub struct PetStore {
        /// List pets, at most `limit`.
        #[get("/pets")]
        fn list_pets(#[query] limit: Option<u32>) -> Vec<Pet>;

        /// Fetch one pet by its name.
        #[get("/pets/by-name/{name}")]
        fn pet_named(name: &str) -> Pet;

        /// Create a pet.
        #[post("/pets")]
        fn create_pet(#[body] pet: &NewPet) -> Pet;

        /// Delete a pet.
        #[delete("/pets/{id}")]
        fn delete_pet(id: u64);
    }
}

// ─── modsmith::dynamic and #[export_module] ─────────────────────────────────────────────
//
// The run-time form of `types.ModuleType(name)`: modules built while the program runs, or
// exported from Rust modules, called by name with values.

/// Unit conversions, exported as a `DynModule` as well.
#[modsmith::export_module]
pub mod units {
    /// Kilometres to miles.
    pub fn km_to_miles(km: f64) -> f64 {
        km * 0.621_371
    }

    /// Repeats a word.
    pub fn repeat(word: &str, times: i64) -> Result<String, String> {
        usize::try_from(times)
            .map(|times| word.repeat(times))
            .map_err(|_| format!("cannot repeat {times} times"))
    }

    pub const MILE_IN_METRES: f64 = 1609.344;
}

/// `#[derive(Model)]`: structs read, changed and built by field name, registered from two
/// modules, with a hook and a kind.
mod crm {
    use modsmith::dynamic::Value;

    #[derive(modsmith::Data, modsmith::Model, Debug)]
    #[data(set)]
    #[model(meta(table = "customers"), on_change = Self::changed)]
    pub struct Customer {
        #[data(validate(non_empty))]
        pub name: String,
        #[data(default = 1, validate(range(min = 1, max = 5)))]
        pub tier: i64,
    }

    impl Customer {
        fn changed(&self, field: &str, old: &Value, new: &Value) {
            println!("on_change: {}.{field}: {old} -> {new}", self.name);
        }
    }
}

mod catalog {
    /// What the shop exports its reports with: a kind of model.
    pub trait Exporter {
        fn export(&self, rows: &[i64]) -> String;
    }

    #[derive(modsmith::Model, Debug)]
    pub struct Product {
        pub sku: String,
        pub cents: i64,
    }

    #[derive(modsmith::Model)]
    #[model(kind = dyn Exporter)]
    pub struct Csv {
        pub separator: String,
    }

    impl Exporter for Csv {
        fn export(&self, rows: &[i64]) -> String {
            let cells: Vec<String> = rows.iter().map(i64::to_string).collect();
            cells.join(&self.separator)
        }
    }
}

fn model_tour() -> Result<(), Box<dyn std::error::Error>> {
    use catalog::Exporter;
    use crm::Customer;
    use modsmith::dynamic::Value;
    use modsmith::model::{Model as _, Values};
    use modsmith::registry;

    let fields: Vec<&str> = Customer::SHAPE
        .fields()
        .iter()
        .map(|field| field.name())
        .collect();
    println!(
        "shape:     {} {:?}, table {:?}",
        Customer::SHAPE.name(),
        fields,
        Customer::SHAPE.meta("table")
    );

    // Every model of the program, from both modules.
    let mut registered: Vec<&str> = registry::models()
        .iter()
        .map(|model| model.type_path())
        .collect();
    registered.sort_unstable();
    println!("registry:  {registered:?}");
    registry::expect(["Customer", "Product"])?;
    if let Err(error) = registry::expect(["Invoice"]) {
        println!("expect:    {error}");
    }

    // Built by name from values; a bad set of values gets every problem at once.
    let products = registry::get("Product")?;
    let values: Values = [
        ("sku".into(), Value::from("T-1")),
        ("cents".into(), Value::Int(450)),
    ]
    .into();
    println!("by name:   {:?}", products.create(&values)?);
    let bad: Values = [
        ("skus".into(), Value::from("T-1")),
        ("cents".into(), Value::from("cheap")),
    ]
    .into();
    if let Err(error) = products.create(&bad) {
        println!("refused:   {error}");
    }

    // Changed by name or by setter: validators run, and the `on_change` hook fires.
    let mut customer = Customer::from_values(&[("name".into(), Value::from("Acme"))].into())?;
    println!("built:     {customer:?} (tier from its default)");
    customer.set("tier", Value::Int(3))?;
    customer.set_name("Acme Ltd".into())?;
    if let Err(error) = customer.set("tier", Value::Int(9)) {
        println!("set tier:  {error}: tier is {}", customer.tier);
    }

    // A kind: the models registered under `dyn Exporter`, created by name.
    let exporters = registry::of::<dyn Exporter>();
    println!("kind:      {:?}", exporters.names().collect::<Vec<_>>());
    let csv = exporters.create("Csv", &[("separator".into(), Value::from(";"))].into())?;
    println!("exported:  {}", csv.export(&[1, 2, 3]));
    Ok(())
}

// ─── #[adaptive] ────────────────────────────────────────────────────────────────────────
//
// A module whose functions can be swapped while the program runs, as a Python module's
// attributes can be reassigned (`pricing.quote = cheaper_quote`), but typed, per thread when
// wanted, and costing about a nanosecond while nothing is swapped.

/// Prices of the shop.
#[modsmith::adaptive(version = "1.2")]
mod pricing {
    use modsmith::adaptive::NotProvided;
    use modsmith::dynamic::CallError;

    /// Why a price could not be given.
    #[derive(Debug)]
    pub enum PriceError {
        NotProvided(NotProvided),
        Call(CallError),
    }

    impl std::fmt::Display for PriceError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            match self {
                PriceError::NotProvided(error) => write!(f, "{error}"),
                PriceError::Call(error) => write!(f, "{error}"),
            }
        }
    }

    impl std::error::Error for PriceError {}

    impl From<NotProvided> for PriceError {
        fn from(error: NotProvided) -> Self {
            PriceError::NotProvided(error)
        }
    }

    impl From<CallError> for PriceError {
        fn from(error: CallError) -> Self {
            PriceError::Call(error)
        }
    }

    /// The price of `quantity` items, in cents.
    pub fn quote(item: &str, quantity: i64) -> Result<i64, PriceError> {
        Ok(quantity * if item == "tea" { 350 } else { 500 })
    }

    /// A coupon's discount in percent; provided by a marketing plug-in at run time.
    #[adaptive(optional)]
    pub fn coupon(code: &str) -> Result<i64, PriceError>;
}

fn adaptive_tour() -> Result<(), Box<dyn std::error::Error>> {
    use modsmith::dynamic::ModuleBuilder;
    use pricing::adapt;

    println!(
        "quote:     3 tea = {} cents (the body)",
        pricing::quote("tea", 3)?
    );

    // Replaced for every thread; the previous one comes back with `restore`.
    let sale = adapt::quote.replace(|_item, quantity| Ok(quantity * 100));
    println!("replaced:  3 tea = {} cents", pricing::quote("tea", 3)?);
    {
        // Overridden for this thread only, as a test would; it wins over the replacement.
        let _test = adapt::quote.override_scoped(|_, _| Ok(0));
        println!(
            "override:  3 tea = {} cents (this thread only)",
            pricing::quote("tea", 3)?
        );
    }
    sale.restore();

    // Middleware around whichever implementation is active.
    let logged = adapt::quote.wrap(|args, next| {
        let (item, quantity) = (args.item, args.quantity);
        let price = next.run(args);
        println!(
            "wrapped:   quote({item:?}, {quantity}) -> {:?}",
            price.as_ref().ok()
        );
        price
    });
    let _ = pricing::quote("coffee", 2);
    logged.remove();

    // An optional function: its error until provided, then provided from a run-time module.
    match pricing::coupon("WELCOME") {
        Ok(discount) => println!("coupon:    unexpectedly {discount}%"),
        Err(error) => println!("coupon:    {error}"),
    }
    let welcome = adapt::coupon.provide(|code| Ok(if code == "WELCOME" { 5 } else { 0 }));
    println!(
        "coupon:    WELCOME = {}% (provided)",
        pricing::coupon("WELCOME")?
    );
    welcome.restore();
    let marketing = ModuleBuilder::new("marketing")
        .function(
            "coupon",
            |code: String| if code == "WELCOME" { 10 } else { 0 },
        )
        .build()?;
    let _plugin = adapt::coupon.replace_dynamic(&marketing.function("coupon")?)?;
    println!(
        "coupon:    WELCOME = {}% (from the DynModule marketing)",
        pricing::coupon("WELCOME")?
    );
    println!("supports(\"coupon\"): {}", pricing::supports("coupon"));
    println!("interface: {}", pricing::interface());
    Ok(())
}

// ─── #[composable] and compose! ─────────────────────────────────────────────────────────
//
// A module made of other modules, as a Python program builds one by copying attributes
// from several modules into a new `types.ModuleType`, but checked: a name two modules
// define is a compile error unless a rule or a policy says which one wins.

/// Accounts of the shop.
#[modsmith::composable]
mod accounts_base {
    /// A customer.
    #[derive(Debug)]
    pub struct Customer {
        pub name: String,
    }

    /// A greeting for a customer.
    pub fn greet(customer: &Customer) -> String {
        format!("Hello, {}", customer.name)
    }
}

/// Orders of the shop.
#[modsmith::composable]
mod orders {
    /// Places an order, giving its number.
    pub fn place(items: u32) -> u32 {
        1000 + items
    }

    /// A greeting on the order page.
    pub fn greet(customer: &super::accounts_base::Customer) -> String {
        format!("Your orders, {}", customer.name)
    }
}

modsmith::compose! {
    /// The shop's application: accounts and orders, with its own greeting.
    #[compose(accounts_base, orders(rename(place = place_order)))]
    mod app {
        /// Overrides the greeting both sources define.
        #[compose(override)]
        pub fn greet(customer: &Customer) -> String {
            format!("Welcome to the shop, {}", customer.name)
        }
    }
}

// ─── script! ────────────────────────────────────────────────────────────────────────────
//
// Rules in a small typed language, compiled to plain Rust at build time: the compile-time
// form of a Python program that `exec`s rules from text. A mistake is a compile error at
// the script's own token; changing `sum * 90` below to `sum * 0.9` gives:
//
//     error: `*` needs two `int`s or two `float`s, not `int` and `float`: convert one side
//            with `to_float(..)` or `to_int(..)`
//       --> examples/tour.rs
//        |
//        |             "gold" => sum * 0.9,
//        |                       ^^^^^^^^^

modsmith::script! {
    /// Discount rules of the shop.
    module discounts {
        pub record Line { item: str, cents: int, qty: int }

        /// The total of a basket for a customer's tier, in cents.
        pub fn total(lines: list[Line], tier: str) -> int {
            let mut sum = 0;
            for line in lines { sum += line.cents * line.qty; }
            match tier {
                "gold" => sum * 90 / 100,
                "silver" => sum * 95 / 100,
                _ => sum,
            }
        }
    }
}

fn script_tour() {
    let basket = [
        discounts::Line {
            item: "tea".into(),
            cents: 350,
            qty: 2,
        },
        discounts::Line {
            item: "cake".into(),
            cents: 500,
            qty: 1,
        },
    ];
    for tier in ["gold", "silver", "none"] {
        match discounts::total(&basket, tier) {
            Ok(cents) => println!("total:     {tier:>6}: {cents} cents"),
            Err(error) => println!("error:     {error}"),
        }
    }
    let huge = [discounts::Line {
        item: "gold bar".into(),
        cents: i64::MAX,
        qty: 2,
    }];
    match discounts::total(&huge, "none") {
        Ok(cents) => println!("unexpected: {cents}"),
        Err(error) => println!("error:     {error}"),
    }
}

// ─── scripts at run time: bytecode and the VM ────────────────────────────────────────────
//
// The same language compiled from text while the program runs (Python's `compile()`), saved
// as bytes and loaded back (`marshal`), but verified on every load and run with limits.

fn script_vm_tour() -> Result<(), Box<dyn std::error::Error>> {
    use modsmith::dynamic::Value;
    use modsmith::script::{Host, Limits, LoadError, Program, Script, VmError};

    let source = r#"
        /// Shipping rules, edited by the shop's staff.
        module shipping {
            pub fn cost(grams: int, zone: str) -> int {
                let base = match zone { "home" => 300, "eu" => 900, _ => 2500 };
                base + grams / 100 * rate()
            }
            pub fn spin(n: int) -> int { let mut i = 0; while i < n { i += 1; } i }
            host { fn rate() -> int; }
        }
    "#;
    let program = Script::compile(source)?;
    let bytes = program.to_bytes();
    println!("compiled:  {} bytes of bytecode", bytes.len());
    let program = Program::from_bytes(&bytes)?;
    let shipping = program
        .instance(Host::new().function("rate", || 40_i64))?
        .with_limits(Limits {
            fuel: 100_000,
            ..Limits::default()
        })
        .into_module()?;
    println!(
        "signature: {}",
        shipping
            .signature("cost")
            .map(ToString::to_string)
            .unwrap_or_default()
    );
    let cost = shipping.call("cost", &[Value::Int(1_250), Value::from("eu")])?;
    println!("cost:      {cost:?}");

    // A typo in a script is a compile error with its place, not a crash.
    if let Err(error) = Script::compile("module m { pub fn f() -> int { 1 + tru } }") {
        println!(
            "compile:   {}",
            error.to_string().lines().next().unwrap_or_default()
        );
    }

    // Bytes with a good checksum but unsafe code (a register past the function's) are
    // refused by the verifier. Editing the tables is a tool's job: it takes the
    // `modsmith-script` crate (`bytecode::image`, `bytecode::op`).
    let mut image = program.image().clone();
    if let Some(function) = image.functions.first_mut() {
        let last = function.code.len() - 1;
        function.code[last] = modsmith_script::bytecode::op::Op::Return { src: 200 };
    }
    match Program::from_bytes(&image.to_bytes()) {
        Err(LoadError::Refused(error)) => println!("refused:   {error}"),
        other => println!("unexpected: {other:?}"),
    }

    // A script that runs too long stops with a typed error.
    let error = shipping.call("spin", &[Value::Int(1_000_000)]).unwrap_err();
    if let Some(VmError::OutOfFuel { limit }) =
        std::error::Error::source(&error).and_then(|e| e.downcast_ref::<VmError>())
    {
        println!("stopped:   out of fuel after {limit} instructions");
    }
    Ok(())
}

fn compose_tour() {
    let ada = app::Customer {
        name: "Ada".to_owned(),
    };
    println!(
        "sources:   {:?} / {:?}",
        accounts_base::greet(&ada),
        orders::greet(&ada)
    );
    println!("override:  {}", app::greet(&ada));
    println!("renamed:   order number {}", app::place_order(3));
    println!("members of `app`:");
    for member in app::MEMBERS {
        println!("  {member}");
    }
}

fn dynamic_tour() -> Result<(), Box<dyn std::error::Error>> {
    use modsmith::dynamic::{ConflictPolicy, DynModule, FunctionInfo, ModuleBuilder, Source};

    // Built from scratch at run time.
    let greetings = ModuleBuilder::new("greetings")
        .doc("Greetings.")
        .function_with(
            "hello",
            FunctionInfo::new().params(["name"]),
            |name: String| format!("hello, {name}"),
        )
        .function("repeat", |word: String, times: i64| {
            word.repeat(times.max(0) as usize)
        })
        .build()?;
    println!("built:     {greetings:?}");
    println!("call:      {}", greetings.call("hello", &["ann".into()])?);

    // Exported from a Rust module: the same type.
    let units: &DynModule = units::module();
    println!("exported:  {units:?}");
    println!(
        "call:      km_to_miles(10) = {}",
        units.call("km_to_miles", &[10.0.into()])?
    );
    println!(
        "constant:  MILE_IN_METRES = {:?}",
        units.constant("MILE_IN_METRES")
    );

    // Bad calls are typed errors that say what to do.
    for (name, args) in [
        ("km_to_mile", vec![1.0.into()]),
        ("repeat", vec!["ab".into()]),
        ("repeat", vec!["ab".into(), "3".into()]),
        ("repeat", vec!["ab".into(), (-1).into()]),
    ] {
        match units.call(name, &args) {
            Ok(value) => println!("unexpected: {value}"),
            Err(error) => println!("error:     {error}"),
        }
    }

    // Composed: `repeat` is in both, and the default policy refuses to choose.
    match DynModule::compose("app", [units, &greetings], ConflictPolicy::Error) {
        Ok(app) => println!("unexpected: {app:?}"),
        Err(error) => println!("{error}"),
    }
    let app = DynModule::compose(
        "app",
        [
            Source::new(units),
            Source::new(&greetings).rename("repeat", "repeat_word"),
        ],
        ConflictPolicy::Error,
    )?;
    println!("composed:  {:?}", app.names().collect::<Vec<_>>());

    // Wrapped with the instrumented middleware: a span per call.
    let traced = app.instrumented();
    tracing::subscriber::with_default(log_lines(tracing::Level::INFO), || {
        let _ = traced.call("hello", &["bob".into()]);
        let _ = traced.call("repeat", &["x".into(), (-2).into()]);
    });
    Ok(())
}

/// A small in-memory pet store on 127.0.0.1, so the tour needs no network.
async fn start_pet_store() -> std::io::Result<std::net::SocketAddr> {
    use axum::extract::{Path, State};
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    use axum::routing::{delete, get};

    type Pets = Arc<Mutex<Vec<Pet>>>;
    let pets: Pets = Arc::new(Mutex::new(vec![Pet {
        id: 1,
        name: "Rex".to_owned(),
    }]));
    let app = axum::Router::new()
        .route(
            "/pets",
            get(|State(pets): State<Pets>| async move {
                axum::Json(pets.lock().map(|pets| pets.clone()).unwrap_or_default())
            })
            .post(
                |State(pets): State<Pets>, axum::Json(new): axum::Json<NewPet>| async move {
                    let mut pets = pets
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    let pet = Pet {
                        id: pets.len() as u64 + 1,
                        name: new.name,
                    };
                    pets.push(pet.clone());
                    axum::Json(pet)
                },
            ),
        )
        .route(
            "/pets/by-name/{name}",
            get(
                |State(pets): State<Pets>, Path(name): Path<String>| async move {
                    let pets = pets
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    match pets.iter().find(|pet| pet.name == name) {
                        Some(pet) => axum::Json(pet.clone()).into_response(),
                        None => (StatusCode::NOT_FOUND, format!("no pet named {name:?}"))
                            .into_response(),
                    }
                },
            ),
        )
        .route(
            "/pets/{id}",
            delete(|State(pets): State<Pets>, Path(id): Path<u64>| async move {
                pets.lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .retain(|pet| pet.id != id);
                StatusCode::NO_CONTENT
            }),
        )
        .with_state(pets);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(address)
}

async fn api_client_tour() -> Result<(), ApiError> {
    let address = match start_pet_store().await {
        Ok(address) => address,
        Err(error) => {
            println!("could not start the embedded server: {error}");
            return Ok(());
        }
    };
    let store = PetStore::builder()
        .base_url(format!("http://{address}"))?
        .token(Secret::new("tour-token"))
        .build();
    println!("client:    {store:?}");
    println!("list:      {:?}", store.list_pets(Some(10)).await?);
    let tom = store
        .create_pet(&NewPet {
            name: "Tom".to_owned(),
        })
        .await?;
    println!("created:   {tom:?}");
    println!("list:      {:?}", store.list_pets(None).await?);
    store.delete_pet(tom.id).await?;
    println!(
        "deleted:   pet {}; list is now {:?}",
        tom.id,
        store.list_pets(None).await?
    );
    // A path value is one encoded segment; `..` would climb out of the route, so it is
    // refused before anything is sent.
    match store.pet_named("..").await {
        Ok(pet) => println!("unexpected: {pet:?}"),
        Err(error) => println!("refused:   {error}"),
    }
    // A non-2xx answer, as a user sees it.
    match store.pet_named("Felix").await {
        Ok(pet) => println!("unexpected: {pet:?}"),
        Err(error) => println!("error:     {error}"),
    }
    Ok(())
}

/// A subscriber that prints each span as it closes, one line per span, on stdout.
fn log_lines(max_level: tracing::Level) -> impl tracing::Subscriber {
    tracing_subscriber::fmt()
        .with_max_level(max_level)
        .with_target(false)
        .without_time()
        .with_ansi(false)
        .with_writer(std::io::stdout)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .finish()
}

fn main() {
    println!("== #[derive(Data)] ==");
    match User::new("ann", "5f4dcc3b".to_owned()) {
        Ok(ann) => println!("new:       {ann:?}  (age defaulted to {})", ann.age()),
        Err(errors) => println!("unexpected: {errors}"),
    }

    // The builder: leave out `.name(..)` or `.password_hash(..)` and this does not compile.
    let bob = User::builder()
        .name("bob")
        .password_hash("e99a18c4".to_owned())
        .age(42)
        .email("bob@example.org".to_owned())
        .build();
    match &bob {
        Ok(bob) => println!(
            "builder:   name={:?} age={} email={:?}",
            bob.name(),
            bob.age(),
            bob.email()
        ),
        Err(errors) => println!("unexpected: {errors}"),
    }

    // One value with four mistakes: every one is reported, each naming its field.
    let rejected = User::builder()
        .name("")
        .password_hash(String::new())
        .age(7)
        .email("nobody".to_owned())
        .build();
    match rejected {
        Ok(user) => println!("unexpectedly accepted: {user:?}"),
        Err(errors) => println!("rejected:  {errors}"),
    }

    // Setters re-run the field's validation and keep the old value on failure.
    if let Ok(mut bob) = bob
        && let Err(errors) = bob.set_age(200)
    {
        println!("set_age:   {errors}; age is still {}", bob.age());
    }

    println!(
        "\nreflection: {} has {} fields",
        User::NAME,
        User::FIELDS.len()
    );
    for field in User::FIELDS {
        let presence = match field.default() {
            None => "required".to_owned(),
            Some(default) => format!("optional, default {default}"),
        };
        println!(
            "  {:<14} {:<16} {:<28} {}",
            field.name(),
            field.ty(),
            presence,
            field.doc()
        );
    }

    println!("\n== data_module! ==");
    let origin = geometry::Point::new(0.0, 0.0);
    let corner = geometry::Point::builder().x(3.0).y(4.0).build();
    println!("points:    {origin:?} and {corner:?}");
    match geometry::Size::new(-1.0, 2.0) {
        Ok(size) => println!("unexpectedly accepted: {size:?}"),
        Err(errors) => println!("Size::new(-1.0, 2.0) rejected: {errors}"),
    }
    let fields: Vec<&str> = geometry::Size::FIELDS
        .iter()
        .map(|field| field.name())
        .collect();
    println!("geometry::Size fields: {fields:?}");

    println!("\n== #[instrument] ==");
    tracing::subscriber::with_default(log_lines(tracing::Level::DEBUG), || {
        let _ = accounts::login("ann", "s3cret-pw");
        let _ = accounts::login("bob", "x");
        let _ = accounts::balance("ann");
        let _ = accounts::transfer(12);
    });

    println!("\n== #[transform] ==");
    let circle = shapes_v1::Circle { radius: 2.0 };
    println!(
        "derived:   {:?} == its clone: {}",
        circle,
        circle == circle.clone()
    );
    tracing::subscriber::with_default(log_lines(tracing::Level::INFO), || {
        println!("area:      {:.2}", shapes_v1::area(&circle));
    });

    println!("\n== template! ==");
    let mut notes = notes::NoteStore::new();
    for text in ["buy milk", "call ann"] {
        let _ = notes.push(Note { text });
    }
    let texts: Vec<&str> = notes
        .note_store_rows()
        .iter()
        .map(|note| note.text)
        .collect();
    println!("{}:     {texts:?}", notes::NoteStore::LABEL);
    let mut scores = scores::ScoreBoard::new();
    for (name, score) in [("ann", 30), ("bob", 25), ("cid", 40)] {
        match scores.push((name.to_owned(), score)) {
            Ok(count) => println!(
                "{}:    {name} added ({count} of 2)",
                scores::ScoreBoard::LABEL
            ),
            Err((name, _)) => println!(
                "{}:    {name} refused: the board is full",
                scores::ScoreBoard::LABEL
            ),
        }
    }
    println!(
        "{}:    {:?}",
        scores::ScoreBoard::LABEL,
        scores.score_board_rows()
    );

    println!("\n== modsmith::dynamic and #[export_module] ==");
    if let Err(error) = dynamic_tour() {
        println!("the dynamic tour failed: {error}");
    }

    println!("\n== #[derive(Model)] and modsmith::registry ==");
    if let Err(error) = model_tour() {
        println!("the model tour failed: {error}");
    }

    println!("\n== #[adaptive] ==");
    if let Err(error) = adaptive_tour() {
        println!("the adaptive tour failed: {error}");
    }

    println!("\n== script! ==");
    script_tour();

    println!("\n== scripts at run time: bytecode and the VM ==");
    if let Err(error) = script_vm_tour() {
        println!("error:     {error}");
    }

    println!("\n== #[composable] and compose! ==");
    compose_tour();

    println!("\n== api_client! ==");
    match tokio::runtime::Runtime::new() {
        Ok(runtime) => {
            if let Err(error) = runtime.block_on(api_client_tour()) {
                println!("the API tour failed: {error}");
            }
        }
        Err(error) => println!("could not start a Tokio runtime: {error}"),
    }
}
