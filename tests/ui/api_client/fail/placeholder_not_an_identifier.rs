modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[get("/pets/{pet-id}")]
        fn get_pet();
    }
}

fn main() {}
