#[derive(modsmith::Data)]
#[data(builder(derive(Clone, Hash), size = 3))]
pub struct Account {
    pub name: String,
}

fn main() {}
