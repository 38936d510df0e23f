#[modsmith::export_module]
pub mod m {
    pub fn first_word(text: &str) -> &str {
        text.split(' ').next().unwrap_or("")
    }
}

fn main() {}
