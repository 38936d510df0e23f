modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[get("/pets/{id}/siblings/{id}")]
        fn get_sibling(id: u64);
    }
}

fn main() {}
