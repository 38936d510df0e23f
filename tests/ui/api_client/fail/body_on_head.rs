modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[head("/pets/{id}")]
        fn pet_exists(id: u64, #[body] probe: String);
    }
}

fn main() {}
