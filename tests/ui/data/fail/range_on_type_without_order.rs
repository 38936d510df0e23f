#[derive(Debug)]
pub struct Colour(u8);

impl std::fmt::Display for Colour {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[derive(modsmith::Data)]
pub struct Paint {
    #[data(validate(range(min = Colour(1))))]
    colour: Colour,
}

fn main() {}
