#[derive(modsmith::Data)]
pub struct User {
    name: String,
}

impl User {
    pub fn name(&self) -> String {
        self.name.to_uppercase()
    }
}

fn main() {}
