//! A tour of modsmith: each section shows one macro at work.
//!
//! Run it with `cargo run --example tour`.

use modsmith::{Data, ValidationError};

// ─── #[derive(Data)] ────────────────────────────────────────────────────────────────────
//
// The compile-time form of a factory that builds a data class with `__init__` from a list
// of field names and types.

/// A user account.
#[derive(Data, Debug)]
#[data(validate = Self::password_differs_from_name)]
pub struct User {
    /// Display name, 1 to 32 characters.
    #[data(into, validate(length(min = 1, max = 32)))]
    name: String,
    /// Age in years.
    #[data(default = 18, validate(range(min = 13, max = 130)))]
    age: u8,
    /// Contact address, if given.
    #[data(validate(custom = must_contain_at))]
    email: Option<String>,
    #[data(skip(getter))]
    password_hash: String,
}

fn must_contain_at(email: &str) -> Result<(), String> {
    if email.contains('@') {
        Ok(())
    } else {
        Err(format!("{email:?} has no `@`"))
    }
}

impl User {
    fn password_differs_from_name(&self) -> Result<(), ValidationError> {
        if self.password_hash == self.name {
            Err(ValidationError::for_field(
                "password_hash",
                "must differ from the name",
            ))
        } else {
            Ok(())
        }
    }
}

// ─── data_module! ───────────────────────────────────────────────────────────────────────
//
// A whole module of data structs from names and field lists.

modsmith::data_module! {
    /// Plane geometry.
    pub mod geometry {
        /// A point in the plane.
        #[derive(Debug, Clone, Copy)]
        Point { x: f64, y: f64 },
        /// A width and a height, neither negative.
        #[derive(Debug)]
        Size {
            #[data(validate(range(min = 0.0)))]
            w: f64,
            #[data(validate(range(min = 0.0)))]
            h: f64,
        },
    }
}

fn main() {
    println!("== #[derive(Data)] ==");
    match User::new("ann", "5f4dcc3b".to_owned()) {
        Ok(ann) => println!("new:       {ann:?}  (age defaulted to {})", ann.age()),
        Err(errors) => println!("unexpected: {errors}"),
    }

    // The builder: leave out `.name(..)` or `.password_hash(..)` and this does not compile.
    let bob = User::builder()
        .name("bob")
        .password_hash("e99a18c4".to_owned())
        .age(42)
        .email("bob@example.org".to_owned())
        .build();
    match &bob {
        Ok(bob) => println!(
            "builder:   name={:?} age={} email={:?}",
            bob.name(),
            bob.age(),
            bob.email()
        ),
        Err(errors) => println!("unexpected: {errors}"),
    }

    // One value with four mistakes: every one is reported, each naming its field.
    let rejected = User::builder()
        .name("")
        .password_hash(String::new())
        .age(7)
        .email("nobody".to_owned())
        .build();
    match rejected {
        Ok(user) => println!("unexpectedly accepted: {user:?}"),
        Err(errors) => println!("rejected:  {errors}"),
    }

    // Setters re-run the field's validation and keep the old value on failure.
    if let Ok(mut bob) = bob
        && let Err(errors) = bob.set_age(200)
    {
        println!("set_age:   {errors}; age is still {}", bob.age());
    }

    println!(
        "\nreflection: {} has {} fields",
        User::NAME,
        User::FIELDS.len()
    );
    for field in User::FIELDS {
        let presence = match field.default() {
            None => "required".to_owned(),
            Some(default) => format!("optional, default {default}"),
        };
        println!(
            "  {:<14} {:<16} {:<28} {}",
            field.name(),
            field.ty(),
            presence,
            field.doc()
        );
    }

    println!("\n== data_module! ==");
    let origin = geometry::Point::new(0.0, 0.0);
    let corner = geometry::Point::builder().x(3.0).y(4.0).build();
    println!("points:    {origin:?} and {corner:?}");
    match geometry::Size::new(-1.0, 2.0) {
        Ok(size) => println!("unexpectedly accepted: {size:?}"),
        Err(errors) => println!("Size::new(-1.0, 2.0) rejected: {errors}"),
    }
    let fields: Vec<&str> = geometry::Size::FIELDS
        .iter()
        .map(|field| field.name())
        .collect();
    println!("geometry::Size fields: {fields:?}");
}
