// Header values are written with `Display`, required and optional alike.
modsmith::api_client! {
    #[client(base_url = "https://search.example")]
    pub struct Search {
        #[get("/search")]
        fn search(#[header("X-Tags")] tags: Vec<String>, #[header("X-Page")] page: Option<Vec<u32>>);
    }
}

fn main() {}
