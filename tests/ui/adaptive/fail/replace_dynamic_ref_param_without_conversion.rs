// A parameter passed by reference (`&Card`) is converted from the reference: `Card` needs
// `IntoValue` (and `Clone`), and the call of `replace_dynamic` is refused naming it.
#[modsmith::adaptive]
pub mod shop {
    #[derive(Clone)]
    pub struct Card {
        pub id: u32,
    }

    #[derive(Debug)]
    pub struct Failed;

    impl From<modsmith::dynamic::CallError> for Failed {
        fn from(_: modsmith::dynamic::CallError) -> Self {
            Failed
        }
    }

    pub fn charge(cents: i64, card: &Card) -> Result<i64, Failed> {
        Ok(cents + i64::from(card.id))
    }
}

fn main() {
    let module = modsmith::dynamic::ModuleBuilder::new("rates")
        .function("charge", |cents: i64, card: i64| cents + card)
        .build()
        .unwrap();
    let function = module.function("charge").unwrap();
    let _ = shop::adapt::charge.replace_dynamic(&function);
}
