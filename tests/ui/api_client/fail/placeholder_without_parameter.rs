modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[get("/pets/{pet_id}/photos/{photo_id}")]
        fn get_photo(pet_id: u64);
    }
}

fn main() {}
