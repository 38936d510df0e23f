modsmith::template! {
    template record(Name: ident, fields: [ident], types: [type]) {
        pub struct $Name { $( pub $fields: $types, )* }
    }
}

record! { Name = Point, fields = [x, y], types = [i32] }

fn main() {}
