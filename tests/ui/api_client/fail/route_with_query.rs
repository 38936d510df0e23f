modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[get("/pets?status=available")]
        fn list_available_pets();
    }
}

fn main() {}
