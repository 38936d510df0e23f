#[derive(modsmith::Data)]
pub struct Config {
    port: u16,
    with_port: bool,
}

fn main() {}
