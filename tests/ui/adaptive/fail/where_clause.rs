// A `where` clause cannot be stated by a replacement closure's type: refused at the clause.
#[modsmith::adaptive]
pub mod m {
    pub fn longest<'a>(left: &'a str, right: &'a str) -> &'a str
    where
        'a: 'static,
    {
        if left.len() >= right.len() {
            left
        } else {
            right
        }
    }
}

fn main() {}
