// A bytes body must convert into `Vec<u8>`; a number does not.
modsmith::api_client! {
    #[client(base_url = "https://files.example")]
    pub struct Files {
        #[put("/files/one")]
        fn upload(#[body(bytes)] data: u64);
    }
}

fn main() {}
