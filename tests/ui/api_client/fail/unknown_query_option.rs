modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[get("/pets")]
        fn list_pets(#[query(name = "tag")] tag_filter: &str);
    }
}

fn main() {}
