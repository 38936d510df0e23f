// JSON and form bodies must be `serde::Serialize`; `Pet` is only `Deserialize`.
#[derive(serde::Deserialize)]
pub struct Pet {
    name: String,
}

modsmith::api_client! {
    #[client(base_url = "https://petstore.example")]
    pub struct PetStore {
        #[post("/pets")]
        fn create(#[body] pet: &Pet);

        #[put("/pets/rex")]
        fn replace(#[body(form)] pet: Pet);
    }
}

fn main() {}
