//! Every modsmith macro, used from a crate that depends on modsmith as `ms`: each is told so
//! with its `crate = ms` option, as the crate docs' table says. Without the option, generated
//! code names `::modsmith`, which does not resolve here.

use ms::Data;

/// A struct with a validated field: its constructor calls the runtime's checks.
#[derive(Data, Debug)]
#[data(crate = ms)]
pub struct Account {
    #[data(into, validate(length(min = 1, max = 16)))]
    pub name: String,
    #[data(default = 1)]
    pub level: u8,
}

ms::data_module! {
    /// Data structs declared together; the module's `#[data(crate = ..)]` covers every entry.
    #[data(crate = ms)]
    pub mod shapes {
        Point { x: i64, y: i64 },
        Size {
            #[data(validate(range(min = 0)))]
            w: i64,
        },
    }
}

/// What the loopback server answers.
#[derive(serde::Deserialize, Debug, PartialEq)]
pub struct Item {
    pub id: u64,
    pub name: String,
}

ms::api_client! {
    /// A client for one endpoint; tests point it at a server on 127.0.0.1.
    #[client(crate = ms, base_url = "http://unused.invalid")]
    pub struct Items {
        #[get("/items/{id}")]
        fn item(id: u64) -> Item;
    }
}

/// An instrumented function: its span is named after it.
#[ms::instrument(crate = ms)]
pub fn add(a: u32, b: u32) -> u32 {
    a + b
}

/// A counter whose methods are instrumented as a block.
pub struct Counter(pub u32);

#[ms::instrument(crate = ms)]
impl Counter {
    /// One more.
    pub fn bump(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }
}

/// Functions instrumented as a module.
#[ms::instrument(crate = ms)]
pub mod greetings {
    /// A greeting.
    pub fn hello(name: &str) -> String {
        format!("hello {name}")
    }
}

/// A module transformed by a pipeline whose `instrument` pass names the crate.
#[ms::transform(crate = ms, derive(Clone), instrument)]
pub mod transformed {
    /// A value that gets `Clone` from the pipeline.
    #[derive(Debug, PartialEq)]
    pub struct Tag(pub u8);

    /// Instrumented by the pipeline.
    pub fn tag(value: u8) -> Tag {
        Tag(value)
    }
}

/// A model whose impl reaches the runtime, and `Data`'s validators, through the renamed crate.
#[derive(Data, ms::Model, Debug)]
#[data(crate = ms)]
#[model(crate = ms)]
pub struct Customer {
    #[data(validate(non_empty))]
    pub name: String,
    #[data(default = 1)]
    pub tier: i64,
}

/// A module also exposed as a `DynModule`, and a source of `compose!`.
#[ms::composable]
#[ms::export_module(crate = ms)]
pub mod exported {
    /// Adds.
    pub fn add(a: i64, b: i64) -> i64 {
        a + b
    }

    /// Nested, exported too.
    pub mod nested {
        /// A constant.
        pub const ANSWER: i64 = 42;
    }
}

/// Swappable functions: the handles, `interface()` and `replace_dynamic` reach the runtime
/// through the renamed crate.
#[ms::adaptive(crate = ms, version = "1")]
pub mod pricing {
    /// Why a price could not be found.
    #[derive(Debug, PartialEq)]
    pub enum PriceError {
        NotProvided,
        Call(String),
    }

    impl From<ms::adaptive::NotProvided> for PriceError {
        fn from(_: ms::adaptive::NotProvided) -> Self {
            PriceError::NotProvided
        }
    }

    impl From<ms::dynamic::CallError> for PriceError {
        fn from(error: ms::dynamic::CallError) -> Self {
            PriceError::Call(error.to_string())
        }
    }

    /// A price in cents, with tax.
    pub fn price(cents: i64, region: &str) -> Result<i64, PriceError> {
        Ok(if region == "EU" {
            cents * 12 / 10
        } else {
            cents
        })
    }

    /// A discount, provided at run time.
    #[adaptive(optional)]
    pub fn discount(code: &str) -> Result<i64, PriceError>;
}

/// A source of `compose!`: `#[composable]` names nothing of modsmith, so it needs no
/// `crate = ms`.
#[ms::composable]
pub mod welcomes {
    /// A greeting.
    pub fn hello() -> &'static str {
        "hello"
    }
}

ms::compose! {
    /// Composed through the renamed crate: `compose!` reaches it through itself, so no
    /// `crate = ms` is needed (or accepted).
    #[compose(welcomes, exported(only(add)))]
    pub mod composed {}
}

ms::template! {
    /// A named constant wrapper, used in this crate.
    #[template(crate = ms)]
    template constant(Name: ident, value: int) {
        pub struct $Name;
        impl $Name {
            pub const VALUE: i64 = $value;
        }
    }

    /// A public template: `modsmith-test-template-user`, which does not depend on modsmith
    /// at all, instantiates it.
    #[template(crate = ms)]
    pub template renamed_pair(Name: ident, first: str, second: str) {
        pub struct $Name;
        impl $Name {
            pub const PAIR: [&'static str; 2] = [$first, $second];
        }
    }
}

constant! { Name = Answer, value = 42 }

ms::script! {
    /// Rules compiled through the renamed crate: `script!` names it through its own
    /// `$crate`, with no `crate = ms`.
    pub module renamed_rules {
        pub record Line { cents: int, qty: int }
        pub fn total(lines: list[Line]) -> int {
            let mut sum = 0;
            for line in lines { sum += line.cents * line.qty; }
            sum
        }
    }
}
