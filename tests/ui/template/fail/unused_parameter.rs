modsmith::template! {
    template repository(Entity: type, Name: ident, capacity: expr = 16) {
        pub struct $Name { rows: Vec<$Entity> }
    }
}

fn main() {}
