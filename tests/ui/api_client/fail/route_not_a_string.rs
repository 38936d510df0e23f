modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[get(5)]
        fn get_pet();
    }
}

fn main() {}
