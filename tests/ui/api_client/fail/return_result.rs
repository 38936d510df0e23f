// The generated method already returns `Result<_, ApiError>`: a `Result` return type would
// be decoded from JSON as `{"Ok": ..}` and fail on every real answer.
#[derive(serde::Deserialize)]
pub struct Repo {
    name: String,
}

modsmith::api_client! {
    #[client(base_url = "https://api.github.example")]
    pub struct GitHub {
        #[get("/repos/{owner}/{repo}")]
        fn get_repo(owner: &str, repo: &str) -> Result<Repo, String>;

        #[get("/rate_limit")]
        fn rate_limit() -> std::result::Result<Vec<u32>, std::io::Error>;
    }
}

fn main() {}
