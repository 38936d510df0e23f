modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[get("/pets/{id}")]
        fn get_pet(&self, id: u64);
    }
}

fn main() {}
