trait Plugin {}

#[derive(modsmith::Model)]
#[model(kind = dyn Plugin)]
#[model(kind = dyn Plugin)]
struct Csv {
    separator: String,
}

impl Plugin for Csv {}

fn main() {}
