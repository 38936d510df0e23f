#[derive(modsmith::Data)]
pub struct User {
    #[data(default = Some(3), required)]
    parent: Option<u64>,
}

fn main() {}
