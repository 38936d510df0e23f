modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[get("/pets/{id}/name")]
        fn pet_name(id: u64) -> &str;
    }
}

fn main() {}
