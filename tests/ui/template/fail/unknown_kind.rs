modsmith::template! {
    template getter(field: identifier, Ty: typ) {
        pub fn $field() -> $Ty { todo!() }
    }
}

fn main() {}
