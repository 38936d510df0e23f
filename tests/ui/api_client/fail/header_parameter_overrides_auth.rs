modsmith::api_client! {
    #[client(base_url = "https://api.example.com", auth = bearer)]
    pub struct Api {
        #[get("/ping")]
        fn ping(#[header("Authorization")] credentials: &str);
    }
}

fn main() {}
