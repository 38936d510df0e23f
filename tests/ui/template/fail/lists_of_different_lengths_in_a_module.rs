modsmith::template! {
    template record(Name: ident, fields: [ident], types: [type]) {
        pub struct $Name { $( pub $fields: $types, )* }
    }
}

record! { mod shapes; Name = Point, fields = [x, y], types = [i32] }

// The module is declared, empty, so that paths into it are not errors too.
#[allow(unused_imports)]
use shapes::*;

fn main() {}
