// Values of the wrong kind: each error names the option and shows how it is written.
#[derive(modsmith::Data)]
#[data(validate(check))]
pub struct Account {
    #[data(skip = 1)]
    pub id: u32,
    #[data(validate(length = 3))]
    pub name: String,
    #[data(default(5))]
    pub level: u8,
}

fn main() {}
