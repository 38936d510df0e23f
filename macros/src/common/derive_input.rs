//! What derives share about their input: the parsed struct with each level's options, the
//! fields of a struct with named fields, and an error for any other shape that says what to
//! write instead.

use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Field, Fields, Ident};

/// A struct deriving a macro, with the macro's options read from its attributes (`S`) and
/// from each field's (`F`), not yet checked against each other.
pub struct ParsedStruct<'a, S, F> {
    pub input: &'a DeriveInput,
    pub options: S,
    pub fields: Vec<ParsedField<'a, F>>,
}

/// A named field and its options.
pub struct ParsedField<'a, F> {
    pub field: &'a Field,
    pub ident: &'a Ident,
    pub options: F,
}

/// The fields of a struct with named fields or of a unit struct. For a tuple struct, an enum
/// or a union, an error naming `derive` (`#[derive(Data)]`); `enum_advice` ends the enum's
/// message with what that derive's users should write instead.
pub fn named_fields<'a>(
    input: &'a DeriveInput,
    derive: &str,
    enum_advice: impl FnOnce(&Ident) -> String,
) -> Result<Vec<&'a Field>, syn::Error> {
    let name = &input.ident;
    match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => Ok(fields.named.iter().collect()),
            Fields::Unit => Ok(Vec::new()),
            Fields::Unnamed(fields) => Err(syn::Error::new_spanned(
                fields,
                format!(
                    "`{derive}` needs named fields, but `{name}` is a tuple struct; name its \
                     fields: `struct {name} {{ field: Type, .. }}`"
                ),
            )),
        },
        Data::Enum(data) => Err(syn::Error::new(
            data.enum_token.span(),
            format!(
                "`{derive}` works on structs with named fields, but `{name}` is an enum; {}",
                enum_advice(name)
            ),
        )),
        Data::Union(data) => Err(syn::Error::new(
            data.union_token.span(),
            format!(
                "`{derive}` works on structs with named fields, but `{name}` is a union; write \
                 `struct {name} {{ field: Type, .. }}`"
            ),
        )),
    }
}
