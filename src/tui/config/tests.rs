use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::tui::action::Action;
use crate::tui::keys::{Key, Mode, Section};

fn parsed(text: &str) -> Config {
    Config::parse(
        text,
        Some(PathBuf::from("/home/a/.config/orgtree/config.toml")),
    )
}

fn press(config: &Config, mode: Mode, c: char) -> Option<Action> {
    config
        .keymap
        .action(mode, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn lines_of(config: &Config) -> Vec<usize> {
    config.problems.iter().map(|p| p.line).collect()
}

#[test]
fn settings_are_read() {
    let config = parsed("ascii = true\nmouse = true\ntheme = \"light\"\nread-only = true\n");
    assert!(config.problems.is_empty(), "{:?}", config.problems);
    assert!(config.ascii && config.mouse && config.read_only);
    assert_eq!(config.theme, ThemeChoice::Light);
}

#[test]
fn swapping_j_and_k_moves_the_other_way_and_takes_nothing_else() {
    let config = parsed("[keys.browse]\ndown = [\"k\", \"Down\"]\nup = [\"j\", \"Up\"]\n");
    assert!(config.problems.is_empty(), "{:?}", config.problems);
    assert_eq!(press(&config, Mode::Browse, 'k'), Some(Action::Down));
    assert_eq!(press(&config, Mode::Browse, 'j'), Some(Action::Up));
    // Every screen built on browsing follows.
    assert_eq!(press(&config, Mode::Compare, 'k'), Some(Action::Down));
    assert_eq!(press(&config, Mode::Edit, 'j'), Some(Action::Up));
    // The details keep their own table.
    assert_eq!(press(&config, Mode::Details, 'j'), Some(Action::Down));
}

#[test]
fn a_key_given_to_one_action_is_taken_from_another_and_noted() {
    let config = parsed("[keys.browse]\ndown = \"n\"\n");
    assert!(config.problems.is_empty(), "{:?}", config.problems);
    assert_eq!(press(&config, Mode::Browse, 'n'), Some(Action::Down));
    assert_eq!(press(&config, Mode::Browse, 'j'), None);
    assert_eq!(
        config.notes,
        vec!["n does down now, no longer keys.browse.next-match".to_owned()]
    );
    // Taken on the compare screen too, where browsing's keys work.
    assert_eq!(press(&config, Mode::Compare, 'n'), Some(Action::Down));
}

#[test]
fn an_edit_key_given_a_browsing_key_takes_it_on_both_screens() {
    let config = parsed("[keys.edit]\ncut = \"j\"\n");
    assert_eq!(press(&config, Mode::Browse, 'j'), Some(Action::Cut));
    assert_eq!(press(&config, Mode::Edit, 'j'), Some(Action::Cut));
    assert_eq!(press(&config, Mode::Edit, 'x'), None);
    assert!(
        config.notes[0].contains("keys.browse.down"),
        "{:?}",
        config.notes
    );
}

#[test]
fn two_actions_given_one_key_keep_it_for_the_first() {
    let config = parsed("[keys.browse]\ndown = \"n\"\nup = \"n\"\n");
    assert_eq!(press(&config, Mode::Browse, 'n'), Some(Action::Down));
    assert_eq!(lines_of(&config), vec![3]);
    assert!(
        config.problems[0]
            .message
            .contains("given to keys.browse.down too")
    );
}

#[test]
fn quit_keeps_ctrl_c_and_no_other_action_may_take_it() {
    let config = parsed("[keys.browse]\nquit = \"Q\"\nhelp = \"Ctrl-c\"\n");
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(
        config.keymap.action(Mode::Browse, ctrl_c),
        Some(Action::Quit)
    );
    assert_eq!(press(&config, Mode::Browse, 'Q'), Some(Action::Quit));
    assert_eq!(press(&config, Mode::Browse, 'q'), None);
    assert_eq!(lines_of(&config), vec![3]);
    assert!(config.problems[0].message.contains("Ctrl-c always quits"));
    assert_eq!(press(&config, Mode::Browse, '?'), Some(Action::Help));
}

#[test]
fn each_wrong_setting_is_reported_at_its_line_and_the_rest_apply() {
    let text = "\
ascii = \"yes\"
theme = \"solarized\"
colour = true
read-only = true

[keys.browse]
down = \"n\"
dwn = \"j\"
up = [\"k\", \"Hyper-k\"]
unfold-to-layer = \"x\"
top = 3

[keys.nowhere]
down = \"j\"
";
    let config = parsed(text);
    assert_eq!(lines_of(&config), vec![1, 2, 3, 8, 9, 10, 11, 13]);
    assert!(config.read_only);
    assert!(!config.ascii);
    assert_eq!(config.theme, ThemeChoice::Dark);
    assert_eq!(press(&config, Mode::Browse, 'n'), Some(Action::Down));
    // The line of `up` was refused whole: k still moves up.
    assert_eq!(press(&config, Mode::Browse, 'k'), Some(Action::Up));
    let warnings = config.warnings();
    assert!(
        warnings[0].starts_with(
            "/home/a/.config/orgtree/config.toml:1:9: warning: ascii is true or false"
        ),
        "{warnings:?}"
    );
    assert!(warnings[3].contains("no action 'dwn' here"), "{warnings:?}");
    assert!(
        warnings[4].contains("\"Hyper-k\" is not a key"),
        "{warnings:?}"
    );
    assert!(warnings[5].contains("cannot be changed"), "{warnings:?}");
    assert!(
        warnings[7].contains("unknown key section 'nowhere'"),
        "{warnings:?}"
    );
}

#[test]
fn a_file_that_is_not_toml_is_ignored_with_the_line_of_the_fault() {
    let config = parsed("ascii = true\n[keys.browse\ndown = \"n\"\n");
    assert_eq!(lines_of(&config), vec![2]);
    assert!(config.problems[0].message.contains("whole file is ignored"));
    assert!(!config.ascii);
    assert_eq!(press(&config, Mode::Browse, 'j'), Some(Action::Down));
}

#[test]
fn hostile_text_in_a_setting_name_is_escaped() {
    let config = parsed("\"\\u001b[2Jx\" = 1\n");
    let warnings = config.warnings();
    assert!(!warnings[0].contains('\u{1b}'), "{warnings:?}");
}

/// The keymap's keys, every section, for comparing two configurations.
fn all_keys(config: &Config) -> Vec<Vec<Key>> {
    Section::ALL
        .iter()
        .flat_map(|&s| {
            config
                .keymap
                .section(s)
                .into_iter()
                .map(|b| b.keys.to_vec())
        })
        .collect()
}

#[test]
fn what_orgtree_config_prints_reads_back_the_same() {
    for text in [
        "",
        "theme = \"plain\"\nascii = true\n[keys.browse]\ndown = [\"n\", \"Down\"]\nup = \"e\"\n[keys.help]\nback = [\"Esc\", \"\\\"\"]\n",
    ] {
        let config = parsed(text);
        let mut printed = Vec::new();
        write(&mut printed, &config).unwrap();
        let printed = String::from_utf8(printed).unwrap();
        let again = parsed(&printed);
        assert!(again.problems.is_empty(), "{:?}\n{printed}", again.problems);
        assert_eq!(all_keys(&again), all_keys(&config), "{printed}");
        assert_eq!(
            (again.ascii, again.mouse, again.theme, again.read_only),
            (config.ascii, config.mouse, config.theme, config.read_only)
        );
    }
}

#[test]
fn the_defaults_print_every_binding_of_every_section() {
    let config = Config::defaults(None);
    let mut printed = Vec::new();
    write(&mut printed, &config).unwrap();
    let printed = String::from_utf8(printed).unwrap();
    for section in Section::ALL {
        assert!(printed.contains(&format!("[keys.{}]", section.name())));
        for bound in config.keymap.section(section) {
            assert!(
                printed.contains(bound.binding.help),
                "{}",
                bound.binding.help
            );
        }
    }
    assert!(printed.contains("down = [\"j\", \"Down\"]"), "{printed}");
}

proptest::proptest! {
    /// Whatever the file holds, reading it gives a configuration and problems that point
    /// into the file: never a panic.
    #[test]
    fn any_text_reads_without_a_panic(
        text in "(ascii|theme|read-only|mouse|keys|browse|down|\\[|\\]|=|\"|j|Ctrl-|\\.|\n| |[a-zé\u{1b}])*",
    ) {
        let config = parsed(&text);
        let lines = text.lines().count().max(1) + 1;
        for problem in &config.problems {
            proptest::prop_assert!(problem.line <= lines, "{problem:?} in {text:?}");
        }
        for warning in config.warnings() {
            proptest::prop_assert!(!warning.contains('\x1b'), "{warning:?}");
        }
    }
}

#[test]
fn a_key_a_family_takes_first_is_refused() {
    // The digits unfold to a layer on the browse screen; a form and a prompt type letters.
    let config = parsed(
        "[keys.browse]\nfocus = \"5\"\n[keys.form]\naccept = \"y\"\n[keys.prompt]\nback = \"Ctrl-g\"\n",
    );
    assert_eq!(lines_of(&config), vec![2, 4]);
    assert!(config.problems[0].message.contains("unfold to that layer"));
    assert!(config.problems[1].message.contains("are typed"));
    assert_eq!(press(&config, Mode::Browse, 'z'), Some(Action::Focus));
    let ctrl_g = KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL);
    assert_eq!(
        config.keymap.action(Mode::Prompt, ctrl_g),
        Some(Action::Back)
    );
}

#[test]
fn invisible_characters_are_not_keys() {
    let config = parsed("[keys.browse]\ndown = \"\\u202e\"\n");
    assert_eq!(lines_of(&config), vec![2]);
    assert!(
        !config.warnings()[0].contains('\u{202e}'),
        "{:?}",
        config.warnings()
    );
}
