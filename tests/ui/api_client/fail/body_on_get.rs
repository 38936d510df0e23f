modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[get("/pets/search")]
        fn search_pets(#[body] filter: String);
    }
}

fn main() {}
