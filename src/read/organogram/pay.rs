//! Pay read as cost: a senior post's actual pay floor and ceiling give its cost range, and
//! a junior staff group's payscale minimum and maximum, times its FTE, give the group's.

use serde_json::Value;

use super::columns::key;
use crate::org::{Cost, Extra};

/// The senior file's pay band of a post, as [`key`] writes the headers.
pub(super) const SENIOR: (&str, &str) = ("actualpayfloor", "actualpayceiling");
/// The junior file's pay band of one full-time post of a group.
pub(super) const JUNIOR: (&str, &str) = ("payscaleminimum", "payscalemaximum");

/// The cost range the kept columns `fields` give through the pay band `band`, times
/// `fte`; the two amounts are taken out of `fields`, which then hold them once, as the
/// cost. When either end is not a number (blank, `N/D`, text) or the floor is above the
/// ceiling, there is no cost and the columns stay as they were.
pub(super) fn take_cost(fields: &mut Extra, band: (&str, &str), fte: f64) -> Option<Cost> {
    let find = |wanted: &str| fields.iter().position(|(name, _)| key(name) == wanted);
    let (low_at, high_at) = (find(band.0)?, find(band.1)?);
    let amount = |at: usize| match &fields[at].1 {
        Value::Number(number) => number.as_f64(),
        _ => None,
    };
    let cost = Cost::range(amount(low_at)? * fte, amount(high_at)? * fte)?;
    // The later one first, so that the earlier one's place stands.
    fields.remove(low_at.max(high_at));
    fields.remove(low_at.min(high_at));
    Some(cost)
}

/// Adds a job share row's pay band (`theirs`) to the post's (`mine`), where both give both
/// ends as numbers: each holder is paid their own share, so the post's band is the sum.
/// The row's amounts are then taken out of `theirs`; otherwise both are left as they are,
/// to be joined as text (and the post then has no cost).
pub(super) fn add_band(mine: &mut Extra, theirs: &mut Extra, band: (&str, &str)) {
    let ends = |fields: &Extra| -> Option<[(usize, f64); 2]> {
        let end = |wanted: &str| {
            let at = fields.iter().position(|(name, _)| key(name) == wanted)?;
            fields[at].1.as_f64().map(|amount| (at, amount))
        };
        Some([end(band.0)?, end(band.1)?])
    };
    let (Some(mine_ends), Some(their_ends)) = (ends(mine), ends(theirs)) else {
        return;
    };
    for ((at, amount), (_, more)) in mine_ends.into_iter().zip(their_ends) {
        mine[at].1 = crate::org::save::number_value(amount + more);
    }
    let [(low, _), (high, _)] = their_ends;
    theirs.remove(low.max(high));
    theirs.remove(low.min(high));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::Text;

    fn fields(members: &[(&str, Value)]) -> Extra {
        members
            .iter()
            .map(|(name, value)| (Text::from(*name), value.clone()))
            .collect()
    }

    #[test]
    fn a_pay_band_becomes_the_cost_and_leaves_the_other_columns() {
        let mut kept = fields(&[
            ("Actual Pay Floor (£)", Value::from(65_000)),
            ("Parent Department", Value::from("Home Office")),
            ("Actual Pay Ceiling (£)", Value::from(69_999)),
        ]);
        let cost = take_cost(&mut kept, SENIOR, 1.0).unwrap();
        assert_eq!((cost.low(), cost.high()), (65_000.0, 69_999.0));
        assert_eq!(
            kept,
            fields(&[("Parent Department", Value::from("Home Office"))])
        );
    }

    #[test]
    fn a_junior_band_is_for_one_full_time_post_and_counts_the_group_fte() {
        let mut kept = fields(&[
            ("Payscale Minimum (£)", Value::from(20_000)),
            ("Payscale Maximum (£)", Value::from(25_000)),
        ]);
        let cost = take_cost(&mut kept, JUNIOR, 2.5).unwrap();
        assert_eq!((cost.low(), cost.high()), (50_000.0, 62_500.0));
        assert!(kept.is_empty());
    }

    #[test]
    fn no_cost_without_both_ends_as_numbers_and_the_columns_are_kept() {
        for members in [
            vec![
                ("Actual Pay Floor (£)", Value::from("N/D")),
                ("Actual Pay Ceiling (£)", Value::from(1)),
            ],
            vec![("Actual Pay Floor (£)", Value::from(5))],
            vec![
                ("Actual Pay Floor (£)", Value::from(9)),
                ("Actual Pay Ceiling (£)", Value::from(5)),
            ],
        ] {
            let mut kept = fields(&members);
            assert_eq!(take_cost(&mut kept, SENIOR, 1.0), None, "{members:?}");
            assert_eq!(kept, fields(&members));
        }
    }
}
