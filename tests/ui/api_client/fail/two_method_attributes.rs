modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[get("/pets")]
        #[post("/pets")]
        fn pets();
    }
}

fn main() {}
