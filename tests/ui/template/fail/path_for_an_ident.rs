modsmith::template! {
    template record(Name: ident, Ty: type) {
        pub struct $Name(pub $Ty);
    }
}

record! { Name = a::Point, Ty = u8 }

fn main() {}
