modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[get("/pets/available pets")]
        fn list_available_pets();
    }
}

fn main() {}
