pub struct Config {
    pub port: u16,
}

#[modsmith::export_module]
pub mod m {
    use super::Config;

    pub fn port(config: &Config) -> u16 {
        config.port
    }
}

fn main() {}
