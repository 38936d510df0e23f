modsmith::template! {
    template constant(Name: ident, body: tokens) {
        pub const $Name: (u8, u8) = ($body);
    }
}

constant! { Name = PAIR, body = 1, 2 }

fn main() {}
