modsmith::template! {
    template repository(Name: ident, table: str = users, capacity: int = "16") {
        pub struct $Name;
        impl $Name {
            pub const TABLE: &'static str = $table;
            pub const CAPACITY: usize = $capacity;
        }
    }
}

fn main() {}
