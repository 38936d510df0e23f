modsmith::api_client! {
    #[client(base_url = "https://api.example.com")]
    #[headers("User-Agent" = "café/1.0")]
    pub struct Api {
        #[get("/ping")]
        fn ping();
    }
}

fn main() {}
