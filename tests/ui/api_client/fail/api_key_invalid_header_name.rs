modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2", auth = api_key(header = "X Api Key"))]
    pub struct PetStore {
        #[get("/pets")]
        fn list_pets();
    }
}

fn main() {}
