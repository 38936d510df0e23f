#[modsmith::transform(instrument(name = "op"))]
mod m {
    pub fn f() {}
    pub fn g() {}
}

fn main() {
    m::f();
    m::g();
}
