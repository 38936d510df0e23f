modsmith::api_client! {
    #[client(base_url = "https://api.example.com")]
    #[headers("Content-Type" = "application/json")]
    pub struct Api {
        #[get("/ping")]
        fn ping();
    }
}

fn main() {}
