modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[get("/pets")]
        fn list_pets(#[header("Request Id")] request_id: &str);
    }
}

fn main() {}
