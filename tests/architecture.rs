//! ARCHITECTURE.md held to the code, in the manner of rust-analyzer's "tidy"
//! tests: the code map names every source file (and only files that exist),
//! the invariants that are absences (no clock, files or OS randomness in the
//! engine, no printing outside the CLI, no Monte Carlo batch on the page's
//! thread) are checked by reading the sources, the numbers the document
//! states are the engine's constants, and every translation key the page
//! uses exists while no key goes unused.
//!
//! The tests read files under the workspace root; they need no browser. The
//! sources are read through a small lexer (below) that drops comments and
//! knows string literals, so documentation may mention what code may not use.

use cordon_engine::fields::{Section, FIELDS};
use cordon_engine::link::LinkError;
use cordon_engine::{Capacity, Resource, Scenario, ValidationErrors};
use cordon_web::i18n::{t, Lang};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------
// Files

/// The workspace root (the root crate `cordon-web` is the workspace's root).
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path relative to the workspace root, with `/` separators.
fn rel(path: &Path) -> String {
    let relative = path.strip_prefix(root()).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// A file's text, by its path relative to the workspace root.
fn read(relative: &str) -> String {
    let path = root().join(relative);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {relative}: {e}"))
}

/// Every `.rs` file under `dir` (relative to the workspace root), recursively,
/// as workspace-relative paths in sorted order.
fn rust_files(dir: &str) -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<String>) {
        let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {dir:?}: {e}"));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(rel(&path));
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join(dir), &mut out);
    out.sort();
    out
}

/// The `src` directories whose files the code map must name: the root
/// crate's and every crate's under `crates/`.
fn source_dirs() -> Vec<String> {
    let mut dirs = vec!["src".to_string()];
    let crates = fs::read_dir(root().join("crates")).expect("crates/ exists");
    let mut under: Vec<String> = crates
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.join("src").is_dir())
        .map(|p| format!("{}/src", rel(&p)))
        .collect();
    under.sort();
    dirs.extend(under);
    dirs
}

/// ARCHITECTURE.md.
fn doc() -> String {
    read("ARCHITECTURE.md")
}

/// A `## title` section of a Markdown document (up to the next `## `), and
/// the 1-based line number of its first line.
fn section<'a>(doc: &'a str, title: &str) -> (&'a str, usize) {
    let heading = format!("## {title}\n");
    let start = doc
        .find(&heading)
        .unwrap_or_else(|| panic!("ARCHITECTURE.md has no \"## {title}\" section"));
    let body = start + heading.len();
    let end = doc[body..]
        .find("\n## ")
        .map_or(doc.len(), |i| body + i + 1);
    (&doc[body..end], doc[..body].lines().count() + 1)
}

/// The pieces of `line` written in backticks.
fn backticked(line: &str) -> Vec<&str> {
    line.split('`').skip(1).step_by(2).collect()
}

// ---------------------------------------------------------------------------
// A small Rust lexer: comments, string literals, character literals.

/// A string literal of a source file.
struct StrLit {
    /// Byte offset of the literal (its prefix or opening quote).
    start: usize,
    /// Its value, escapes resolved.
    value: String,
}

/// A source file with comments and literals told apart from code. `code`
/// and `bare` have the source's length and line structure (blanked text
/// becomes spaces, byte for byte), so offsets and lines carry over.
struct Lexed {
    /// The source with comments (line, block and doc comments) blanked.
    code: String,
    /// `code` with the insides of string and character literals blanked too.
    bare: String,
    strings: Vec<StrLit>,
}

impl Lexed {
    /// 1-based line of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.code[..offset].matches('\n').count() + 1
    }

    /// Byte ranges of the items carrying the attribute `attr` (written as in
    /// the source, e.g. `#[cfg(test)]`): from the attribute to the item's
    /// closing brace or semicolon. The second value is the name of a module
    /// declared without a body (`#[cfg(test)] mod tests;`), if that is the item.
    fn items_with(&self, attr: &str) -> Vec<(std::ops::Range<usize>, Option<String>)> {
        let bare = self.bare.as_bytes();
        let mut out = Vec::new();
        for (at, _) in self.code.match_indices(attr) {
            let mut i = at + attr.len();
            while i < bare.len() && bare[i] != b'{' && bare[i] != b';' {
                i += 1;
            }
            if i == bare.len() {
                out.push((at..bare.len(), None));
                continue;
            }
            if bare[i] == b';' {
                let item: Vec<&str> = self.bare[at + attr.len()..i].split_whitespace().collect();
                let module = match item.as_slice() {
                    [.., "mod", name] => Some(name.to_string()),
                    _ => None,
                };
                out.push((at..i + 1, module));
                continue;
            }
            let mut depth = 0usize;
            while i < bare.len() {
                match bare[i] {
                    b'{' => depth += 1,
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            out.push((at..(i + 1).min(bare.len()), None));
        }
        out
    }
}

/// Pushes `c` to `out`, or spaces of its UTF-8 length (a newline stays).
fn push_blank(out: &mut String, c: char) {
    if c == '\n' {
        out.push('\n');
    } else {
        out.extend(std::iter::repeat_n(' ', c.len_utf8()));
    }
}

fn lex(source: &str) -> Lexed {
    let chars: Vec<char> = source.chars().collect();
    let mut code = String::with_capacity(source.len());
    let mut bare = String::with_capacity(source.len());
    let mut strings = Vec::new();
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let ident_before = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        // Comments: blanked in both.
        if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                push_blank(&mut code, chars[i]);
                push_blank(&mut bare, chars[i]);
                i += 1;
            }
            continue;
        }
        if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    for _ in 0..2 {
                        push_blank(&mut code, chars[i]);
                        push_blank(&mut bare, chars[i]);
                        i += 1;
                    }
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    for _ in 0..2 {
                        push_blank(&mut code, chars[i]);
                        push_blank(&mut bare, chars[i]);
                        i += 1;
                    }
                    if depth == 0 {
                        break;
                    }
                } else {
                    push_blank(&mut code, chars[i]);
                    push_blank(&mut bare, chars[i]);
                    i += 1;
                }
            }
            continue;
        }
        // Raw strings: r"…", r#"…"#, br"…".
        if !ident_before && (c == 'r' || (c == 'b' && at(i + 1) == 'r')) {
            let mut j = i + if c == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while at(j) == '#' {
                hashes += 1;
                j += 1;
            }
            if at(j) == '"' {
                let start = code.len();
                for &p in &chars[i..=j] {
                    code.push(p);
                    bare.push(p);
                }
                i = j + 1;
                let mut value = String::new();
                loop {
                    if i >= chars.len() {
                        break;
                    }
                    if chars[i] == '"' && (1..=hashes).all(|h| at(i + h) == '#') {
                        for &p in &chars[i..=i + hashes] {
                            code.push(p);
                            bare.push(p);
                        }
                        i += hashes + 1;
                        break;
                    }
                    value.push(chars[i]);
                    code.push(chars[i]);
                    push_blank(&mut bare, chars[i]);
                    i += 1;
                }
                strings.push(StrLit { start, value });
                continue;
            }
        }
        // Strings (and byte strings, whose `b` is pushed as code).
        if c == '"' {
            let start = code.len();
            code.push('"');
            bare.push('"');
            i += 1;
            let mut value = String::new();
            while i < chars.len() && chars[i] != '"' {
                let d = chars[i];
                code.push(d);
                push_blank(&mut bare, d);
                i += 1;
                if d != '\\' {
                    value.push(d);
                    continue;
                }
                let e = at(i);
                code.push(e);
                push_blank(&mut bare, e);
                i += 1;
                match e {
                    'n' => value.push('\n'),
                    't' => value.push('\t'),
                    'r' => value.push('\r'),
                    '0' => value.push('\0'),
                    '\n' => {
                        // Line continuation: the next line's leading space goes.
                        while i < chars.len() && chars[i].is_whitespace() {
                            code.push(chars[i]);
                            push_blank(&mut bare, chars[i]);
                            i += 1;
                        }
                    }
                    'u' => {
                        let mut hex = String::new();
                        while i < chars.len() {
                            let h = chars[i];
                            code.push(h);
                            push_blank(&mut bare, h);
                            i += 1;
                            if h == '}' {
                                break;
                            }
                            if h != '{' {
                                hex.push(h);
                            }
                        }
                        if let Some(ch) =
                            u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                        {
                            value.push(ch);
                        }
                    }
                    'x' => {
                        let hex: String = chars[i..(i + 2).min(chars.len())].iter().collect();
                        for _ in 0..2 {
                            if i < chars.len() {
                                code.push(chars[i]);
                                push_blank(&mut bare, chars[i]);
                                i += 1;
                            }
                        }
                        if let Ok(b) = u8::from_str_radix(&hex, 16) {
                            value.push(char::from(b));
                        }
                    }
                    other => value.push(other),
                }
            }
            if i < chars.len() {
                code.push('"');
                bare.push('"');
                i += 1;
            }
            strings.push(StrLit { start, value });
            continue;
        }
        // Character literals ('x', '\n', '{') and lifetimes ('a).
        if c == '\'' {
            let end = if at(i + 1) == '\\' {
                let mut j = i + 2;
                while j < chars.len() && chars[j] != '\'' && chars[j] != '\n' {
                    j += 1;
                }
                Some(j)
            } else if at(i + 2) == '\'' {
                Some(i + 2)
            } else {
                None
            };
            if let Some(end) = end.filter(|&e| at(e) == '\'') {
                code.push('\'');
                bare.push('\'');
                for &p in &chars[i + 1..end] {
                    code.push(p);
                    push_blank(&mut bare, p);
                }
                code.push('\'');
                bare.push('\'');
                i = end + 1;
                continue;
            }
        }
        code.push(c);
        bare.push(c);
        i += 1;
    }
    Lexed {
        code,
        bare,
        strings,
    }
}

/// A source file of the workspace, lexed, with its test code found.
struct Source {
    path: String,
    lexed: Lexed,
    /// Byte ranges of `#[cfg(test)]` items.
    tests: Vec<std::ops::Range<usize>>,
    /// The whole file is test code (declared as `#[cfg(test)] mod name;`).
    test_file: bool,
}

impl Source {
    fn in_tests(&self, offset: usize) -> bool {
        self.test_file || self.tests.iter().any(|r| r.contains(&offset))
    }

    /// Lines of code outside comments and literals (`bare`), with their
    /// 1-based number and starting offset.
    fn bare_lines(&self) -> impl Iterator<Item = (usize, usize, &str)> {
        let mut offset = 0;
        self.lexed
            .bare
            .split('\n')
            .enumerate()
            .map(move |(n, line)| {
                let start = offset;
                offset += line.len() + 1;
                (n + 1, start, line)
            })
    }

    /// String literals outside test code.
    fn literals(&self) -> impl Iterator<Item = &StrLit> {
        self.lexed
            .strings
            .iter()
            .filter(|s| !self.in_tests(s.start))
    }
}

/// Every `.rs` file under `dir`, lexed; files declared as test modules
/// (`#[cfg(test)] mod tests;`) count as test code.
fn sources(dir: &str) -> Vec<Source> {
    let mut out: Vec<Source> = rust_files(dir)
        .into_iter()
        .map(|path| {
            let lexed = lex(&read(&path));
            let tests = lexed
                .items_with("#[cfg(test)]")
                .into_iter()
                .map(|(r, _)| r)
                .collect();
            Source {
                path,
                lexed,
                tests,
                test_file: false,
            }
        })
        .collect();
    let mut test_files = BTreeSet::new();
    for source in &out {
        for (_, module) in source.lexed.items_with("#[cfg(test)]") {
            let Some(name) = module else { continue };
            let path = Path::new(&source.path);
            let dir = match path.file_name().and_then(|f| f.to_str()) {
                Some("mod.rs" | "lib.rs" | "main.rs") => path.parent().unwrap().to_path_buf(),
                _ => path.with_extension(""),
            };
            test_files.insert(format!("{}/{name}.rs", dir.display()));
            test_files.insert(format!("{}/{name}/mod.rs", dir.display()));
        }
    }
    for source in &mut out {
        source.test_file = test_files.contains(&source.path);
    }
    out
}

/// Offsets where `needle` occurs in `text` as a whole word: not preceded,
/// and (when it ends with a letter, digit or `_`) not followed, by one.
fn word_matches(text: &str, needle: &str) -> Vec<usize> {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let starts_word = needle.chars().next().is_some_and(word);
    let ends_word = needle.chars().last().is_some_and(word);
    text.match_indices(needle)
        .map(|(i, _)| i)
        .filter(|&i| !starts_word || !text[..i].chars().next_back().is_some_and(word))
        .filter(|&i| !ends_word || !text[i + needle.len()..].chars().next().is_some_and(word))
        .collect()
}

#[test]
fn the_lexer_tells_code_from_comments_and_literals() {
    let source = r##"//! Docs may say println! and std::fs.
fn f<'a>(x: &'a str) -> char {
    /* a block /* nested */ comment: eprintln! */
    let url = "https://example.com // not a comment";
    let raw = r#"raw "quoted" {"#;
    let brace = '{';
    let quote = '\'';
    println!("{url}{raw}\"{}", "a.b\
        c");
    '}'
}
#[cfg(test)]
mod tests {
    fn g() { let _ = "}"; run_range(0..1); }
}
#[cfg(test)]
mod more;
"##;
    let lexed = lex(source);
    assert_eq!(lexed.code.len(), source.len());
    assert_eq!(lexed.bare.len(), source.len());
    let values: Vec<&str> = lexed.strings.iter().map(|s| s.value.as_str()).collect();
    assert_eq!(
        values,
        [
            "https://example.com // not a comment",
            "raw \"quoted\" {",
            "{url}{raw}\"{}",
            "a.bc",
            "}"
        ]
    );
    assert_eq!(word_matches(&lexed.bare, "println!").len(), 1);
    assert!(word_matches(&lexed.bare, "eprintln!").is_empty());
    assert!(word_matches(&lexed.bare, "std::fs").is_empty());
    assert!(word_matches(&lexed.bare, "example").is_empty());
    // Braces inside literals do not end the test module.
    let tests = lexed.items_with("#[cfg(test)]");
    assert_eq!(tests.len(), 2);
    let (module, _) = &tests[0];
    assert!(source[module.clone()].ends_with("run_range(0..1); }\n}"));
    assert_eq!(tests[1].1.as_deref(), Some("more"));
    assert_eq!(lexed.line_of(module.start), 12);
}

// ---------------------------------------------------------------------------
// 1. Code map

/// A path named in the code map.
struct Named {
    /// Line of ARCHITECTURE.md.
    line: usize,
    /// As written.
    written: String,
    /// Workspace-relative, without a trailing `/`.
    path: String,
}

/// Whether a backticked piece is a path: no spaces, and a `/` or a source
/// or data file extension.
fn path_like(piece: &str) -> bool {
    !piece.is_empty()
        && !piece.contains(char::is_whitespace)
        && !piece.starts_with('#')
        && (piece.contains('/') || [".rs", ".json", ".toml"].iter().any(|e| piece.ends_with(e)))
}

/// A path as written under a directory entry of the code map: from the
/// workspace root when its first component is an entry of the root (`src/…`,
/// `crates/…`, `tests/…`), else relative to the entry (`sim/`, `components/`,
/// a crate's `src/`).
fn resolve(base: &str, written: &str) -> String {
    let written = written.trim_start_matches("./");
    let first = written.split('/').next().unwrap_or("");
    let joined = if written.contains('/') && root().join(first).exists() {
        written.to_string()
    } else {
        format!("{base}{written}")
    };
    joined.trim_end_matches('/').to_string()
}

/// Every path the code map names, resolved the way the document reads: a
/// list item whose first backticked piece is a directory (`sim/`) or a crate
/// (`crates/engine`, whose files are in its `src/`) is the base of the pieces
/// after it on its lines and of the items nested under it.
fn code_map() -> Vec<Named> {
    let doc = doc();
    let (map, first_line) = section(&doc, "Code map");
    let mut named = Vec::new();
    // (indent, base directory) of the enclosing directory items.
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut base = String::new();
    for (n, line) in map.lines().enumerate() {
        let line_no = first_line + n;
        let trimmed = line.trim_start();
        let mut pieces = backticked(line).into_iter().filter(|p| path_like(p));
        if let Some(item) = trimmed.strip_prefix("- ") {
            let indent = line.len() - trimmed.len();
            while stack.last().is_some_and(|(i, _)| *i >= indent) {
                stack.pop();
            }
            let parent = stack.last().map_or(String::new(), |(_, b)| b.clone());
            base = parent.clone();
            if item.starts_with('`') {
                let head = backticked(line).into_iter().next().unwrap_or("");
                if path_like(head) || root().join(head).join("Cargo.toml").exists() {
                    let path = resolve(&parent, head);
                    named.push(Named {
                        line: line_no,
                        written: head.to_string(),
                        path: path.clone(),
                    });
                    let dir = root().join(&path);
                    if dir.join("Cargo.toml").exists() {
                        base = format!("{path}/src/");
                    } else if head.ends_with('/') {
                        base = format!("{path}/");
                    }
                    if base != parent {
                        stack.push((indent, base.clone()));
                    }
                    if pieces.clone().next() == Some(head) {
                        pieces.next();
                    }
                }
            }
        }
        for written in pieces {
            named.push(Named {
                line: line_no,
                written: written.to_string(),
                path: resolve(&base, written),
            });
        }
    }
    named
}

#[test]
fn code_map_names_every_source_file_and_only_files_that_exist() {
    let named = code_map();
    let mut problems = Vec::new();
    for n in &named {
        if !root().join(&n.path).exists() {
            problems.push(format!(
                "ARCHITECTURE.md line {}: the code map names `{}` ({}), which does not exist",
                n.line, n.written, n.path
            ));
        }
    }
    let documented: BTreeSet<&str> = named.iter().map(|n| n.path.as_str()).collect();
    for dir in source_dirs() {
        for file in rust_files(&dir) {
            if !documented.contains(file.as_str()) {
                let within = &file[dir.len() + 1..];
                problems.push(format!(
                    "{file} is not in ARCHITECTURE.md's code map: add a line naming `{within}` \
                     under the `{}` entry (or under its directory's entry)",
                    if dir == "src" {
                        "src/"
                    } else {
                        dir.trim_end_matches("/src")
                    }
                ));
            }
        }
    }
    // Paths of the workspace written anywhere in the document exist too.
    for (n, line) in doc().lines().enumerate() {
        for piece in backticked(line) {
            let rooted = ["src/", "crates/", "tests/"]
                .iter()
                .any(|p| piece.starts_with(p));
            if rooted && path_like(piece) && !root().join(piece).exists() {
                problems.push(format!(
                    "ARCHITECTURE.md line {}: `{piece}` does not exist",
                    n + 1
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
    // The parser found the map at all (a renamed heading must not pass).
    assert!(documented.contains("crates/engine/src/sim/transmission.rs"));
    assert!(documented.contains("src/components/editor.rs"));
}

// ---------------------------------------------------------------------------
// 2. Invariants that are absences

/// What the engine never mentions in code: the DOM and JavaScript, files,
/// the network, processes, the clock, the environment, OS randomness, the
/// terminal.
const NOT_IN_ENGINE: &[&str] = &[
    "web_sys",
    "js_sys",
    "wasm_bindgen",
    "std::fs",
    "std::net",
    "std::process",
    "std::time",
    "SystemTime",
    "Instant",
    "std::env",
    "thread_rng",
    "rand::rng()",
    "OsRng",
    "getrandom",
    "println!",
    "eprintln!",
    "print!(",
    "stdin",
    "stdout",
];

/// What neither the engine nor the page mentions in code: only the CLI
/// prints or touches files.
const CLI_ONLY: &[&str] = &["std::fs", "println!", "eprintln!"];

/// The page's binaries, built natively (as `cargo test` does), only say that
/// they run in a browser: their `#[cfg(not(target_arch = "wasm32"))]` items
/// may print.
const NATIVE_STUBS: &[&str] = &["src/main.rs", "src/bin/worker.rs"];

/// The only page files that run a Monte Carlo batch: the worker (and its
/// entry point) and the coordinator.
const BATCH_RUNNERS: &[&str] = &[
    "src/worker.rs",
    "src/compute.rs",
    "src/bin/worker.rs",
    // The Decide view's work, done in the same worker (`SimWorker`).
    "src/decide_work.rs",
];

/// `(file:line, what)` for every occurrence of `needles` in the code (not
/// comments, not literals) of `sources`, outside the byte ranges `allowed`
/// returns for a file.
fn occurrences(
    sources: &[Source],
    needles: &[&str],
    allowed: impl Fn(&Source) -> Vec<std::ops::Range<usize>>,
) -> Vec<String> {
    let mut found = Vec::new();
    for source in sources {
        let allowed = allowed(source);
        for (line_no, start, line) in source.bare_lines() {
            for needle in needles {
                for at in word_matches(line, needle) {
                    if !allowed.iter().any(|r| r.contains(&(start + at))) {
                        found.push(format!("{}:{line_no}: {needle}", source.path));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn the_engine_touches_no_dom_clock_files_or_os_randomness() {
    let engine = sources("crates/engine/src");
    assert!(engine.len() > 10, "engine sources not found");
    let found = occurrences(&engine, NOT_IN_ENGINE, |_| Vec::new());
    assert!(
        found.is_empty(),
        "the engine is pure (ARCHITECTURE.md, Invariants), but its code mentions:\n{}\n",
        found.join("\n")
    );
}

#[test]
fn only_the_cli_prints_or_touches_files() {
    let mut found = occurrences(&sources("crates/engine/src"), CLI_ONLY, |_| Vec::new());
    found.extend(occurrences(&sources("src"), CLI_ONLY, |source| {
        if NATIVE_STUBS.contains(&source.path.as_str()) {
            source
                .lexed
                .items_with("#[cfg(not(target_arch = \"wasm32\"))]")
                .into_iter()
                .map(|(r, _)| r)
                .collect()
        } else {
            Vec::new()
        }
    }));
    assert!(
        found.is_empty(),
        "only crates/cli prints or touches files (ARCHITECTURE.md, Invariants), but:\n{}\n",
        found.join("\n")
    );
}

#[test]
fn only_the_workers_run_monte_carlo_batches_in_the_page() {
    let page = sources("src");
    let found = occurrences(&page, &["run_range(", "run_all("], |source| {
        if BATCH_RUNNERS.contains(&source.path.as_str()) || source.test_file {
            std::iter::once(0..usize::MAX).collect()
        } else {
            source.tests.clone()
        }
    });
    assert!(
        found.is_empty(),
        "the app never computes a Monte Carlo batch on the page's thread \
         (ARCHITECTURE.md, Invariants): only {BATCH_RUNNERS:?} may, but:\n{}\n",
        found.join("\n")
    );
    // The check looks at the right thing: the worker does run batches.
    let worker = page.iter().find(|s| s.path == "src/worker.rs").unwrap();
    assert!(worker.lexed.bare.contains("run_range("));
}

// ---------------------------------------------------------------------------
// 3. Numbers the document states

/// A number as the document writes it: `26`, `5,000`, `two`.
fn parse_number(word: &str) -> f64 {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    const WORDS: [&str; 11] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    if let Some(n) = WORDS.iter().position(|w| w.eq_ignore_ascii_case(word)) {
        return n as f64;
    }
    word.replace(',', "")
        .parse()
        .unwrap_or_else(|_| panic!("ARCHITECTURE.md: `{word}` is not a number"))
}

/// The number written just before `phrase` in `text` ("26 daily series").
fn number_before(text: &str, phrase: &str) -> f64 {
    let at = text
        .find(phrase)
        .unwrap_or_else(|| panic!("ARCHITECTURE.md no longer says \"{phrase}\""));
    let word = text[..at]
        .split_whitespace()
        .next_back()
        .unwrap_or_else(|| panic!("nothing before \"{phrase}\""));
    parse_number(word)
}

/// The number written just after `phrase` in `text` ("(default 5,000)").
fn number_after(text: &str, phrase: &str) -> f64 {
    let at = text
        .find(phrase)
        .unwrap_or_else(|| panic!("ARCHITECTURE.md no longer says \"{phrase}\""));
    let word = text[at + phrase.len()..]
        .split_whitespace()
        .next()
        .unwrap_or_else(|| panic!("nothing after \"{phrase}\""));
    parse_number(word)
}

#[test]
fn numbers_in_the_document_are_the_codes() {
    let doc = doc();
    let (model, _) = section(&doc, "The model");
    let one_line = model.split_whitespace().collect::<Vec<_>>().join(" ");

    assert_eq!(
        number_before(&one_line, "daily series"),
        cordon_engine::sim::SERIES_COUNT as f64,
        "ARCHITECTURE.md (The model): the number of daily series is cordon_engine::sim::SERIES_COUNT"
    );
    assert_eq!(
        cordon_engine::Series::ALL.len(),
        cordon_engine::sim::SERIES_COUNT
    );

    let limit = number_after(&one_line, "`infection_limit` (default");
    assert_eq!(
        limit,
        f64::from(cordon_engine::DEFAULT_INFECTION_LIMIT),
        "ARCHITECTURE.md (The model): the infection limit's default is DEFAULT_INFECTION_LIMIT"
    );
    assert_eq!(
        Scenario::default().infection_limit,
        cordon_engine::DEFAULT_INFECTION_LIMIT
    );

    assert_eq!(
        number_before(&one_line, "run-days"),
        cordon_web::planner::MAX_RUN_DAYS_IN_BROWSER as f64,
        "ARCHITECTURE.md (The model): the page's limit is planner::MAX_RUN_DAYS_IN_BROWSER"
    );

    assert_eq!(
        number_after(&one_line, "queue holds at most"),
        cordon_engine::checkpoint::MAX_QUEUE_HOURS,
        "ARCHITECTURE.md (The model): a queue holds checkpoint::MAX_QUEUE_HOURS of work"
    );

    // "mean and 5/25/50/75/95th percentiles": the bands of the daily CSV.
    let at = one_line
        .find("th percentiles")
        .expect("ARCHITECTURE.md no longer lists the percentiles");
    let stated: Vec<String> = one_line[..at]
        .split_whitespace()
        .next_back()
        .unwrap()
        .split('/')
        .map(|p| format!("p{p}"))
        .collect();
    let computed: Vec<String> = cordon_engine::report::DAILY_HEADER
        .split(',')
        .filter(|c| c.starts_with('p') && c[1..].chars().all(|d| d.is_ascii_digit()))
        .map(str::to_string)
        .collect();
    assert_eq!(
        stated, computed,
        "ARCHITECTURE.md (The model): the percentiles are report::DAILY_HEADER's"
    );
}

// ---------------------------------------------------------------------------
// 4. Translation keys

/// The signature of a translation table: `(key, English, Chinese)`.
const TABLE: &str = "STRINGS: &[(&str, &str, &str)]";

/// Every translation table under src/: its file, the byte range of the
/// table, and its entries in order.
type Table = (
    String,
    std::ops::Range<usize>,
    Vec<(String, String, String)>,
);

fn tables(sources: &[Source]) -> Vec<Table> {
    let mut out = Vec::new();
    for source in sources {
        let bare = &source.lexed.bare;
        let Some(decl) = source.lexed.code.find(TABLE) else {
            continue;
        };
        let open = decl + bare[decl..].find("= &[").expect("table opens") + 3;
        let close = open
            + bare[open..]
                .find("\n];")
                .unwrap_or_else(|| panic!("{}: the table's end is `\\n];`", source.path));
        let values: Vec<String> = source
            .lexed
            .strings
            .iter()
            .filter(|s| (open..close).contains(&s.start))
            .map(|s| s.value.clone())
            .collect();
        let tuples = bare[open..close].matches('(').count();
        assert_eq!(
            values.len(),
            3 * tuples,
            "{}: every entry of the table is (key, English, Chinese)",
            source.path
        );
        let entries = values
            .chunks(3)
            .map(|c| (c[0].clone(), c[1].clone(), c[2].clone()))
            .collect();
        out.push((source.path.clone(), decl..close, entries));
    }
    out
}

/// Whether `text` is dot-separated lowercase words (`event.kind`, `link`).
fn dotted(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_lowercase())
        && text.split('.').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
}

/// Whether a literal is shaped like a translation key: `family.name…`.
fn key_shaped(text: &str) -> bool {
    text.contains('.') && dotted(text)
}

/// Every key the page builds rather than writes, by family prefix, each
/// family enumerated from the list it comes from (no prefix is accepted
/// blindly): field labels and choice options from the engine's field
/// registry and section titles (the editor is built from them), and the
/// families the page puts together with `format!("family.{…}")` (capacities,
/// event kinds, link errors) or through a function of `cordon_web::text`
/// (resources). The second value is whether the family counts as used
/// without the page building its prefix: true for the registry's families.
fn generated_keys() -> BTreeMap<String, (bool, BTreeSet<String>)> {
    let mut families: BTreeMap<String, (bool, BTreeSet<String>)> = BTreeMap::new();
    let mut add = |prefix: &str, registry: bool, key: String| {
        assert!(key.starts_with(prefix), "{key} is not in {prefix}");
        let family = families.entry(prefix.to_string()).or_default();
        family.0 |= registry;
        family.1.insert(key);
    };
    for field in FIELDS {
        add("field.", true, field.label_key());
        if !field.options_family.is_empty() {
            let family = format!("{}.", field.options_family);
            for option in field.options() {
                add(&family, true, format!("{family}{option}"));
            }
        }
    }
    for section in Section::ALL {
        add("group.", true, format!("group.{}", section.key()));
    }
    // The Decide view's levers, units and outcomes: labels the engine names
    // (`cordon_engine::decide`), shown through their keys.
    for lever in cordon_engine::decide::LEVERS {
        add("lever.", true, lever.label_key.to_string());
        add("unit.", true, lever.unit.label_key().to_string());
    }
    for outcome in cordon_engine::decide::Outcome::all(&Scenario::default()) {
        add("outcome.", true, outcome.label_key().to_string());
    }
    for outcome in cordon_engine::compare::OUTCOMES {
        add("outcome.", true, outcome.label_key().to_string());
    }
    for capacity in Capacity::ALL {
        add("capacity.", false, cordon_web::text::capacity_key(capacity));
    }
    for resource in Resource::ALL {
        let key = cordon_web::text::resource_key(resource).to_string();
        add("resource.", false, key);
    }
    for kind in cordon_engine::CHANGE_KINDS {
        add("event.kind.", false, format!("event.kind.{}", kind.key));
        for number in kind.numbers {
            add(
                "event.field.",
                false,
                cordon_web::text::number_label_key(number),
            );
        }
    }
    // The comparison CSV's columns (`report::COMPARE_COLUMNS`), labelled.
    for column in cordon_engine::report::COMPARE_COLUMNS {
        add("compare.csv.", false, format!("compare.csv.{column}"));
    }
    // Every way a link can fail (`LinkError::code`); a new variant belongs here.
    let link_errors = [
        LinkError::NotALink,
        LinkError::UnsupportedVersion {
            found: 2,
            newest: 1,
        },
        LinkError::BadEncoding,
        LinkError::Corrupt(String::new()),
        LinkError::InvalidScenario(ValidationErrors(Vec::new())),
    ];
    for error in link_errors {
        add("link.", false, format!("link.{}", error.code()));
    }
    families
}

#[test]
fn every_translation_key_the_page_uses_exists_and_every_key_is_used() {
    let page = sources("src");
    let tables = tables(&page);
    assert!(
        tables.iter().any(|(p, _, _)| p == "src/i18n.rs"),
        "src/i18n.rs's table not found"
    );
    let mut problems = Vec::new();

    // The tables: each key once, both languages written with the same
    // placeholders, and `t` reads them as parsed here (which also proves
    // every table is one of i18n's).
    let mut known: BTreeMap<String, String> = BTreeMap::new();
    for (path, _, entries) in &tables {
        for (key, en, zh) in entries {
            if known.insert(key.clone(), path.clone()).is_some() {
                problems.push(format!("{path}: `{key}` is defined twice"));
                continue;
            }
            if en.trim().is_empty() || zh.trim().is_empty() {
                problems.push(format!("{path}: `{key}` lacks its English or Chinese text"));
            }
            let holes = |text: &str| {
                let mut names: Vec<String> = text
                    .split('{')
                    .skip(1)
                    .map(|p| p.split('}').next().unwrap_or("").to_string())
                    .collect();
                names.sort();
                names
            };
            if holes(en) != holes(zh) {
                problems.push(format!(
                    "{path}: `{key}`'s English and Chinese texts have different {{placeholders}}"
                ));
            }
            if t(Lang::En, key) != *en || t(Lang::Zh, key) != *zh {
                problems.push(format!(
                    "{path}: `{key}` is not what cordon_web::i18n::t returns \
                     (is the table in i18n's TABLES?)"
                ));
            }
        }
    }
    let families: BTreeSet<&str> = known.keys().filter_map(|k| k.split('.').next()).collect();

    // Keys the page writes as literals (outside tests and the tables), and
    // the prefixes of keys it builds with `format!("family.{…}")`.
    let generated = generated_keys();
    let mut built: BTreeSet<String> = BTreeSet::new();
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut written: BTreeMap<String, String> = BTreeMap::new();
    for source in &page {
        let in_table = |offset: usize| {
            tables
                .iter()
                .any(|(p, r, _)| *p == source.path && r.contains(&offset))
        };
        for literal in source.literals().filter(|s| !in_table(s.start)) {
            let value = literal.value.as_str();
            let place = format!("{}:{}", source.path, source.lexed.line_of(literal.start));
            if let Some((prefix, _)) = value.split_once('{') {
                if prefix.ends_with('.') && dotted(&prefix[..prefix.len() - 1]) {
                    built.insert(prefix.to_string());
                    if !generated.contains_key(prefix) {
                        problems.push(format!(
                            "{place}: keys are built as `{value}`; teach \
                             tests/architecture.rs's generated_keys() the members of `{prefix}…`"
                        ));
                    }
                    continue;
                }
            }
            if known.contains_key(value) {
                used.insert(value.to_string());
            } else if key_shaped(value) && families.contains(value.split('.').next().unwrap_or(""))
            {
                written.entry(value.to_string()).or_insert(place);
            }
        }
    }

    // The scan sees the page's `format!`s (the header names a link's error).
    assert!(
        built.contains("link."),
        "no `format!(\"link.{{…}}\")` found in src/"
    );
    for (prefix, (registry, keys)) in &generated {
        if *registry || built.contains(prefix) {
            used.extend(keys.iter().cloned());
        }
    }

    // Every key used exists.
    for (key, place) in &written {
        problems.push(format!("{place}: `{key}` has no translation"));
    }
    for (prefix, (_, keys)) in &generated {
        for key in keys {
            if !known.contains_key(key) {
                problems.push(format!(
                    "`{key}` (generated, family `{prefix}`) has no translation"
                ));
            }
        }
    }
    // Every key exists for a use.
    for (key, path) in &known {
        if !used.contains(key) {
            problems.push(format!("{path}: `{key}` is never used by the page"));
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

/// The README is the front door: it must stay a short document a person can
/// read, with the test command CI runs. (A bad scripted edit once inserted a
/// paragraph between every character of it: 34,776 lines that no test saw.)
#[test]
fn the_readme_is_a_readable_page_with_the_test_command() {
    let readme = read("README.md");
    let lines = readme.lines().count();
    assert!(
        (20..400).contains(&lines),
        "README.md has {lines} lines; expected a readable page (20 to 400 lines)"
    );
    assert!(
        readme
            .lines()
            .any(|line| line.trim_start().starts_with("./x test")),
        "README.md must show the test command `./x test`"
    );
    let ci = read(".ci/run");
    assert!(
        ci.contains("./x test"),
        ".ci/run must call the README's test command"
    );
    let longest = readme.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(longest <= 400, "README.md has a {longest}-character line");
}
