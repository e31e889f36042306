//! The built-in demo chart, shown by `orgtree` with no file: a real structure from the
//! fixtures, compiled into the binary.

use crate::read::{LoadError, LoadOptions, Loaded, load_str};

/// The name shown for the demo wherever a file name would be.
pub const NAME: &str = "(built-in demo: Cabinet Office after the CDO post)";

/// The demo chart's JSON text.
pub const JSON: &str = include_str!("../fixtures/cabinet-office-after-cdo.json");

/// Loads the demo chart.
pub fn load() -> Result<Loaded, LoadError> {
    load_str(JSON, LoadOptions::default())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_chart_loads_without_warnings() {
        let loaded = super::load().unwrap();
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert!(loaded.org.len() > 10);
    }
}
