modsmith::data_module! {
    pub mod accounts {
        User { name: String },
        UserBuilder { steps: u8 },
    }
}

fn main() {}
