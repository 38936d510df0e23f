// One error, at the generic parameter: `Data`'s constructors and setters do not call hooks
// of a `Model` impl that is not generated.
#[derive(modsmith::Data, modsmith::Model)]
#[data(set)]
#[model(on_create = created, on_change = changed)]
struct Wrapper<T> {
    inner: T,
}

fn created<T>(_: &Wrapper<T>) {}

fn changed<T>(
    _: &Wrapper<T>,
    _: &str,
    _: &modsmith::dynamic::Value,
    _: &modsmith::dynamic::Value,
) {
}

fn main() {}
