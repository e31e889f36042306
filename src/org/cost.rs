//! A yearly cost: one figure, or a range where the data gives a pay band (a published
//! organogram's pay floor and ceiling). Roll-ups add ranges end by end, a figure adding to
//! both ends.

use std::num::NonZeroU64;
use std::ops::Add;

/// A cost from `low` to `high`; one figure when they are equal. Both ends are finite and at
/// least 0, and `low` is never above `high`.
///
/// The high end is kept as the complement of its bits, which is never zero for a finite
/// number: `Option<Cost>` then takes no more room than `Cost`, 16 bytes, which keeps a
/// post within the memory budget of a million posts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    low: u64,
    high: NonZeroU64,
}

impl Cost {
    /// One figure.
    #[must_use]
    pub fn one(figure: f64) -> Self {
        Self::ends(figure, figure)
    }

    fn ends(low: f64, high: f64) -> Self {
        Self {
            low: low.to_bits(),
            // Zero only for one NaN, which no cost is; kept a NaN if it ever were.
            high: NonZeroU64::new(!high.to_bits()).unwrap_or(NonZeroU64::MIN),
        }
    }

    /// The range from `low` to `high` (one figure when they are equal), or `None` when
    /// `low` is above `high`, either is negative, or either is not a finite number.
    #[must_use]
    pub fn range(low: f64, high: f64) -> Option<Self> {
        let valid = |end: f64| end.is_finite() && end >= 0.0;
        // -0.0 and 0.0 are one figure.
        let (low, high) = (low + 0.0, high + 0.0);
        (valid(low) && valid(high) && low <= high).then(|| Self::ends(low, high))
    }

    #[must_use]
    pub fn low(self) -> f64 {
        f64::from_bits(self.low)
    }

    #[must_use]
    pub fn high(self) -> f64 {
        f64::from_bits(!self.high.get())
    }

    /// The figure, when the cost is one figure rather than a range.
    #[must_use]
    pub fn figure(self) -> Option<f64> {
        (self.low == !self.high.get()).then(|| self.low())
    }

    #[must_use]
    pub fn is_range(self) -> bool {
        self.figure().is_none()
    }
}

impl Add for Cost {
    type Output = Cost;

    fn add(self, other: Cost) -> Cost {
        Cost::ends(self.low() + other.low(), self.high() + other.high())
    }
}

impl std::fmt::Debug for Cost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.figure() {
            Some(one) => write!(f, "Cost({one})"),
            None => write!(f, "Cost({}..={})", self.low(), self.high()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_add_end_by_end_and_a_figure_adds_to_both_ends() {
        let band = Cost::range(120_000.0, 145_000.0).unwrap();
        let sum = band + Cost::one(30_000.0) + band;
        assert_eq!((sum.low(), sum.high()), (270_000.0, 320_000.0));
        assert!(sum.is_range());
        assert_eq!((Cost::one(5.0) + Cost::one(7.0)).figure(), Some(12.0));
    }

    #[test]
    fn a_range_whose_ends_are_equal_is_one_figure_and_a_reversed_one_is_none() {
        assert_eq!(Cost::range(90_000.0, 90_000.0), Some(Cost::one(90_000.0)));
        assert_eq!(
            Cost::range(90_000.0, 90_000.0).unwrap().figure(),
            Some(90_000.0)
        );
        assert_eq!(Cost::range(2.0, 1.0), None);
        assert_eq!(Cost::range(-1.0, 1.0), None);
        assert_eq!(Cost::range(0.0, f64::INFINITY), None);
        assert_eq!(Cost::range(f64::NAN, 1.0), None);
        assert_eq!(Cost::range(-0.0, 0.0).unwrap().figure(), Some(0.0));
    }

    #[test]
    fn a_cost_or_none_takes_two_numbers_of_room() {
        assert_eq!(size_of::<Option<Cost>>(), 16);
        let band = Cost::range(0.1, f64::MAX).unwrap();
        assert_eq!((band.low(), band.high()), (0.1, f64::MAX));
    }
}
