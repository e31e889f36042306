//! Writes a generated chart (seed 42) in every format orgtree reads, as the `open`
//! benchmark of `benches/load.rs` does, to time the real program on them:
//! `chart.json`, `people.csv` (an HR export), `chart-senior.csv` and `chart-junior.csv`
//! (the organogram pair), `people.ldif` and, with `--xlsx`, `people.xlsx`.
//!
//! Run: `cargo run --release --example chart_formats -- POSTS FOLDER [--xlsx]`

#[path = "../benches/support/formats.rs"]
mod formats;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(posts), Some(folder)) = (args.first(), args.get(1)) else {
        eprintln!("usage: chart_formats POSTS FOLDER [--xlsx]");
        std::process::exit(2);
    };
    let posts: usize = posts.parse().expect("POSTS is a number");
    let folder = std::path::Path::new(folder);
    std::fs::create_dir_all(folder).expect("the folder can be made");
    let org = orgtree::generate::generate(posts, 42);
    let xlsx = args.iter().any(|a| a == "--xlsx");
    let started = std::time::Instant::now();
    let files = formats::write_all(&org, folder, xlsx);
    eprintln!("written in {:.1?}", started.elapsed());
    for path in [&files.json, &files.hr_csv, &files.organogram, &files.ldif]
        .into_iter()
        .chain(&files.xlsx)
    {
        println!("{}", path.display());
    }
}
