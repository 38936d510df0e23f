// A misspelled module option is reported once: the functions still become slots (an
// optional one keeps no body), so nothing else fails.
#[modsmith::adaptive(verison = "1")]
pub mod rates {
    #[adaptive(optional)]
    pub fn rate(currency: &str) -> Option<u32>;
}

fn main() {
    let _ = rates::rate("EUR");
    let _ = rates::adapt::rate.provide(|_| Some(1));
}
