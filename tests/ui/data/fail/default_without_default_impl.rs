pub struct NoDefault;

#[derive(modsmith::Data)]
pub struct Holder {
    #[data(default)]
    value: NoDefault,
}

fn main() {}
