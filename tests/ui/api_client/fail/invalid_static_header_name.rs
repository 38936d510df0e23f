modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    #[headers("X Api Version" = "2")]
    pub struct PetStore {
        #[get("/pets")]
        fn list_pets();
    }
}

fn main() {}
