modsmith::template! {
    pub fn repository() {}
}

fn main() {}
