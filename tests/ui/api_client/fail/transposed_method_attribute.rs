// Two letters swapped in a short word: `gte` is one edit from `get`.
modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct PetStore {
        #[gte("/pets")]
        fn list_pets();
    }
}

fn main() {}
