modsmith::template! {
    template record(Name: ident, fields: [ident]) {
        pub struct $Name { $( pub $fields: u8, )+ }
    }
}

fn main() {}
