#[derive(modsmith::Data)]
#[data(with)]
pub struct Config {
    port: u16,
    with_port: bool,
}

fn main() {}
