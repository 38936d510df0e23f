// A bounded lifetime (`'b: 'a`) cannot be stated by a replacement closure's type: refused at it.
#[modsmith::adaptive]
pub mod m {
    pub fn pick<'a, 'b: 'a>(first: &'a str, second: &'b str) -> &'a str {
        if first.is_empty() { second } else { first }
    }
}

fn main() {}
