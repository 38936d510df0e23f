modsmith::template! {
    template record(Name: ident, Ty: type) {
        pub struct $Name(pub $Ty);
    }
}

record! { Point, u8 }

fn main() {}
