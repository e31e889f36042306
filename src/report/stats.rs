//! The figures of a chart as text for people or JSON for scripts.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::tree::{holder, title};
use super::{cost_text, figure, for_json, thousands, thousands_of};
use crate::org::metrics::Stats;
use crate::org::save::{cost_value, holder_value};
use crate::org::{Cost, Org};
use crate::text::Escaped;

/// Writes the figures as aligned text.
pub fn write_text(out: &mut impl Write, org: &Org, stats: &Stats) -> io::Result<()> {
    let name = org.meta.name.as_deref().unwrap_or("Organisation chart");
    write!(out, "{}", Escaped(name))?;
    if let Some(as_of) = &org.meta.as_of {
        write!(out, ", as of {}", Escaped(as_of))?;
    }
    writeln!(out)?;
    let row =
        |out: &mut dyn Write, label: &str, value: String| writeln!(out, "  {label:<17}{value}");
    // A count of posts with its share of all posts.
    let part = |n: usize| format!("{}{}", thousands_of(n), share(n, stats.posts));
    row(out, "posts", thousands_of(stats.posts))?;
    row(out, "vacant posts", part(stats.vacant))?;
    if stats.undisclosed > 0 {
        row(out, "not disclosed", part(stats.undisclosed))?;
    }
    row(out, "top posts", thousands_of(stats.top_posts))?;
    row(out, "layers", thousands(f64::from(stats.layers), 0))?;
    row(out, "headcount (FTE)", thousands(stats.headcount_fte, 1))?;
    let cost = match stats.cost {
        Some(cost) => format!(
            "{} ({} of {} posts give a cost)",
            cost_text(cost),
            thousands_of(stats.posts_with_cost),
            thousands_of(stats.posts)
        ),
        None => "not given".into(),
    };
    row(out, "cost", cost)?;
    let span = match &stats.span {
        Some(span) => format!(
            "min {}, median {}, mean {}, max {} (over {} manager{})",
            thousands_of(span.min),
            figure(span.median),
            thousands(span.mean, 1),
            thousands_of(span.max),
            thousands_of(span.managers),
            if span.managers == 1 { "" } else { "s" }
        ),
        None => "no post has reports".into(),
    };
    row(out, "span of control", span)?;
    if !stats.widest.is_empty() {
        writeln!(out, "  widest spans")?;
        for &(node, span) in &stats.widest {
            let post = org.post(node);
            writeln!(
                out,
                "  {:>6}  {} ({}) [{}]",
                thousands_of(span),
                title(post),
                holder(post),
                Escaped(post.id().as_str())
            )?;
        }
    }
    Ok(())
}

/// Places kept in `--json` of the figures worked out from many values: FTE as organograms
/// give it (`0.33`), money to the penny, a mean span to two places.
const FTE_DECIMALS: i32 = 2;
const MONEY_DECIMALS: i32 = 2;
const SPAN_DECIMALS: i32 = 2;

/// The figures as a JSON object, keys as documented in the README.
#[must_use]
pub fn to_json(org: &Org, stats: &Stats) -> Value {
    let mut value = json!({
        "name": org.meta.name.as_deref(),
        "as_of": org.meta.as_of.as_deref(),
    });
    if let (Value::Object(all), Value::Object(figures)) = (&mut value, figures_json(stats)) {
        all.extend(figures);
    }
    value["widest_spans"] = stats
        .widest
        .iter()
        .map(|&(node, span)| {
            let post = org.post(node);
            json!({
                "id": post.id().as_str(),
                "title": &*post.title,
                "holder": holder_value(&post.holder),
                "span": span,
            })
        })
        .collect();
    value
}

/// The figures that need no chart to name them: `posts` to `span`, as `to_json` gives them.
#[must_use]
pub fn figures_json(stats: &Stats) -> Value {
    let span = stats.span.as_ref();
    json!({
        "posts": stats.posts,
        "vacant": stats.vacant,
        "undisclosed": stats.undisclosed,
        "top_posts": stats.top_posts,
        "layers": stats.layers,
        "headcount_fte": for_json(stats.headcount_fte, FTE_DECIMALS),
        "cost": stats.cost.map(|cost| {
            let (low, high) = (for_json(cost.low(), MONEY_DECIMALS), for_json(cost.high(), MONEY_DECIMALS));
            cost_value(Cost::range(low, high).unwrap_or(cost))
        }),
        "posts_with_cost": stats.posts_with_cost,
        "span": {
            "managers": span.map_or(0, |s| s.managers),
            "min": span.map(|s| s.min),
            "median": span.map(|s| s.median),
            "mean": span.map(|s| for_json(s.mean, SPAN_DECIMALS)),
            "max": span.map(|s| s.max),
        },
    })
}

#[allow(clippy::cast_precision_loss)]
fn count(n: usize) -> f64 {
    n as f64
}

fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        String::new()
    } else {
        format!(" ({:.1}%)", count(part) * 100.0 / count(whole))
    }
}
