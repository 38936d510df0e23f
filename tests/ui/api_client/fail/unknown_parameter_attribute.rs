modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[get("/pets")]
        fn list_pets(#[querry] limit: u32);
    }
}

fn main() {}
