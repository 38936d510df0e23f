//! [`Shape`]: what a model is, as a constant.

/// What a [`Model`](super::Model) is: its type's name, its fields and its metadata
/// (`#[model(meta(table = "users"))]`). Built with `const fn`s, so that it is a constant of
/// the model's type and reading it costs nothing at run time.
///
/// ```
/// use modsmith_runtime::model::{FieldShape, Shape};
///
/// const USER: Shape = Shape::new(
///     "User",
///     &[FieldShape::new("name", "String", "The user's name."), FieldShape::new("age", "u8", "")],
///     &[("table", "users")],
/// );
/// assert_eq!(USER.field("age").map(FieldShape::ty), Some("u8"));
/// assert_eq!(USER.meta("table"), Some("users"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Shape {
    name: &'static str,
    fields: &'static [FieldShape],
    meta: &'static [(&'static str, &'static str)],
}

impl Shape {
    /// A shape: the type's name, its fields in declaration order, and its metadata as
    /// key–value pairs.
    pub const fn new(
        name: &'static str,
        fields: &'static [FieldShape],
        meta: &'static [(&'static str, &'static str)],
    ) -> Self {
        Shape { name, fields, meta }
    }

    /// The type's name, as written in its definition.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The fields, in declaration order.
    pub const fn fields(&self) -> &'static [FieldShape] {
        self.fields
    }

    /// The field named `name`.
    pub fn field(&self, name: &str) -> Option<&'static FieldShape> {
        self.fields.iter().find(|field| field.name == name)
    }

    /// Every metadata entry, in the order written.
    pub const fn meta_entries(&self) -> &'static [(&'static str, &'static str)] {
        self.meta
    }

    /// The metadata value of `key`.
    pub fn meta(&self, key: &str) -> Option<&'static str> {
        self.meta
            .iter()
            .find(|(candidate, _)| *candidate == key)
            .map(|(_, value)| *value)
    }
}

/// One field of a [`Shape`]: its name (as `get`, `set` and the values maps know it), its
/// type as written in the source, and its doc comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldShape {
    name: &'static str,
    ty: &'static str,
    doc: &'static str,
}

impl FieldShape {
    /// A field: its name, its type as written, its doc (empty when it has none).
    pub const fn new(name: &'static str, ty: &'static str, doc: &'static str) -> Self {
        FieldShape { name, ty, doc }
    }

    /// The field's name.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Its type as written in the source, e.g. `Option<String>`.
    pub const fn ty(&self) -> &'static str {
        self.ty
    }

    /// Its doc comment, lines joined with `\n`; empty when it has none.
    pub const fn doc(&self) -> &'static str {
        self.doc
    }
}
