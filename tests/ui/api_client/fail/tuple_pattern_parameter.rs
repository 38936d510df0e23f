modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[get("/pets/nearest")]
        fn nearest_pet((latitude, longitude): (f64, f64));
    }
}

fn main() {}
