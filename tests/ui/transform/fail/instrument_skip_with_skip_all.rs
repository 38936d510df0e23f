#[modsmith::transform(instrument(skip_all, skip(x)))]
mod m {
    pub fn f(x: u8) -> u8 {
        x
    }
}

fn main() {
    let _ = m::f(1);
}
