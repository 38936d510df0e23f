modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    #[headers("X-Trace" = "abc\r\nX-Injected: yes")]
    pub struct PetStore {
        #[get("/pets")]
        fn list_pets();
    }
}

fn main() {}
