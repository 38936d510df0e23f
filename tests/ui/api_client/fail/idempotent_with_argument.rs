modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[post("/pets/search")]
        #[idempotent(true)]
        fn search_pets();
    }
}

fn main() {}
