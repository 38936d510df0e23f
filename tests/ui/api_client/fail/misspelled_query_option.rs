// A misspelt `#[query]` option gets did-you-mean; the options after it are still read.
modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[get("/pets")]
        fn list_pets(#[query(renmae = "tag", styel = comma)] tags: Vec<String>);
    }
}

fn main() {}
