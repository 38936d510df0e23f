// `replace_dynamic` needs a `Result` to return a failed call in: a slot returning `i64` is
// refused where it is called.
#[modsmith::adaptive]
pub mod shop {
    pub fn fee(cents: i64) -> i64 {
        cents / 100
    }
}

fn main() {
    let module = modsmith::dynamic::ModuleBuilder::new("rates")
        .function("fee", |cents: i64| cents / 10)
        .build()
        .unwrap();
    let function = module.function("fee").unwrap();
    let _ = shop::adapt::fee.replace_dynamic(&function);
}
