modsmith::script! {
    bytecode = true
    module m { pub fn f() -> int { 1 } }
}

fn main() {}
