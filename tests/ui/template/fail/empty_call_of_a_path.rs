mod shapes {
    modsmith::template! {
        pub(crate) template unit(Name: ident, sides: int) {
            pub struct $Name;
            impl $Name {
                pub const SIDES: u32 = $sides;
            }
        }
    }
}

crate::shapes::unit! {}
crate::shapes::unit!();
crate::shapes::unit![];

fn main() {}
