modsmith::api_client! {
    #[client(base_url = "https://api.example.com")]
    pub struct Api {
        #[get("/new")]
        fn new();
    }
}

fn main() {}
