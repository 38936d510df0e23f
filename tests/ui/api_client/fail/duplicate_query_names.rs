modsmith::api_client! {
    #[client(base_url = "https://api.example.com")]
    pub struct Api {
        #[get("/search")]
        fn search(#[query] tag: &str, #[query(rename = "tag")] other: &str);
    }
}

fn main() {}
