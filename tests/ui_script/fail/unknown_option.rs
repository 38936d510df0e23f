modsmith::script! {
    bytecod = true,
    module m { pub fn f() -> int { 1 } }
}

fn main() {}
