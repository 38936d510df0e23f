#[derive(modsmith::Data)]
pub struct Settings {
    #[data(default = )]
    retries: u32,
}

fn main() {}
