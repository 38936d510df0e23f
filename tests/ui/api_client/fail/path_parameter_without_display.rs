// A path value is written with `Display`, which `Vec<u8>` does not have.
modsmith::api_client! {
    #[client(base_url = "https://files.example")]
    pub struct Files {
        #[get("/files/{id}")]
        fn file(id: Vec<u8>);
    }
}

fn main() {}
