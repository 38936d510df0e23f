// `#[data(deserialize)]` in a crate that names no serde: the derive reaches it through
// modsmith, and the serde attributes on the struct are accepted.
#[derive(modsmith::Data, Debug)]
#[data(deserialize)]
pub struct Signup {
    #[serde(rename = "userName")]
    #[data(validate(non_empty))]
    name: String,
}

fn main() {
    let signup: Signup = serde_json::from_str(r#"{"userName": "ann"}"#).unwrap();
    assert_eq!(signup.name(), "ann");
    assert!(serde_json::from_str::<Signup>(r#"{"userName": ""}"#).is_err());
}
