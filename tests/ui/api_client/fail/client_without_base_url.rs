modsmith::api_client! {
    #[client(auth = bearer, retries = 2)]
    pub struct PetStore {
        #[get("/pets")]
        fn list_pets();
    }
}

fn main() {}
