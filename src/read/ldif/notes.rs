//! Warnings said once for many entries (entries left out, binary values, values given by
//! URL, attributes with several values): how many, at the first, naming the first few.

use std::fmt::Write as _;

use crate::org::Position;
use crate::text::Escaped;

/// How many entries are named in a warning said for many.
const NAMED: usize = 3;

/// Entries of one kind, counted.
#[derive(Default)]
pub(super) struct Tally {
    pub(super) count: usize,
    /// Where the first is.
    pub(super) first_at: Option<Position>,
    /// The first few, as the warning names them.
    names: Vec<String>,
}

impl Tally {
    /// Counts one more, at `at`, named `name`.
    pub(super) fn add(&mut self, at: Position, name: &str) {
        self.first_at.get_or_insert(at);
        self.count += 1;
        if self.names.len() < NAMED {
            self.names.push(format!("\"{}\"", Escaped(name)));
        }
    }

    /// The first few named, then how many more: `"a", "b", "c" and 2 more`.
    pub(super) fn named(&self) -> String {
        let mut named = self.names.join(", ");
        let more = self.count - self.names.len();
        if more > 0 {
            let _ = write!(named, " and {more} more");
        }
        named
    }
}

/// `n entries`, or `1 entry`.
pub(super) fn entries(n: usize) -> String {
    if n == 1 {
        "1 entry".to_owned()
    } else {
        format!("{n} entries")
    }
}

/// Tallies kept by attribute (its name in the file), in the order first found.
#[derive(Default)]
pub(super) struct ByAttribute {
    tallies: Vec<(u32, Tally)>,
}

impl ByAttribute {
    pub(super) fn add(&mut self, attribute: u32, at: Position, name: &str) {
        let at_attribute = self.tallies.iter().position(|(a, _)| *a == attribute);
        let index = at_attribute.unwrap_or_else(|| {
            self.tallies.push((attribute, Tally::default()));
            self.tallies.len() - 1
        });
        self.tallies[index].1.add(at, name);
    }

    pub(super) fn into_iter(self) -> impl Iterator<Item = (u32, Tally)> {
        self.tallies.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tally_names_the_first_few_and_counts_the_rest() {
        let mut tally = Tally::default();
        for (line, name) in [(10, "a"), (20, "b"), (30, "c"), (40, "d"), (50, "e")] {
            tally.add(Position { line, column: 1 }, name);
        }
        assert_eq!(
            tally.first_at,
            Some(Position {
                line: 10,
                column: 1
            })
        );
        assert_eq!(tally.named(), "\"a\", \"b\", \"c\" and 2 more");
        assert_eq!(entries(1), "1 entry");
        assert_eq!(entries(5), "5 entries");
    }
}
