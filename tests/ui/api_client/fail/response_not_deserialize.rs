// A JSON response type must be `serde::Deserialize`; `NewIssue` is only `Serialize`.
#[derive(serde::Serialize)]
pub struct NewIssue {
    title: String,
}

modsmith::api_client! {
    #[client(base_url = "https://issues.example")]
    pub struct Issues {
        #[get("/issues/latest")]
        fn latest() -> NewIssue;
    }
}

fn main() {}
