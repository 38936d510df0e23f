modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    #[headers("Accept" = "application/json", "accept" = "text/plain")]
    pub struct PetStore {
        #[get("/pets")]
        fn list_pets();
    }
}

fn main() {}
