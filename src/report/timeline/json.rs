//! A timeline as one JSON object, for scripts; the keys are documented in
//! `docs/json-output.md`.

use serde_json::{Map, Value, json};

use crate::compare::{ChangeKind, MatchBy};
use crate::org::save::{cost_value, holder_value};
use crate::report::for_json;
use crate::report::stats::figures_json;
use crate::timeline::{Life, Release, Seen, Step, Timeline};

/// Share of posts changed, to four places (0.1234 is 12.34%).
const SHARE_DECIMALS: i32 = 4;

#[must_use]
pub fn to_json(timeline: &Timeline, life: Option<&Life>) -> Value {
    let releases = &timeline.releases;
    json!({
        "matching": match timeline.by {
            MatchBy::Content => "content",
            MatchBy::Id => "id",
        },
        "releases": releases.iter().map(release).collect::<Vec<_>>(),
        "steps": timeline.steps.iter().enumerate().map(|(at, s)| {
            step(s, &releases[at], &releases[at + 1])
        }).collect::<Vec<_>>(),
        "post": life.map(|life| post(timeline, life)),
    })
}

fn release(release: &Release) -> Value {
    let mut object = Map::new();
    object.insert("file".into(), release.label.clone().into());
    object.insert("name".into(), release.name.clone().into());
    object.insert("as_of".into(), release.as_of.clone().into());
    if let Value::Object(figures) = figures_json(&release.stats) {
        object.extend(figures);
    }
    let grades: Map<String, Value> = release
        .grades
        .iter()
        .filter_map(|(grade, &n)| Some((grade.clone()?, n.into())))
        .collect();
    object.insert("grades".into(), grades.into());
    object.insert(
        "no_grade".into(),
        release.grades.get(&None).copied().unwrap_or(0).into(),
    );
    object.into()
}

fn step(step: &Step, from: &Release, to: &Release) -> Value {
    let mut object = Map::new();
    object.insert("from".into(), from.as_of.clone().into());
    object.insert("to".into(), to.as_of.clone().into());
    for kind in ChangeKind::ALL {
        object.insert(kind.name().into(), step.count(kind).into());
    }
    object.insert("changed_posts".into(), step.changed.into());
    object.insert("posts".into(), step.posts.into());
    object.insert(
        "share_changed".into(),
        for_json(step.share(), SHARE_DECIMALS).into(),
    );
    object.insert("matched_by_id".into(), step.by_id.into());
    object.insert("matched_by_content".into(), step.by_content.into());
    object.insert("renumbered".into(), step.renumbered().into());
    object.into()
}

fn post(timeline: &Timeline, life: &Life) -> Value {
    json!({
        "named_in": timeline.releases[life.named_in].as_of,
        "releases": life.moments.iter().zip(&timeline.releases).map(|(moment, release)| {
            let Some(m) = moment else {
                return json!({ "as_of": release.as_of, "present": false });
            };
            let (matched, other_id) = match &m.seen {
                Seen::Named => ("named", None),
                Seen::ById => ("id", None),
                Seen::ByContent { other_id } => ("content", Some(other_id.as_str())),
            };
            json!({
                "as_of": release.as_of,
                "present": true,
                "id": m.id,
                "title": m.title,
                "holder": holder_value(&m.holder),
                "manager": m.manager.as_ref().map(|(id, title)| json!({"id": id, "title": title})),
                "grade": m.grade,
                "cost": m.cost.map(cost_value),
                "reports": m.reports,
                "team": m.team,
                "matched": matched,
                "other_id": other_id,
            })
        }).collect::<Vec<_>>(),
    })
}
