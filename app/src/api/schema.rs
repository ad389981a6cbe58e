//! Schemas the derives cannot spell from a Rust type: text limited to a list of codes, where
//! the list lives in a constant of its feature. Used through `#[schema(schema_with = …)]`.

use utoipa::openapi::{Object, ObjectBuilder, Type};

/// Text that is one of `codes`.
pub fn codes<'a>(codes: impl IntoIterator<Item = &'a str>) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(codes))
        .build()
}
