modsmith::script! {
    fn f() -> int { 1 }
}

fn main() {}
