modsmith::template! {
    template repository(Entity: type, Name: ident) {
        pub struct $Name { rows: Vec<$Entity>, size: $Size }
    }
}

fn main() {}
