#![deny(warnings)]

// A private struct whose generated methods are mostly unused must not warn.
#[derive(modsmith::Data)]
struct Settings {
    verbose: bool,
    #[data(default = 3)]
    retries: u32,
    name: Option<String>,
}

fn main() {
    let _ = Settings::new(true);
}
