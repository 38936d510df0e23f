modsmith::api_client! {
    #[client(base_url = "https://api.example.com", timeout = "0s")]
    pub struct Api {
        #[get("/ping")]
        fn ping();
    }
}

fn main() {}
