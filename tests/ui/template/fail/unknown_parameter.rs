modsmith::template! {
    template repository(Entity: type, Key: type = u64, table: str, Name: ident, tags: [str] = []) {
        pub struct $Name { pub rows: ::std::collections::BTreeMap<$Key, $Entity> }
        impl $Name {
            pub const TABLE: &'static str = $table;
            pub const TAGS: &'static [&'static str] = &[$( $tags ),*];
        }
    }
}

pub struct User;

repository! { Entity = User, Name = Users, table = "users", tabel = "x" }
fn main() {}
