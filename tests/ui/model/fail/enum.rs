#[derive(modsmith::Model)]
enum Status {
    Active,
    Closed,
}

fn main() {}
