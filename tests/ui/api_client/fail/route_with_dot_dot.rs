modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[get("/pets/../admin/users")]
        fn list_users();
    }
}

fn main() {}
