modsmith::template! {
    template record(Name: ident, fields: [ident]) {
        pub struct $Name { $fields: u8 }
    }
}

fn main() {}
