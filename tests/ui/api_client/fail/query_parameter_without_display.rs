// Query values are written with `Display`, required and optional alike, and so is each
// value of a list.
pub struct Filter;

modsmith::api_client! {
    #[client(base_url = "https://search.example")]
    pub struct Search {
        #[get("/search")]
        fn search(#[query] filter: Filter, #[query] page: Option<Filter>, #[query] tags: Vec<Filter>);
    }
}

fn main() {}
