//! The recovery journal (to come).
