//! Doing an edit: every precondition is checked before the chart changes, so a refused edit
//! leaves it exactly as it was; a done edit gives back the edit that undoes it.

use serde_json::Value;

use super::close::{close, reopen_posts};
use super::find;
use super::read::read_post;
use super::set::{
    ChartValue, chart_value, dotted_targets_exist, kept_value, known_value, put_chart_text,
    put_field, put_known, unknown_field,
};
use super::{Edit, EditError, FieldBack, KnownBack, LineBack, Reports};
use crate::org::{Dotted, Field, Holder, List, NodeIndex, Org, Post, PostId, Shared, Text};

/// Does `edit` to `org` and gives the edit that undoes it, or says why it cannot be done.
pub fn apply(org: &mut Org, edit: &Edit) -> Result<Edit, EditError> {
    apply_with(org, edit, false)
}

/// Whether post `node` keeps a value of the wrong type as written under the name `field`.
pub(super) fn keeps(org: &Org, node: NodeIndex, field: Field) -> bool {
    let name = field.name();
    org.post(node).extra.iter().any(|(key, _)| key == name)
}

/// As [`apply`]; when `lenient`, what a lenient load keeps is kept too: a dotted line to a
/// post that is not in the chart, a value of the wrong type inside a post added, a staff
/// group or a dotted line, and a value kept as written under a field's name (`as_written`).
pub(super) fn apply_with(org: &mut Org, edit: &Edit, lenient: bool) -> Result<Edit, EditError> {
    match edit {
        Edit::Move {
            post,
            under,
            position,
        } => {
            let node = find(org, post)?;
            let manager = under.as_deref().map(|id| find(org, id)).transpose()?;
            if manager.is_some() && keeps(org, node, Field::ReportsTo) {
                return Err(EditError::KeptReportsTo(post.clone()));
            }
            let undo = Edit::Move {
                post: post.clone(),
                under: id_of(org, org.manager(node)),
                position: Some(org.position(node)),
            };
            org.set_manager(node, manager, *position)?;
            Ok(undo)
        }
        Edit::Add {
            under,
            position,
            post,
        } => {
            let post = new_post(org, post, lenient)?;
            let manager = under.as_deref().map(|id| find(org, id)).transpose()?;
            let id = Text::from(post.id().as_str());
            org.insert_post(post, manager, *position)?;
            Ok(Edit::Close {
                post: id,
                reports: Reports::Up,
            })
        }
        Edit::Close { post, reports } => {
            let node = find(org, post)?;
            Ok(Edit::Reopen(Box::new(close(org, node, *reports))))
        }
        Edit::Retitle { post, title } => {
            if title.trim().is_empty() {
                return Err(EditError::EmptyTitle);
            }
            let node = find(org, post)?;
            let back = KnownBack::of(org, node, Field::Title);
            org.post_mut(node).title = Shared::from(title.as_str());
            Ok(Edit::RestoreKnown(Box::new(back)))
        }
        Edit::Holder { post, holder } => {
            let node = find(org, post)?;
            let mut back = KnownBack::of(org, node, Field::Holder);
            // A blank name is no one, as a chart file reads it.
            org.post_mut(node).holder = match holder {
                Some(name) if !name.trim().is_empty() => Holder::Named(name.clone()),
                _ => Holder::Vacant,
            };
            // A holder of the wrong type a lenient load kept goes, as with a `set`.
            let name = Field::Holder.name();
            let taken = put_field(&mut org.post_mut(node).extra, name, None, None);
            if taken.is_some() {
                back.kept = Some(taken);
            }
            Ok(Edit::RestoreKnown(Box::new(back)))
        }
        Edit::Set {
            post,
            field,
            value,
            keep_null,
            as_written,
        } => {
            let node = find(org, post)?;
            let Some(known) = Field::named(field) else {
                let new = unknown_field(post, field, value, *keep_null, *as_written)?;
                let was = put_field(&mut org.post_mut(node).extra, field, new, None);
                return Ok(Edit::RestoreField(Box::new(FieldBack {
                    post: post.clone(),
                    field: field.clone(),
                    was,
                })));
            };
            if *as_written {
                let kept = kept_value(org, node, known, value, lenient)?;
                let mut back = KnownBack::of(org, node, known);
                if kept.is_some() {
                    // What a lenient load keeps as written, it does not read as the field.
                    put_known(org, node, known, &Post::new(post.as_str(), ""));
                }
                let kept = kept.map(|value| (Text::from(known.name()), value));
                back.kept = Some(put_field(
                    &mut org.post_mut(node).extra,
                    known.name(),
                    kept,
                    None,
                ));
                return Ok(Edit::RestoreKnown(Box::new(back)));
            }
            if known == Field::ReportsTo {
                return Err(EditError::ManagerBySet);
            }
            let from = known_value(org, post, known, value, lenient)?;
            let mut back = KnownBack::of(org, node, known);
            put_known(org, node, known, &from);
            // A value of the wrong type a lenient load kept under the field's name goes.
            back.kept = Some(put_field(
                &mut org.post_mut(node).extra,
                known.name(),
                None,
                None,
            ));
            Ok(Edit::RestoreKnown(Box::new(back)))
        }
        Edit::RestoreKnown(back) => {
            let node = find(org, &back.post)?;
            let mut undo = KnownBack::of(org, node, back.field);
            put_known(org, node, back.field, &back.was);
            undo.kept = back.kept.as_ref().map(|kept| {
                let name = back.field.name();
                let new = kept
                    .as_ref()
                    .map(|(_, value)| (Text::from(name), value.clone()));
                let at = kept.as_ref().map(|(at, _)| *at);
                put_field(&mut org.post_mut(node).extra, name, new, at)
            });
            Ok(Edit::RestoreKnown(Box::new(undo)))
        }
        Edit::RestoreField(back) => {
            let node = find(org, &back.post)?;
            let (at, new) = match &back.was {
                Some((at, value)) => (Some(*at), Some((back.field.clone(), value.clone()))),
                None => (None, None),
            };
            let was = put_field(&mut org.post_mut(node).extra, &back.field, new, at);
            Ok(Edit::RestoreField(Box::new(FieldBack {
                post: back.post.clone(),
                field: back.field.clone(),
                was,
            })))
        }
        Edit::Dotted { post, to, label } => {
            let node = find(org, post)?;
            if !lenient {
                find(org, to)?;
            }
            if keeps(org, node, Field::Dotted) {
                return Err(EditError::KeptDotted(post.clone()));
            }
            let lines = org.dotted_mut(node);
            lines.push(Dotted {
                to: PostId::new(to.as_str()),
                label: label.clone(),
                extra: List::new(),
            });
            Ok(Edit::RestoreLine(Box::new(LineBack {
                post: post.clone(),
                at: lines.len() - 1,
                line: None,
            })))
        }
        Edit::Undotted { post, to } => {
            let node = find(org, post)?;
            let at = org
                .post(node)
                .dotted
                .iter()
                .position(|line| line.to.as_str() == to.as_str())
                .ok_or_else(|| EditError::NoDottedLine {
                    post: post.clone(),
                    to: to.clone(),
                })?;
            let line = org.dotted_mut(node).remove(at);
            Ok(Edit::RestoreLine(Box::new(LineBack {
                post: post.clone(),
                at,
                line: Some(line),
            })))
        }
        Edit::RestoreLine(back) => {
            let node = find(org, &back.post)?;
            let lines = org.dotted_mut(node);
            let line = match &back.line {
                Some(line) => {
                    lines.insert(back.at.min(lines.len()), line.clone());
                    None
                }
                None if back.at < lines.len() => Some(lines.remove(back.at)),
                None => {
                    return Err(EditError::NoDottedLine {
                        post: back.post.clone(),
                        to: Text::default(),
                    });
                }
            };
            Ok(Edit::RestoreLine(Box::new(LineBack {
                post: back.post.clone(),
                at: back.at,
                line,
            })))
        }
        Edit::Chart {
            field,
            value,
            keep_null,
            as_written,
        } => {
            let new = chart_value(field, value, *keep_null, *as_written, lenient)?;
            let old = org.meta.clone();
            match new {
                ChartValue::Known(known, text) => {
                    put_chart_text(&mut org.meta, known, text);
                    // A value of the wrong type a lenient load kept under the name goes.
                    put_field(&mut org.meta.extra, field, None, None);
                }
                ChartValue::AsWritten(known, kept) => {
                    if kept.is_some() {
                        put_chart_text(&mut org.meta, known, None);
                    }
                    put_field(&mut org.meta.extra, field, kept, None);
                }
                ChartValue::Unknown(new) => {
                    put_field(&mut org.meta.extra, field, new, None);
                }
            }
            Ok(Edit::RestoreChart(Box::new(old)))
        }
        Edit::RestoreChart(meta) => {
            let old = std::mem::replace(&mut org.meta, (**meta).clone());
            Ok(Edit::RestoreChart(Box::new(old)))
        }
        Edit::Reopen(reopen) => reopen_posts(org, reopen),
    }
}

fn id_of(org: &Org, node: Option<NodeIndex>) -> Option<Text> {
    node.map(|n| Text::from(org.post(n).id().as_str()))
}

/// The post an `add` gives, checked: an object as a chart file holds it, with a new id and
/// dotted lines to posts of the chart (read as a lenient load reads it when `lenient`). A
/// `reports_to` in it is refused, as the edit says where the post goes.
fn new_post(org: &Org, value: &Value, lenient: bool) -> Result<Post, EditError> {
    if value.get("reports_to").is_some_and(|v| !v.is_null()) {
        return Err(EditError::ManagerBySet);
    }
    if value
        .get("id")
        .and_then(Value::as_str)
        .is_some_and(str::is_empty)
    {
        return Err(EditError::EmptyId);
    }
    let mut value = value.clone();
    if let Some(object) = value.as_object_mut() {
        object.shift_remove("reports_to");
    }
    let post = read_post(&value, lenient).map_err(EditError::Invalid)?;
    if org.find(post.id().as_str()).is_some() {
        return Err(crate::org::OrgError::DuplicateId(post.id().clone()).into());
    }
    dotted_targets_exist(org, &post, lenient)?;
    Ok(post)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::org::{OrgError, save};
    use crate::read::{LoadOptions, load_str};

    /// ```text
    /// ceo (Ann)           board  ..> dev, ceo, ops, cfo
    /// ├── cto
    /// │   ├── dev
    /// │   └── ops  ..> cfo
    /// └── cfo
    /// ```
    const CHART: &str = r#"{"name": "Test", "posts": [
        {"id": "ceo", "title": "Chief Executive", "holder": "Ann"},
        {"id": "cto", "title": "CTO", "reports_to": "ceo"},
        {"id": "dev", "title": "Developer", "reports_to": "cto"},
        {"id": "ops", "title": "Operations", "reports_to": "cto", "dotted": [{"to": "cfo"}]},
        {"id": "cfo", "title": "CFO", "reports_to": "ceo", "x_code": 7},
        {"id": "board", "title": "Board",
         "dotted": [{"to": "dev"}, {"to": "ceo"}, {"to": "ops"}, {"to": "cfo"}]}
    ]}"#;

    fn chart() -> Org {
        let loaded = load_str(CHART, LoadOptions::default()).expect("the test chart loads");
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        loaded.org
    }

    fn node(org: &Org, id: &str) -> NodeIndex {
        org.find(id).unwrap_or_else(|| panic!("no post {id}"))
    }

    fn post<'o>(org: &'o Org, id: &str) -> &'o Post {
        org.post(node(org, id))
    }

    fn ids(org: &Org, nodes: &[NodeIndex]) -> Vec<String> {
        nodes
            .iter()
            .map(|&n| org.post(n).id().as_str().to_owned())
            .collect()
    }

    fn reports(org: &Org, id: &str) -> Vec<String> {
        ids(org, org.reports(node(org, id)))
    }

    fn manager(org: &Org, id: &str) -> Option<String> {
        org.manager(node(org, id))
            .map(|m| org.post(m).id().as_str().to_owned())
    }

    fn dotted(org: &Org, id: &str) -> Vec<(String, Option<String>)> {
        post(org, id)
            .dotted
            .iter()
            .map(|line| {
                (
                    line.to.as_str().to_owned(),
                    line.label.as_deref().map(str::to_owned),
                )
            })
            .collect()
    }

    /// Where the dotted lines of a post go.
    fn lines(org: &Org, id: &str) -> Vec<String> {
        dotted(org, id).into_iter().map(|(to, _)| to).collect()
    }

    /// Does `edit` to the test chart, checks that the edit it gives back undoes it exactly,
    /// and gives the chart as the edit left it.
    fn done(edit: &Edit) -> Org {
        let start = chart();
        let mut org = start.clone();
        let undo = apply(&mut org, edit).unwrap_or_else(|e| panic!("{edit:?}: {e}"));
        let after = org.clone();
        assert!(after != start, "{edit:?} changed nothing");
        apply(&mut org, &undo).unwrap_or_else(|e| panic!("undo of {edit:?}: {e}"));
        assert!(org == start, "{undo:?} did not undo {edit:?}");
        assert_eq!(save::to_json(&org), save::to_json(&start), "{edit:?}");
        after
    }

    /// Checks that `edit` is refused with `error` and leaves the test chart as it was.
    fn refused(edit: &Edit, error: &EditError) {
        let start = chart();
        let mut org = start.clone();
        assert_eq!(apply(&mut org, edit).as_ref(), Err(error), "{edit:?}");
        assert!(org == start, "{edit:?} was refused but changed the chart");
        assert_eq!(save::to_json(&org), save::to_json(&start), "{edit:?}");
    }

    fn move_to(post: &str, under: Option<&str>, position: Option<usize>) -> Edit {
        Edit::Move {
            post: post.into(),
            under: under.map(Text::from),
            position,
        }
    }

    #[test]
    fn a_move_takes_the_team_along_and_its_undo_puts_it_back_in_its_place() {
        let org = done(&move_to("cto", Some("cfo"), None));
        assert_eq!(manager(&org, "cto").as_deref(), Some("cfo"));
        assert_eq!(reports(&org, "ceo"), ["cfo"]);
        assert_eq!(reports(&org, "cfo"), ["cto"]);
        assert_eq!(reports(&org, "cto"), ["dev", "ops"]);

        // The first of two reports, so its undo must put it first again.
        let org = done(&move_to("dev", None, Some(0)));
        assert_eq!(ids(&org, org.tops()), ["dev", "ceo", "board"]);
        assert_eq!(manager(&org, "dev"), None);
        assert_eq!(reports(&org, "cto"), ["ops"]);
    }

    #[test]
    fn an_add_places_a_new_post_and_its_undo_closes_it() {
        let org = done(&Edit::Add {
            under: Some("cto".into()),
            position: Some(1),
            post: json!({"id": "sec", "title": "Security", "dotted": [{"to": "cfo"}]}),
        });
        assert_eq!(org.len(), 7);
        assert_eq!(reports(&org, "cto"), ["dev", "sec", "ops"]);
        assert_eq!(&*post(&org, "sec").title, "Security");
        assert_eq!(dotted(&org, "sec"), [("cfo".to_owned(), None)]);
    }

    #[test]
    fn a_close_moves_the_reports_up_or_closes_the_team_and_its_undo_reopens_it() {
        let close = |post: &str, reports: Reports| Edit::Close {
            post: post.into(),
            reports,
        };
        // The reports take the closed post's place under its manager.
        let org = done(&close("cto", Reports::Up));
        assert_eq!(org.len(), 5);
        assert_eq!(reports(&org, "ceo"), ["dev", "ops", "cfo"]);
        assert_eq!(manager(&org, "ops").as_deref(), Some("ceo"));

        let org = done(&close("cto", Reports::Close));
        assert_eq!(org.len(), 3);
        assert_eq!(reports(&org, "ceo"), ["cfo"]);
        assert!(org.find("dev").is_none() && org.find("ops").is_none());
        // Two of board's four lines go; the undo puts each back where it was.
        assert_eq!(lines(&org, "board"), ["ceo", "cfo"]);

        // The dotted line to a closed post goes with it, and comes back with the undo.
        let org = done(&close("cfo", Reports::Up));
        assert!(org.find("cfo").is_none());
        assert_eq!(dotted(&org, "ops"), []);
        assert_eq!(lines(&org, "board"), ["dev", "ceo", "ops"]);
    }

    #[test]
    fn retitle_holder_and_set_change_one_post_and_their_undo_restores_it() {
        let org = done(&Edit::Retitle {
            post: "cto".into(),
            title: "Chief Technology Officer".into(),
        });
        assert_eq!(&*post(&org, "cto").title, "Chief Technology Officer");

        let org = done(&Edit::Holder {
            post: "cto".into(),
            holder: Some("Bob".into()),
        });
        assert_eq!(post(&org, "cto").holder.name(), Some("Bob"));
        // A blank name is no one: the post is vacated.
        for holder in [None, Some("  ".into())] {
            let org = done(&Edit::Holder {
                post: "ceo".into(),
                holder,
            });
            assert!(post(&org, "ceo").is_vacant());
        }

        let set = |field: &str, value| Edit::Set {
            post: "cfo".into(),
            field: field.into(),
            value,
            keep_null: false,
            as_written: false,
        };
        let org = done(&set("grade", json!("SCS2")));
        assert_eq!(post(&org, "cfo").grade.as_deref(), Some("SCS2"));
        let org = done(&set("x_code", json!(8)));
        assert_eq!(
            post(&org, "cfo").extra.to_vec(),
            [("x_code".into(), json!(8))]
        );
        let org = done(&set("x_code", json!(null)));
        assert!(post(&org, "cfo").extra.is_empty());
    }

    #[test]
    fn a_dotted_line_is_added_or_taken_away_and_its_undo_restores_the_lines() {
        let org = done(&Edit::Dotted {
            post: "board".into(),
            to: "ceo".into(),
            label: Some("oversight".into()),
        });
        assert_eq!(lines(&org, "board"), ["dev", "ceo", "ops", "cfo", "ceo"]);
        assert_eq!(
            dotted(&org, "board")[4],
            ("ceo".to_owned(), Some("oversight".to_owned()))
        );

        let org = done(&Edit::Undotted {
            post: "ops".into(),
            to: "cfo".into(),
        });
        assert_eq!(dotted(&org, "ops"), []);
        let org = done(&Edit::Undotted {
            post: "board".into(),
            to: "ops".into(),
        });
        assert_eq!(lines(&org, "board"), ["dev", "ceo", "cfo"]);
    }

    #[test]
    fn a_chart_edit_changes_the_description_and_its_undo_restores_it() {
        let chart_field = |field: &str, value| Edit::Chart {
            field: field.into(),
            value,
            keep_null: false,
            as_written: false,
        };
        let org = done(&chart_field("name", json!("Renamed")));
        assert_eq!(org.meta.name.as_deref(), Some("Renamed"));
        let org = done(&chart_field("name", json!(null)));
        assert_eq!(org.meta.name, None);
        let org = done(&chart_field("x_year", json!(2025)));
        assert_eq!(org.meta.extra.to_vec(), [("x_year".into(), json!(2025))]);
    }

    #[test]
    fn a_refused_edit_leaves_the_chart_as_it_was() {
        let unknown = |id: &str| EditError::UnknownPost(id.into());
        refused(&move_to("nobody", None, None), &unknown("nobody"));
        refused(&move_to("dev", Some("nobody"), None), &unknown("nobody"));
        refused(
            &Edit::Retitle {
                post: "cto".into(),
                title: " ".into(),
            },
            &EditError::EmptyTitle,
        );
        refused(
            &Edit::Add {
                under: Some("ceo".into()),
                position: None,
                post: json!({"id": "cto", "title": "Second CTO"}),
            },
            &EditError::Org(OrgError::DuplicateId(PostId::new("cto"))),
        );
        refused(
            &Edit::Add {
                under: Some("nobody".into()),
                position: None,
                post: json!({"id": "new", "title": "New"}),
            },
            &unknown("nobody"),
        );
        let set = |field: &str| Edit::Set {
            post: "cto".into(),
            field: field.into(),
            value: json!("x"),
            keep_null: false,
            as_written: false,
        };
        refused(&set("id"), &EditError::FixedId);
        refused(&set("reports_to"), &EditError::ManagerBySet);
        refused(
            &Edit::Dotted {
                post: "dev".into(),
                to: "nobody".into(),
                label: None,
            },
            &unknown("nobody"),
        );
        refused(
            &Edit::Undotted {
                post: "dev".into(),
                to: "cfo".into(),
            },
            &EditError::NoDottedLine {
                post: "dev".into(),
                to: "cfo".into(),
            },
        );
        refused(
            &Edit::Chart {
                field: "posts".into(),
                value: json!([]),
                keep_null: false,
                as_written: false,
            },
            &EditError::FixedChartField("posts".into()),
        );
    }

    #[test]
    fn moving_a_post_under_its_own_team_is_refused() {
        let into_own_team = |post: &str, manager: &str| {
            EditError::Org(OrgError::IntoOwnTeam {
                post: PostId::new(post),
                manager: PostId::new(manager),
            })
        };
        refused(
            &move_to("cto", Some("ops"), None),
            &into_own_team("cto", "ops"),
        );
        refused(
            &move_to("ceo", Some("dev"), Some(0)),
            &into_own_team("ceo", "dev"),
        );
        refused(
            &move_to("cto", Some("cto"), None),
            &into_own_team("cto", "cto"),
        );
    }
}
