modsmith::api_client! {
    /// The Pet Store API.
    pub struct PetStore {
        #[get("/pets")]
        fn list_pets();
    }
}

fn main() {}
