//! Where recovery journals are kept: `$XDG_STATE_HOME/orgtree`, else
//! `~/.local/state/orgtree`, as the XDG base directory specification says (a relative
//! `XDG_STATE_HOME` is not valid and is ignored); or why there is no such place.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::text::Escaped;

/// The folder of journals, from the environment; why there is none, when there is none.
pub fn folder() -> Result<PathBuf, String> {
    folder_from(
        std::env::var_os("XDG_STATE_HOME").as_deref(),
        std::env::var_os("HOME").as_deref(),
    )
}

/// The folder of journals for these values of `XDG_STATE_HOME` and `HOME`.
pub fn folder_from(state_home: Option<&OsStr>, home: Option<&OsStr>) -> Result<PathBuf, String> {
    let state_home = state_home.filter(|value| !value.is_empty()).map(Path::new);
    let home = home.filter(|value| !value.is_empty()).map(Path::new);
    if let Some(state) = state_home.filter(|state| state.is_absolute()) {
        if state.exists() && !state.is_dir() {
            return Err(format!("XDG_STATE_HOME is not a folder: {}", shown(state)));
        }
        return Ok(state.join("orgtree"));
    }
    if let Some(home) = home.filter(|home| home.is_absolute()) {
        return Ok(home.join(".local").join("state").join("orgtree"));
    }
    Err(match (state_home, home) {
        (None, None) => "neither XDG_STATE_HOME nor HOME is set".to_owned(),
        (Some(_), None) => "XDG_STATE_HOME is a relative path and HOME is not set".to_owned(),
        (None, Some(_)) => "XDG_STATE_HOME is not set and HOME is a relative path".to_owned(),
        (Some(_), Some(_)) => "XDG_STATE_HOME and HOME are relative paths".to_owned(),
    })
}

fn shown(path: &Path) -> String {
    Escaped(&path.to_string_lossy()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(text: &str) -> &OsStr {
        OsStr::new(text)
    }

    #[test]
    fn an_absolute_state_home_is_used_and_home_is_the_fallback() {
        assert_eq!(
            folder_from(Some(os("/state")), Some(os("/home/ann"))),
            Ok(PathBuf::from("/state/orgtree"))
        );
        assert_eq!(
            folder_from(None, Some(os("/home/ann"))),
            Ok(PathBuf::from("/home/ann/.local/state/orgtree"))
        );
    }

    #[test]
    fn a_relative_or_empty_state_home_is_ignored() {
        for state in ["state", "./state", ""] {
            assert_eq!(
                folder_from(Some(os(state)), Some(os("/home/ann"))),
                Ok(PathBuf::from("/home/ann/.local/state/orgtree")),
                "XDG_STATE_HOME={state:?}"
            );
        }
    }

    #[test]
    fn with_no_usable_place_the_reason_names_both_variables() {
        let cases = [
            (None, None, "neither XDG_STATE_HOME nor HOME is set"),
            (
                Some(os("")),
                Some(os("")),
                "neither XDG_STATE_HOME nor HOME is set",
            ),
            (
                Some(os("state")),
                None,
                "XDG_STATE_HOME is a relative path and HOME is not set",
            ),
            (
                None,
                Some(os("home")),
                "XDG_STATE_HOME is not set and HOME is a relative path",
            ),
            (
                Some(os("state")),
                Some(os("home")),
                "XDG_STATE_HOME and HOME are relative paths",
            ),
        ];
        for (state, home, reason) in cases {
            assert_eq!(
                folder_from(state, home),
                Err(reason.to_owned()),
                "{state:?} {home:?}"
            );
        }
    }

    #[test]
    fn a_state_home_that_is_a_file_is_named() {
        let file = tempfile::NamedTempFile::new().unwrap();
        let error = folder_from(Some(file.path().as_os_str()), Some(os("/home/ann"))).unwrap_err();
        assert_eq!(
            error,
            format!("XDG_STATE_HOME is not a folder: {}", file.path().display())
        );
    }
}
