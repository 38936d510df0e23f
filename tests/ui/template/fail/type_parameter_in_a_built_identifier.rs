modsmith::template! {
    template getter(Ty: type) {
        pub fn ${snake(Ty)}() -> $Ty { todo!() }
    }
}

fn main() {}
