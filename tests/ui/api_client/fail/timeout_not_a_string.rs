modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2", timeout = 10)]
    pub struct PetStore {
        #[get("/pets")]
        fn list_pets();
    }
}

fn main() {}
