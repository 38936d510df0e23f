modsmith::api_client! {
    #[client(base_url = "https://api.example.com")]
    pub struct Api {
        #[get("/ping")]
        pub fn ping();
    }
}

fn main() {}
