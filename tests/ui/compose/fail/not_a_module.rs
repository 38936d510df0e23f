modsmith::compose! {
    #[compose(auth)]
    pub fn app() {}
}

modsmith::compose! {
    #[compose(auth)]
    pub mod file;
}

fn main() {}
