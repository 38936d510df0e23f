#[modsmith::composable(extras(fn generated), extra(function generated), crate = modsmith)]
pub mod auth {
    pub fn login() {}
}

fn main() {}
