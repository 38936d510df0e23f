// An `impl Trait` parameter cannot be named in generated code; its missing bound is still
// reported once, at the type.
modsmith::api_client! {
    #[client(base_url = "https://files.example")]
    pub struct Files {
        #[get("/files/{id}")]
        fn file(id: impl std::fmt::Debug);
    }
}

fn main() {}
