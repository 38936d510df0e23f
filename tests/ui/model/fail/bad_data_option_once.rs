// A bad `#[data]` option is reported once, by `Data`, although `Model` reads `#[data]` too.
#[derive(modsmith::Data, modsmith::Model)]
struct User {
    #[data(defualt = 18)]
    age: i64,
}

fn main() {}
