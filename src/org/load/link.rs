//! Resolving what posts say about each other: ids made unique, managers found, loops and
//! unknown dotted targets reported, and the chart built when nothing stands in the way.

use rustc_hash::FxHashMap;

use super::{Draft, IdAsRead, Loader};
use crate::org::graph::{Meta, Org};
use crate::org::links::find_loops;
use crate::org::post::PostId;
use crate::org::problems::Severity;
use crate::text::Escaped;

impl Loader<'_> {
    /// Resolves ids, managers, loops and dotted lines across the chart; builds it when no
    /// error stands in the way.
    pub(super) fn link(&mut self, meta: Meta, mut drafts: Vec<Draft>) -> Option<Org> {
        let mut index: FxHashMap<PostId, usize> = FxHashMap::default();
        index.reserve(drafts.len());
        let mut unnamed = Vec::new();
        for (i, draft) in drafts.iter().enumerate() {
            match &draft.id {
                IdAsRead::Given(id, _) if !index.contains_key(id) => {
                    index.insert(id.clone(), i);
                }
                _ => unnamed.push(i),
            }
        }
        for i in unnamed {
            let draft = &drafts[i];
            let base = match &draft.id {
                IdAsRead::Given(id, _) => id.as_str().to_owned(),
                _ => format!("post-{}", draft.number),
            };
            let mut fresh = base.clone();
            let mut n = 1;
            while index.contains_key(fresh.as_str()) {
                n += 1;
                fresh = format!("{base}~{n}");
            }
            let recovery = format!("loaded as '{}'", Escaped(&fresh));
            match &draft.id {
                IdAsRead::Given(id, at) => {
                    let first = match &drafts[index[id.as_str()]].id {
                        IdAsRead::Given(_, first) => *first,
                        _ => draft.at,
                    };
                    let line = self.line(first);
                    let message = format!(
                        "duplicate id '{}' (first used on line {line})",
                        Escaped(id.as_str())
                    );
                    self.recoverable(*at, message, &recovery);
                }
                IdAsRead::Missing => self.recoverable(
                    draft.at,
                    format!("{} has no id", draft.label(Some(&draft.post.title))),
                    &recovery,
                ),
                IdAsRead::Empty(at) => self.recoverable(
                    *at,
                    format!("{} has an empty id", draft.label(Some(&draft.post.title))),
                    &recovery,
                ),
                IdAsRead::Reported => {}
            }
            index.insert(PostId::new(fresh.as_str()), i);
        }
        for (id, &i) in &index {
            drafts[i].post.set_id(id.clone());
        }

        let mut managers: Vec<Option<usize>> = vec![None; drafts.len()];
        for (i, draft) in drafts.iter().enumerate() {
            let Some((manager, at)) = &draft.reports_to else {
                continue;
            };
            let id = Escaped(draft.post.id().as_str());
            if manager == draft.post.id() {
                self.recoverable(
                    *at,
                    format!("post '{id}' reports to itself"),
                    "loaded as a top post",
                );
            } else if let Some(&m) = index.get(manager) {
                managers[i] = Some(m);
            } else {
                let message = format!(
                    "post '{id}' reports to unknown post '{}'",
                    Escaped(manager.as_str())
                );
                self.recoverable(*at, message, "loaded as a top post");
            }
        }
        for members in find_loops(&managers) {
            let mut chain: Vec<String> = members
                .iter()
                .map(|&m| format!("'{}'", Escaped(drafts[m].post.id().as_str())))
                .collect();
            chain.push(chain[0].clone());
            let at = drafts[members[0]]
                .reports_to
                .as_ref()
                .map_or(drafts[members[0]].at, |(_, at)| *at);
            let message = format!(
                "reporting loop: {} (each reports to the next)",
                chain.join(" -> ")
            );
            self.recoverable(at, message, "its posts are loaded as top posts");
            if self.lenient {
                for m in members {
                    managers[m] = None;
                }
            }
        }
        for draft in &drafts {
            for (line, &at) in draft.post.dotted.iter().zip(&draft.dotted_at) {
                if !index.contains_key(&line.to) {
                    let message = format!(
                        "post '{}' has a dotted line to unknown post '{}'",
                        Escaped(draft.post.id().as_str()),
                        Escaped(line.to.as_str())
                    );
                    self.recoverable(at, message, "kept as it is");
                }
            }
        }

        if self.findings.iter().any(|f| f.severity == Severity::Error) {
            return None;
        }
        // A line that could not be drawn is still kept as the file gave it, so that saving
        // the leniently loaded chart writes it back.
        for (draft, drawn) in drafts.iter_mut().zip(&managers) {
            if let (Some((manager, _)), None) = (&draft.reports_to, drawn) {
                let value = serde_json::Value::String(manager.as_str().to_owned());
                draft.post.extra.push(("reports_to".into(), value));
            }
        }
        let mut org = Org::new(meta);
        let nodes: Vec<_> = drafts
            .into_iter()
            .map(|draft| org.add_post(draft.post))
            .collect::<Result<_, _>>()
            .ok()?;
        for (i, manager) in managers.into_iter().enumerate() {
            if let Some(m) = manager {
                org.push_report(nodes[m], nodes[i]);
            }
        }
        org.recompute_tops();
        Some(org)
    }
}
