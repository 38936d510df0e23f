#[derive(modsmith::Model)]
struct Wrapper<T> {
    inner: T,
}

fn main() {}
