modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[post("/pets")]
        fn create_pet(#[body(xml)] pet: String);
    }
}

fn main() {}
