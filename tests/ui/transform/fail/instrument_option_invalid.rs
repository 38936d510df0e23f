#[modsmith::transform(instrument(level = "loud"))]
mod m {
    pub fn f() {}
}

fn main() {}
