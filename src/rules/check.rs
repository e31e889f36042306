//! Checking a chart against its rules: one violation a post and rule (or the chart, for the
//! vacancy share), in the chart's tree order.

use rustc_hash::FxHashMap;

use super::{Except, Rules};
use crate::org::{NodeIndex, Org};
use crate::report::plural;
use crate::text::Escaped;

/// A rule broken, by a post or by the chart as a whole.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Violation {
    /// `span`, `layers`, `one-to-one`, `vacancy`, `grades`, `required`.
    pub rule: &'static str,
    /// The post's id; `None` for the chart as a whole.
    pub post: Option<String>,
    pub title: Option<String>,
    pub message: String,
}

impl Violation {
    fn of(org: &Org, rule: &'static str, node: NodeIndex, message: String) -> Self {
        let post = org.post(node);
        Self {
            rule,
            post: Some(post.id().as_str().to_owned()),
            title: Some(post.title.to_string()),
            message,
        }
    }
}

/// Every violation of `rules` in `org`: by rule, then in tree order.
#[must_use]
pub fn check(org: &Org, rules: &Rules) -> Vec<Violation> {
    let order: Vec<(NodeIndex, u32)> = org.tree_order().collect();
    let mut found = Vec::new();
    if let Some(span) = &rules.span {
        for &(node, _) in &order {
            let reports = org.reports(node).len();
            if reports == 0 || excepted(org, node, &span.except) {
                continue;
            }
            let message = match (span.min, span.max) {
                (Some(min), _) if reports < min => {
                    format!(
                        "{reports} direct report{}, fewer than {min}",
                        plural(reports)
                    )
                }
                (_, Some(max)) if reports > max => {
                    format!(
                        "{reports} direct report{}, more than {max}",
                        plural(reports)
                    )
                }
                _ => continue,
            };
            found.push(Violation::of(org, "span", node, message));
        }
    }
    if let Some(max) = rules.max_layers {
        // The posts that open a layer too many: each names a line that is too long.
        for &(node, layer) in &order {
            let layer = layer as usize;
            if Some(layer) == max.checked_add(1) {
                found.push(Violation::of(
                    org,
                    "layers",
                    node,
                    format!("in layer {layer}, below the {max} allowed"),
                ));
            }
        }
    }
    if let Some(max) = rules.max_one_to_one {
        one_to_one(org, &order, max, &mut found);
    }
    if let Some(max) = rules.max_vacant_percent {
        let posts = org.len();
        let vacant = org.posts().filter(|&n| org.post(n).is_vacant()).count();
        #[allow(clippy::cast_precision_loss)] // counts of posts: far below 2^52
        let share = if posts == 0 {
            0.0
        } else {
            vacant as f64 * 100.0 / posts as f64
        };
        if share > max {
            found.push(Violation {
                rule: "vacancy",
                post: None,
                title: None,
                message: format!(
                    "{vacant} of {posts} posts vacant ({share:.1}%), more than {max}%"
                ),
            });
        }
    }
    if !rules.grade_order.is_empty() {
        let rank: FxHashMap<&str, usize> = rules
            .grade_order
            .iter()
            .enumerate()
            .map(|(at, grade)| (grade.as_str(), at))
            .collect();
        let rank_of = |node: NodeIndex| {
            let grade = org.post(node).grade.as_deref()?;
            Some((grade, *rank.get(grade)?))
        };
        for &(node, _) in &order {
            let Some((grade, own)) = rank_of(node) else {
                continue;
            };
            // The report of the highest grade above the manager's, if any.
            let above = org
                .reports(node)
                .iter()
                .filter_map(|&r| rank_of(r).map(|(g, at)| (r, g, at)))
                .filter(|&(_, _, at)| at > own)
                .max_by_key(|&(_, _, at)| at);
            if let Some((report, report_grade, _)) = above {
                found.push(Violation::of(
                    org,
                    "grades",
                    node,
                    format!(
                        "grade {}, lower than its report '{}' ({})",
                        Escaped(grade),
                        Escaped(org.post(report).id().as_str()),
                        Escaped(report_grade)
                    ),
                ));
            }
        }
    }
    for &field in &rules.required {
        for &(node, _) in &order {
            // A vacant post gives no holder; one not disclosed gives one.
            if field.get(org.post(node)).is_none() {
                found.push(Violation::of(
                    org,
                    "required",
                    node,
                    format!("no {}", field.name()),
                ));
            }
        }
    }
    found
}

fn excepted(org: &Org, node: NodeIndex, except: &[Except]) -> bool {
    let post = org.post(node);
    except.iter().any(|except| match except {
        Except::Id(id) => post.id().as_str() == id,
        Except::Tag(tag) => post.tags.iter().any(|t| t.as_str() == tag),
    })
}

/// Chains of posts that each have exactly one report, longer than `max`: one violation at
/// the top of each.
fn one_to_one(org: &Org, order: &[(NodeIndex, u32)], max: usize, found: &mut Vec<Violation>) {
    let single = |node: NodeIndex| org.reports(node).len() == 1;
    for &(node, _) in order {
        // The top of a chain: its manager does not have one report only.
        if !single(node) || org.manager(node).is_some_and(single) {
            continue;
        }
        let mut chain = vec![node];
        let mut at = node;
        while single(at) {
            at = org.reports(at)[0];
            if !single(at) {
                break;
            }
            chain.push(at);
        }
        if chain.len() > max {
            let ids: Vec<String> = chain
                .iter()
                .map(|&n| Escaped(org.post(n).id().as_str()).to_string())
                .collect();
            found.push(Violation::of(
                org,
                "one-to-one",
                node,
                format!(
                    "a chain of {} post{} with one report each ({}), more than {max}",
                    chain.len(),
                    plural(chain.len()),
                    ids.join(" > ")
                ),
            ));
        }
    }
}
