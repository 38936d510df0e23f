modsmith::api_client! {
    fn list_pets();
}

fn main() {}
