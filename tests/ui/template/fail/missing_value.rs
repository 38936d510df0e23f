modsmith::template! {
    template record(Name: ident, Ty: type) {
        pub struct $Name(pub $Ty);
    }
}

record! { Name = Point, Ty = }
record! { Ty =, Name = Line }

fn main() {}
