// One typo, reported from both sides: the placeholder has no parameter and the
// parameter is in no placeholder, each suggesting the other.
modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[get("/pets/{pet_id}")]
        fn get_pet(petid: u64);
    }
}

fn main() {}
