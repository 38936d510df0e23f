modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[get("/pets/{id}")]
        fn get_pet(id: u64);
        #[get("/pets/by-name/{name}")]
        fn get_pet(name: &str);
    }
}

fn main() {}
