modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[gett("/pets")]
        fn list_pets();
    }
}

fn main() {}
