//! Dynamic WHERE clauses with `$n` placeholders. sqlx's QueryBuilder writes `?` for the `Any`
//! driver, which PostgreSQL refuses; this numbers them, which both engines accept.

use sqlx::{Arguments, any::AnyArguments};

#[derive(Clone, Debug)]
pub enum Value {
    Text(String),
    Real(f64),
    Int(i64),
}

/// Conditions joined with AND, and the values they bind, in order.
#[derive(Default)]
pub struct Where {
    conditions: Vec<String>,
    values: Vec<Value>,
}

impl Where {
    /// Adds a condition; each `{}` in it becomes the next placeholder, bound to the next value.
    pub fn and(&mut self, condition: &str, values: impl IntoIterator<Item = Value>) -> &mut Self {
        let mut text = String::new();
        let mut parts = condition.split("{}");
        if let Some(first) = parts.next() {
            text.push_str(first);
        }
        let mut values = values.into_iter();
        for part in parts {
            let value = values.next().expect("one value per placeholder");
            self.values.push(value);
            text.push_str(&format!("${}", self.values.len()));
            text.push_str(part);
        }
        self.conditions.push(text);
        self
    }

    /// ` WHERE a AND b`, or nothing.
    pub fn clause(&self) -> String {
        if self.conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.conditions.join(" AND "))
        }
    }

    /// The placeholder number the next value would get, for LIMIT/OFFSET after the clause.
    pub fn next_placeholder(&self) -> usize {
        self.values.len() + 1
    }

    /// The values, in placeholder order, for `sqlx::query_as_with` and friends.
    pub fn arguments(&self) -> AnyArguments<'static> {
        let mut arguments = AnyArguments::default();
        for value in &self.values {
            // Adding a plain value to the Any buffer only fails for types it cannot hold.
            let _ = match value.clone() {
                Value::Text(v) => arguments.add(v),
                Value::Real(v) => arguments.add(v),
                Value::Int(v) => arguments.add(v),
            };
        }
        arguments
    }
}

/// A LIKE pattern that finds `text` anywhere, with LIKE's own wildcards in it taken literally
/// (use with `ESCAPE '\'`).
pub fn contains_pattern(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_order_across_conditions() {
        let mut w = Where::default();
        w.and("listed = 1", [])
            .and(
                "lat BETWEEN {} AND {}",
                [Value::Real(1.0), Value::Real(2.0)],
            )
            .and("(name LIKE {} ESCAPE '\\')", [Value::Text("%x%".into())]);
        assert_eq!(
            w.clause(),
            " WHERE listed = 1 AND lat BETWEEN $1 AND $2 AND (name LIKE $3 ESCAPE '\\')"
        );
        assert_eq!(w.next_placeholder(), 4);
    }

    #[test]
    fn wildcards_typed_by_a_resident_are_literal() {
        assert_eq!(contains_pattern("养老"), "%养老%");
        assert_eq!(contains_pattern("100%_"), "%100\\%\\_%");
    }
}
