modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[get("/pets/{pet_id}")]
        fn get_photo(pet_id: u64, photo_id: u32);
    }
}

fn main() {}
