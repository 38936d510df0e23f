modsmith::api_client! {
    #[client(base_url = "https://api.example.com", auth = api_key(query = "key"))]
    pub struct Api {
        #[get("/search")]
        fn search(#[query] key: &str);
    }
}

fn main() {}
