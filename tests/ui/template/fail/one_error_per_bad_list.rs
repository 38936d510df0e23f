modsmith::template! {
    template record(Name: ident, fields: [ident]) {
        pub struct $Name { $( pub $fields: u8, )* }
    }
}

record! { Name = Point, fields = [x, 1, y] }

fn main() {}
