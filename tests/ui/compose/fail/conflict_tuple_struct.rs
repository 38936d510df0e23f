#[modsmith::composable]
pub mod auth {
    // A tuple struct is a type and a value: its constructor meets the function below.
    pub struct Id(pub u32);
}

#[modsmith::composable]
pub mod billing {
    #[allow(non_snake_case)]
    pub fn Id() {}
}

modsmith::compose! {
    #[compose(auth, billing)]
    pub mod app {}
}

fn main() {}
