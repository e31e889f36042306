//! The chart a change script was made on: its name, its date and a hash of its content, so
//! that `orgtree apply` can say when it replays the script on another chart (a newer
//! release: a rebase), where some steps may no longer fit.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::org::Org;
use crate::org::save::post_value;
use crate::text::Escaped;

/// What names the chart a script starts from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MadeOn {
    pub name: Option<String>,
    pub as_of: Option<String>,
    /// `sha256:` and the SHA-256, in hex, of the chart's name, date and posts as orgtree
    /// JSON writes them: the same for a chart whatever format and path it was read from
    /// (the `source` a reader writes, which names the file, is left out), different for
    /// any change to a post.
    pub content: String,
}

impl MadeOn {
    #[must_use]
    pub fn of(org: &Org) -> Self {
        let mut hasher = Sha256::new();
        let mut add = |value: &serde_json::Value| hasher.update(value.to_string().as_bytes());
        add(&serde_json::json!([
            org.meta.name.as_deref(),
            org.meta.as_of.as_deref()
        ]));
        for node in org.posts() {
            add(&post_value(org, node));
        }
        let digest = hasher.finalize();
        let hex = digest
            .iter()
            .fold(String::with_capacity(64), |mut hex, byte| {
                let _ = write!(hex, "{byte:02x}");
                hex
            });
        Self {
            name: org.meta.name.as_deref().map(str::to_owned),
            as_of: org.meta.as_of.as_deref().map(str::to_owned),
            content: format!("sha256:{hex}"),
        }
    }

    /// Whether `other` is the same chart, to the last field.
    #[must_use]
    pub fn same_content(&self, other: &MadeOn) -> bool {
        self.content == other.content
    }

    /// `'Home Office' as of 2011-09-30 (content 1a2b3c4d5e6f)`.
    #[must_use]
    pub fn described(&self) -> String {
        let name = self.name.as_deref().map_or_else(
            || "a chart with no name".to_owned(),
            |n| format!("'{}'", Escaped(n)),
        );
        let date = self
            .as_of
            .as_deref()
            .map_or_else(String::new, |d| format!(" as of {}", Escaped(d)));
        let short: String = self
            .content
            .trim_start_matches("sha256:")
            .chars()
            .take(12)
            .collect();
        format!("{name}{date} (content {})", Escaped(&short))
    }
}
