modsmith::script! {
    bytecode = true,
    bytecode = false,
    module m { pub fn f() -> int { 1 } }
}

fn main() {}
