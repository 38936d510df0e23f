#[derive(modsmith::Data)]
pub struct Job {
    build: u32,
}

fn main() {}
