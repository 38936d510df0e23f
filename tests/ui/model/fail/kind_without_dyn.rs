trait Plugin {}

#[derive(modsmith::Model)]
#[model(kind = Plugin)]
struct Csv {
    separator: String,
}

impl Plugin for Csv {}

fn main() {}
