#[derive(modsmith::Data)]
pub enum Shape {
    Circle { radius: f64 },
}

fn main() {}
