modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2", auth = bearer("t0k3n"))]
    pub struct PetStore {
        #[get("/pets")]
        fn list_pets();
    }
}

fn main() {}
