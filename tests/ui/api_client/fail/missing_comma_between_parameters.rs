// One endpoint that does not parse, a comma missing between its parameters (inside their
// parentheses), is the only error: the client, its constructors and its other endpoints are
// still generated, so the code below that uses them adds no error of its own.
modsmith::api_client! {
    #[client(base_url = "https://petstore.example/v2")]
    pub struct Pets {
        #[get("/pets/{id}")]
        fn get_pet(id: u64) -> String;

        #[delete("/pets/{id}")]
        fn delete_pet(id: u64 force: bool);

        #[get("/pets")]
        fn list_pets(#[query] limit: u32) -> Vec<String>;
    }
}

// rustc stays silent about a name that a failed macro might have defined, so a missing client
// would add no error here by itself. These stand-ins make it visible: a glob import yields to
// an item of the same name defined in this module, so they are used only if `api_client!`
// generated no `Pets`, and they have none of its methods.
mod stand_ins {
    pub struct Pets;
    pub struct PetsBlocking;
}
#[allow(unused_imports)]
use stand_ins::*;

#[allow(dead_code)]
async fn use_the_async_client(pets: &Pets) -> Result<Vec<String>, modsmith::http::ApiError> {
    let _one: String = pets.get_pet(7).await?;
    pets.list_pets(10).await
}

fn main() {
    let pets = Pets::builder().base_url("http://127.0.0.1:1").expect("a valid base URL").build();
    let _future = use_the_async_client(&pets);
    let _pet: Result<String, _> = PetsBlocking::new().get_pet(7);
}
