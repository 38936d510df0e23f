trait Plugin {
    fn run(&self);
}

#[derive(modsmith::Model)]
#[model(kind = dyn Plugin)]
struct Csv {
    separator: String,
}

fn main() {}
