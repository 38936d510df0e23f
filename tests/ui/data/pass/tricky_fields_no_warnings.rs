#![deny(warnings)]

mod inner {
    // Private type in a public struct's field: the generated getters must not warn.
    struct Secret(u8);

    #[derive(modsmith::Data)]
    #[data(set)]
    pub struct Holder {
        secret: Secret,
        _private: u8,
        r#type: u8,
    }

    pub fn make() -> u8 {
        let mut holder = Holder::new(Secret(1), 2, 3);
        holder.set__private(4);
        holder.secret().0 + holder._private() + holder.r#type()
    }
}

fn main() {
    assert_eq!(inner::make(), 8);
}
