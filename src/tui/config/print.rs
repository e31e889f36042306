//! `orgtree config`: the configuration in force, written as a configuration file that reads
//! back the same, with a comment on each setting.

use std::io::{self, Write};

use super::Config;
use crate::tui::keys::names::action_name;
use crate::tui::keys::{Key, Section, label};

/// Writes `config` to `out` as TOML, every setting and every key, with comments.
pub fn write(out: &mut impl Write, config: &Config) -> io::Result<()> {
    match (&config.path, config.found) {
        (Some(path), true) => writeln!(out, "# orgtree configuration, read from {}", shown(path))?,
        (Some(path), false) => writeln!(
            out,
            "# orgtree configuration: the defaults. To change them, write the file\n# {}",
            shown(path)
        )?,
        (None, _) => writeln!(
            out,
            "# orgtree configuration: the defaults (no file read: --no-config, or neither XDG_CONFIG_HOME nor HOME is set)"
        )?,
    }
    writeln!(
        out,
        "# Every setting as orgtree uses it now; a file needs only those it changes."
    )?;
    if !config.problems.is_empty() {
        writeln!(
            out,
            "# {} setting{} of the file ignored: see the warnings.",
            config.problems.len(),
            if config.problems.len() == 1 { "" } else { "s" }
        )?;
    }
    for note in &config.notes {
        writeln!(out, "# {note}")?;
    }
    writeln!(out)?;
    let setting = |name: &str, value: String, about: &str| {
        format!("{:<20} # {about}", format!("{name} = {value}"))
    };
    writeln!(
        out,
        "{}",
        setting(
            "ascii",
            config.ascii.to_string(),
            "draw with ASCII characters, as --ascii does"
        )
    )?;
    writeln!(
        out,
        "{}",
        setting(
            "mouse",
            config.mouse.to_string(),
            "clicks and the wheel, as --mouse does"
        )
    )?;
    writeln!(
        out,
        "{}",
        setting(
            "theme",
            quoted(config.theme.name()),
            "\"dark\", \"light\" or \"plain\" (no colour); NO_COLOR set wins"
        )
    )?;
    writeln!(
        out,
        "{}",
        setting(
            "read-only",
            config.read_only.to_string(),
            "browsing never starts a what-if (orgtree edit still edits)"
        )
    )?;
    for section in Section::ALL {
        writeln!(out)?;
        writeln!(out, "# {}", section.about())?;
        writeln!(out, "[keys.{}]", section.name())?;
        for bound in config.keymap.section(section) {
            let help = bound.binding.help;
            if bound
                .keys
                .iter()
                .any(|k| matches!(k, Key::Digits | Key::Text))
            {
                let keys: Vec<String> = bound.keys.iter().map(|&k| label(k, true)).collect();
                writeln!(out, "# {}: {help} (cannot be changed)", keys.join(" "))?;
                continue;
            }
            let keys: Vec<String> = bound
                .keys
                .iter()
                .map(|&k| quoted(&label(k, true)))
                .collect();
            let line = format!("{} = [{}]", action_name(bound.action()), keys.join(", "));
            writeln!(out, "{line:<40} # {help}")?;
        }
    }
    Ok(())
}

/// `text` as a TOML basic string. JSON's string escapes (`\"`, `\\`, `\n`, `\u0001`) are all
/// TOML's too.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

fn shown(path: &std::path::Path) -> String {
    crate::text::Escaped(&path.display().to_string()).to_string()
}
