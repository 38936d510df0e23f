modsmith::script! {
    bytecode = "yes",
    module m { pub fn f() -> int { 1 } }
}

fn main() {}
