modsmith::api_client! {
    #[client(base_url = "https://ann:secret@api.example.com")]
    pub struct Api {
        #[get("/ping")]
        fn ping();
    }
}

fn main() {}
