//! The tree as text, like `tree`: one post a line with its holder and team size.

use std::io::{self, Write};

use super::plural;
use crate::org::metrics::Rollup;
use crate::org::{Holder, NodeIndex, Org, Post};
use crate::text::Escaped;

/// What `orgtree print` shows.
#[derive(Clone, Copy, Debug, Default)]
pub struct TreeOptions {
    /// Layers to show, counted from the top of what is printed (1 = the top posts alone).
    pub depth: Option<u32>,
    /// Print this post's team instead of the whole chart.
    pub root: Option<NodeIndex>,
    /// Draw guides with ASCII (`|--`) instead of box-drawing characters.
    pub ascii: bool,
}

struct Guides {
    branch: &'static str,
    last: &'static str,
    through: &'static str,
    blank: &'static str,
    /// Before the guides of a line too deep to draw them all.
    cut: &'static str,
}

/// The most guides a line is drawn with. A line deeper than this (no real chart is) shows
/// its layer and the guides of its nearest layers only, so that a chain of a hundred
/// thousand posts prints in lines of bounded length rather than in gigabytes.
pub const MAX_GUIDES: usize = 64;

const UNICODE: Guides = Guides {
    branch: "├── ",
    last: "└── ",
    through: "│   ",
    blank: "    ",
    cut: "…",
};

const ASCII: Guides = Guides {
    branch: "|-- ",
    last: "`-- ",
    through: "|   ",
    blank: "    ",
    cut: "...",
};

/// Writes the tree, then a line with the number of posts shown and hidden.
#[allow(clippy::cast_precision_loss)]
pub fn write_tree(out: &mut impl Write, org: &Org, options: TreeOptions) -> io::Result<()> {
    let guides = if options.ascii { &ASCII } else { &UNICODE };
    let rollup = Rollup::of(org);
    let roots = match &options.root {
        Some(root) => std::slice::from_ref(root),
        None => org.tops(),
    };
    let depth = options.depth.unwrap_or(u32::MAX);
    let (mut shown, mut vacant, mut undisclosed, mut hidden) = (0usize, 0usize, 0usize, 0usize);
    let mut line = String::new();
    let mut deep = String::new();
    for &root in roots {
        // Each frame: a post whose reports are being written, the next report to write, the
        // length of the guide prefix for those reports, and their layer.
        let mut stack = vec![(root, 0usize, 0usize, 2u32)];
        write_post(out, &mut line, "", org, &rollup, root)?;
        shown += 1;
        vacant += usize::from(org.post(root).is_vacant());
        undisclosed += usize::from(org.post(root).holder.is_undisclosed());
        if depth == 1 {
            hidden += rollup.team_posts(root);
            stack.clear();
        }
        let mut prefix = String::new();
        while let Some(frame) = stack.last_mut() {
            let (post, next, prefix_len, layer) = *frame;
            let reports = org.reports(post);
            let Some(&report) = reports.get(next) else {
                stack.pop();
                continue;
            };
            frame.1 += 1;
            let is_last = next + 1 == reports.len();
            prefix.truncate(prefix_len);
            prefix.push_str(if is_last { guides.last } else { guides.branch });
            let drawn = if stack.len() > MAX_GUIDES {
                // Each frame's prefix length is where its layer's guide starts.
                let from = stack[stack.len() - MAX_GUIDES].2;
                deep.clear();
                deep.push_str(guides.cut);
                deep.push_str("[layer ");
                deep.push_str(&super::thousands(f64::from(layer), 0));
                deep.push_str("] ");
                deep.push_str(&prefix[from..]);
                &deep
            } else {
                &prefix
            };
            write_post(out, &mut line, drawn, org, &rollup, report)?;
            shown += 1;
            vacant += usize::from(org.post(report).is_vacant());
            undisclosed += usize::from(org.post(report).holder.is_undisclosed());
            prefix.truncate(prefix_len);
            if org.reports(report).is_empty() {
                continue;
            }
            if layer >= depth {
                hidden += rollup.team_posts(report);
            } else {
                prefix.push_str(if is_last {
                    guides.blank
                } else {
                    guides.through
                });
                stack.push((report, 0, prefix.len(), layer + 1));
            }
        }
    }
    let count = |n: usize| super::thousands(n as f64, 0);
    write!(
        out,
        "\n{} post{}, {} vacant",
        count(shown),
        plural(shown),
        count(vacant)
    )?;
    if undisclosed > 0 {
        write!(out, ", {} not disclosed", count(undisclosed))?;
    }
    if hidden > 0 {
        write!(
            out,
            "; {} more below --depth {depth} not shown",
            count(hidden)
        )?;
    }
    writeln!(out, "; [direct/total] reports")
}

fn write_post(
    out: &mut impl Write,
    line: &mut String,
    prefix: &str,
    org: &Org,
    rollup: &Rollup,
    node: NodeIndex,
) -> io::Result<()> {
    use std::fmt::Write as _;
    let post = org.post(node);
    line.clear();
    line.push_str(prefix);
    let _ = write!(line, "{} ({})", title(post), holder(post));
    let direct = org.reports(node).len();
    if direct > 0 {
        let _ = write!(
            line,
            "  [{}/{}]",
            super::thousands_of(direct),
            super::thousands_of(rollup.team_posts(node))
        );
    }
    writeln!(out, "{line}")
}

/// The title as it may be shown: escaped, and never blank.
pub(crate) fn title(post: &Post) -> Escaped<'_> {
    if post.title.trim().is_empty() {
        Escaped("(no title)")
    } else {
        Escaped(&post.title)
    }
}

/// The holder as it may be shown, `vacant`, or `not disclosed`.
pub(crate) fn holder(post: &Post) -> Escaped<'_> {
    holder_of(&post.holder)
}

/// A holder as the reports say it: a name, "vacant" or "not disclosed".
pub(crate) fn holder_of(holder: &Holder) -> Escaped<'_> {
    Escaped(match holder {
        Holder::Vacant => "vacant",
        Holder::Undisclosed => "not disclosed",
        Holder::Named(name) => name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(org: &Org, options: TreeOptions) -> String {
        let mut out = Vec::new();
        write_tree(&mut out, org, options).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn sample() -> Org {
        let mut org = Org::default();
        let mut add = |id: &str, title: &str, holder: Option<&str>, manager: Option<&str>| {
            let mut post = Post::new(id, title);
            post.holder = holder.into();
            let node = org.add_post(post).unwrap();
            if let Some(manager) = manager {
                let manager = org.find(manager).unwrap();
                org.set_manager(node, Some(manager), None).unwrap();
            }
        };
        add(
            "cto",
            "Chief Technology Officer",
            Some("Sarah Wilkinson"),
            None,
        );
        add("coo", "Chief Operating Officer", None, Some("cto"));
        add("grads", "Graduate Lead", Some("Ann Lee"), Some("coo"));
        add("dev", "Head of Development", Some("Raj Patel"), Some("cto"));
        org
    }

    #[test]
    fn the_tree_shows_guides_holders_and_team_sizes() {
        assert_eq!(
            printed(&sample(), TreeOptions::default()),
            "Chief Technology Officer (Sarah Wilkinson)  [2/3]\n\
             ├── Chief Operating Officer (vacant)  [1/1]\n\
             │   └── Graduate Lead (Ann Lee)\n\
             └── Head of Development (Raj Patel)\n\
             \n4 posts, 1 vacant; [direct/total] reports\n"
        );
    }

    #[test]
    fn ascii_guides_and_depth_limit() {
        let text = printed(
            &sample(),
            TreeOptions {
                depth: Some(2),
                ascii: true,
                ..TreeOptions::default()
            },
        );
        assert_eq!(
            text,
            "Chief Technology Officer (Sarah Wilkinson)  [2/3]\n\
             |-- Chief Operating Officer (vacant)  [1/1]\n\
             `-- Head of Development (Raj Patel)\n\
             \n3 posts, 1 vacant; 1 more below --depth 2 not shown; [direct/total] reports\n"
        );
    }

    #[test]
    fn a_root_prints_only_that_team() {
        let org = sample();
        let coo = org.find("coo");
        let text = printed(
            &org,
            TreeOptions {
                root: coo,
                ..TreeOptions::default()
            },
        );
        assert_eq!(
            text,
            "Chief Operating Officer (vacant)  [1/1]\n└── Graduate Lead (Ann Lee)\n\n2 posts, 1 vacant; [direct/total] reports\n"
        );
    }

    #[test]
    fn emoji_sequences_and_combining_marks_are_printed_whole() {
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        let heart = "\u{2764}\u{fe0f}";
        let accented = "e\u{301}\u{323}";
        let mut org = Org::default();
        let top = org
            .add_post(Post::new(
                "top",
                format!("{heart} Head of {family} Services"),
            ))
            .unwrap();
        let report = org
            .add_post(Post::new("cafe", format!("Caf{accented} Lead")))
            .unwrap();
        org.set_manager(report, Some(top), None).unwrap();
        assert_eq!(
            printed(&org, TreeOptions::default()),
            format!(
                "{heart} Head of {family} Services (vacant)  [1/1]\n\
                 \u{2514}\u{2500}\u{2500} Caf{accented} Lead (vacant)\n\
                 \n2 posts, 2 vacant; [direct/total] reports\n"
            )
        );
    }
}
