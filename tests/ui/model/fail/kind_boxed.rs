trait Plugin {}

// The kind is the trait object, not a pointer to one.
#[derive(modsmith::Model)]
#[model(kind = Box<dyn Plugin>)]
struct Csv {
    separator: String,
}

impl Plugin for Csv {}

fn main() {}
