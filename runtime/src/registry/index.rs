//! The registry's index by name, built on first use: the entries sorted by name, so that a
//! look-up is a binary search and two models of one name sit next to each other.

use std::sync::OnceLock;

use super::entry::{self, RegisteredModel};

pub(crate) struct Index {
    /// Every registered model, by name; models of one name in link order.
    sorted: Vec<&'static RegisteredModel>,
}

/// The index of every registered model.
pub(crate) fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut sorted: Vec<&'static RegisteredModel> = entry::models().iter().collect();
        sorted.sort_by_key(|model| model.name());
        Index { sorted }
    })
}

impl Index {
    /// The models registered as `name`: none, one, or several (a duplicate).
    pub(crate) fn find(&self, name: &str) -> &[&'static RegisteredModel] {
        let start = self.sorted.partition_point(|model| model.name() < name);
        let from_start = self.sorted.get(start..).unwrap_or_default();
        let length = from_start.partition_point(|model| model.name() == name);
        from_start.get(..length).unwrap_or_default()
    }

    /// Every registered name, once each.
    pub(crate) fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        let mut previous = None;
        self.sorted.iter().filter_map(move |model| {
            let name = model.name();
            (previous.replace(name) != Some(name)).then_some(name)
        })
    }

    /// Each name two or more models share, with their type paths.
    pub(crate) fn duplicates(&self) -> Vec<(&'static str, Vec<&'static str>)> {
        self.sorted
            .chunk_by(|a, b| a.name() == b.name())
            .filter(|models| models.len() > 1)
            .filter_map(|models| {
                let name = models.first()?.name();
                Some((name, models.iter().map(|model| model.type_path()).collect()))
            })
            .collect()
    }
}
