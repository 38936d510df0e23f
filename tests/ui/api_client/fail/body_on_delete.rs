modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[delete("/pets/{id}")]
        fn delete_pet(id: u64, #[body] reason: String);
    }
}

fn main() {}
