// `style = ..` says how a list is sent; a single value has no style.
modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[get("/pets")]
        fn list_pets(#[query(style = comma)] limit: u32, #[query(style = coma)] tags: Vec<String>);
    }
}

fn main() {}
