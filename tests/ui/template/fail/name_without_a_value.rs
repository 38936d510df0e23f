modsmith::template! {
    template record(Name: ident, Ty: type) {
        pub struct $Name(pub $Ty);
    }
}

record! { Name, Ty = u8 }
record! { Ty = u8, Name }

fn main() {}
