modsmith::template! {
    template record(Name: ident, Ty: type) {
        pub struct $Name { $( field: $Ty, )* }
    }
}

fn main() {}
