#[derive(modsmith::Model)]
#[model(kind)]
struct Csv {
    separator: String,
}

fn main() {}
