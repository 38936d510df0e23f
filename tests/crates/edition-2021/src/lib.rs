//! Every modsmith macro, used from an edition-2021 crate. Names that are keywords only in
//! edition 2024 (`gen`) are ordinary identifiers here, and so must be whatever the macros
//! generate from them.

use modsmith::Data;

/// A required field named `gen`: its builder marker, setter and getter are generated from
/// the name.
#[derive(Data, Debug)]
pub struct Seed {
    pub gen: u32,
    #[data(default = 1)]
    pub step: u32,
}

modsmith::data_module! {
    pub mod generations {
        Generation { gen: u64, label: String },
    }
}

/// A client whose endpoint and parameter are named `gen`.
#[derive(serde::Deserialize, Debug, PartialEq)]
pub struct Item {
    pub id: u64,
}

modsmith::api_client! {
    #[client(base_url = "https://api.example.com")]
    pub struct Items {
        #[get("/items/{gen}")]
        fn gen(gen: u64) -> Item;
    }
}

/// Instrumented functions with a `gen` parameter, alone and in a module.
#[modsmith::instrument(ret)]
pub fn next_gen(gen: u32) -> u32 {
    gen + 1
}

#[modsmith::transform(derive(Clone), instrument)]
pub mod transformed {
    #[derive(Debug, PartialEq)]
    pub struct Gen {
        pub gen: u8,
    }

    pub fn gen(gen: u8) -> Gen {
        Gen { gen }
    }
}

/// Slots named `gen`, with a parameter `gen`: the handle (`adapt::gen`), its type
/// (`adapt::Gen`) and the arguments struct (`adapt::GenArgs`, field `gen`) come from the name.
#[modsmith::adaptive]
pub mod generator {
    /// The next generation.
    pub fn gen(gen: u32) -> u32 {
        gen + 1
    }

    /// Provided at run time.
    #[adaptive(optional)]
    pub fn gen_name(gen: u32) -> Option<String>;
}

modsmith::template! {
    template counter(Name: ident, field: ident) {
        pub struct $Name { pub $field: u32 }
        impl $Name {
            pub fn ${snake(field)}_doubled(&self) -> u32 { self.$field * 2 }
        }
    }
}

counter! { Name = Counter, field = gen }

/// A source of `compose!` in an edition-2021 crate, with a member named `gen`.
#[modsmith::composable]
pub mod sources {
    /// Named `gen`, a keyword from edition 2024 only.
    pub fn gen() -> u32 {
        7
    }
}

modsmith::compose! {
    /// Composed in an edition-2021 crate.
    #[compose(sources(rename(gen = generate)))]
    pub mod composed {}
}
