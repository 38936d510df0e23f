#[modsmith::transform(apply(extern, on = "fn"))]
mod m {
    pub fn f() {}
}

fn main() {
    m::f();
}
