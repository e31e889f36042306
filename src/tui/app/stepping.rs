//! Stepping through a series on the compare screen: the next or previous pair of releases,
//! or any pair the timeline picks, with the selected post carried over where the pair on
//! screen matched it, and the nearest post above it that is there when it is not.

use super::App;
use crate::org::{NodeIndex, Org};
use crate::text::Escaped;
use crate::tui::action::Action;
use crate::tui::keys::Mode;
use crate::tui::series::Series;

/// A post of one release of the series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Located {
    release: usize,
    node: NodeIndex,
}

impl App {
    /// The compare screen on a series: its pair `series.shown` on screen, the rest kept for
    /// stepping and for the timeline.
    #[must_use]
    pub fn in_series(mut series: Series, options: super::Options, size: (u16, u16)) -> Self {
        let (merged, state) = series.pair(series.shown);
        let mut app = Self::comparing(merged, state, options, size);
        app.series = Some(series);
        app
    }

    /// `>` and `<`: the next or previous pair of the series, if there is one.
    pub(super) fn step_pair(&mut self, forward: bool) {
        let Some(series) = &self.series else {
            self.message = Some(
                "one pair only: orgtree compare with three or more charts steps through a series"
                    .into(),
            );
            return;
        };
        let (shown, last) = (series.shown, series.pairs() - 1);
        let to = match (forward, shown) {
            (true, at) if at < last => at + 1,
            (false, at) if at > 0 => at - 1,
            _ => {
                self.message = Some(format!(
                    "{} is the {} pair of the series; {} shows them all",
                    series.pair_name(shown),
                    if forward { "last" } else { "first" },
                    self.key(Mode::Compare, Action::Timeline)
                ));
                return;
            }
        };
        self.show_pair(to);
    }

    /// Shows pair `to` of the series in place of the pair on screen, the selected post
    /// still selected where it is in the new pair.
    pub(super) fn show_pair(&mut self, to: usize) {
        let Some(mut series) = self.series.take() else {
            return;
        };
        if to == series.shown {
            self.series = Some(series);
            return;
        }
        let from = series.shown;
        // The selected post, then the posts above it, as posts of their releases; the
        // first one the new pair has is selected there.
        let chain: Vec<NodeIndex> = self
            .selected_post()
            .map(|node| {
                std::iter::once(node)
                    .chain(self.org.chain_to_top(node))
                    .collect()
            })
            .unwrap_or_default();
        let carried: Vec<Option<Located>> = chain
            .iter()
            .map(|&node| {
                self.locate(from, node)
                    .and_then(|post| self.carry(&series, post, to))
            })
            .collect();
        let lost = match (chain.first(), carried.first()) {
            (Some(&node), Some(None)) => Some(self.why_not_in(&series, node, to)),
            _ => None,
        };
        let kept = chain
            .iter()
            .zip(&carried)
            .find_map(|(&node, post)| Some((node, (*post)?)));
        let mut said: Vec<String> = Vec::new();
        if let Some(lost) = lost {
            said.push(match kept {
                Some((above, _)) => format!(
                    "{lost}; selected '{}' above it",
                    crate::report::tree::title(self.org.post(above))
                ),
                None => format!("{lost}; showing the first change"),
            });
        }
        let (messages, side_by_side, changed_only) = (
            std::mem::take(&mut self.messages),
            self.side_by_side,
            self.changed_only,
        );
        let options = self.options.clone();
        // The pair on screen goes before the next is built: two pairs of large charts at
        // once would raise the peak by hundreds of megabytes.
        *self = App::new(Org::default(), options.clone(), self.size);
        series.shown = to;
        let mut fresh = App::in_series(series, options, self.size);
        let node = kept.map(|(_, post)| match fresh.compare.as_ref() {
            Some(compare) if post.release == to => compare.merged_node(post.node),
            _ => post.node,
        });
        fresh.messages = messages;
        fresh.message = None;
        fresh.side_by_side = side_by_side;
        if changed_only {
            fresh.show_changed_only();
        }
        if let Some(node) = node {
            // Changed only stays on: a post that did not change in the new pair gives way to
            // the nearest one above it that is shown.
            let shown = std::iter::once(node)
                .chain(fresh.org.chain_to_top(node))
                .find_map(|n| fresh.view.reveal(&fresh.org, n).map(|row| (n, row)));
            match shown {
                Some((_, row)) => fresh.select_row(row),
                None => fresh.select_post(node),
            }
            if shown.is_some_and(|(n, _)| n != node) {
                said.push(format!(
                    "'{}' did not change in this pair, and only changed posts are shown",
                    crate::report::tree::title(fresh.org.post(node))
                ));
            }
        }
        said.extend(fresh.message.take());
        if !said.is_empty() {
            fresh.message = Some(said.join("; "));
        }
        *self = fresh;
    }

    /// The post a node of the merged chart on screen is: a removed post (a ghost) is one of
    /// the before release, any other one of the after release.
    fn locate(&self, shown: usize, node: NodeIndex) -> Option<Located> {
        let compare = self.compare.as_ref()?;
        Some(if compare.is_ghost(node) {
            Located {
                release: shown,
                node: compare.before_post(node)?,
            }
        } else {
            Located {
                release: shown + 1,
                node,
            }
        })
    }

    /// The same post in pair `to`, as a post of one of its two releases. One step away,
    /// the pair on screen shares a release with it, and its matching (by id, then by
    /// content) says what a post of the other release became or was; further away, a post
    /// is found by its id.
    fn carry(&self, series: &Series, post: Located, to: usize) -> Option<Located> {
        let from = series.shown;
        let in_pair = |p: Located| (p.release == to || p.release == to + 1).then_some(p);
        if to.abs_diff(from) > 1 {
            let id = series.charts[post.release].org.post(post.node).id();
            return [to + 1, to].into_iter().find_map(|release| {
                let node = series.charts[release].org.find(id.as_str())?;
                Some(Located { release, node })
            });
        }
        if let Some(post) = in_pair(post) {
            return Some(post);
        }
        let matching = &self.compare.as_ref()?.comparison.matching;
        let node = if post.release == from {
            matching.to_after(post.node)?
        } else {
            matching.to_before(post.node)?
        };
        in_pair(Located {
            release: if post.release == from { from + 1 } else { from },
            node,
        })
    }

    /// Why the post `node` of the merged chart on screen is not in pair `to`.
    fn why_not_in(&self, series: &Series, node: NodeIndex, to: usize) -> String {
        let post = self.org.post(node);
        let title = crate::report::tree::title(post);
        let from = series.shown;
        let ghost = self.compare.as_ref().is_some_and(|c| c.is_ghost(node));
        let date = Escaped(series.date(from + 1));
        if to.abs_diff(from) > 1 {
            format!(
                "'{title}' ({}) is in neither release of this pair by its id",
                Escaped(post.id().as_str())
            )
        } else if ghost {
            format!("'{title}' was removed in {date}, before this pair")
        } else {
            format!("'{title}' was added in {date}, after this pair")
        }
    }
}
