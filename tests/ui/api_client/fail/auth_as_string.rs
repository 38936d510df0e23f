modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2", auth = "bearer")]
    pub struct PetStore {
        #[get("/pets")]
        fn list_pets();
    }
}

fn main() {}
