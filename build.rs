//! Compiles the screens, and puts the pictograms of `assets/icons/` into a table the program
//! carries.

use std::fmt::Write as _;
use std::path::Path;

/// Writes `$OUT_DIR/icons.rs`: `ICONS`, each SVG's name (its file name without `.svg`) and
/// bytes.
fn icon_table() -> Result<(), String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icons");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|ext| ext == "svg") {
            let name = path
                .file_stem()
                .and_then(|stem| stem.to_str())
                .ok_or_else(|| format!("{}: not a UTF-8 name", path.display()))?
                .to_owned();
            names.push((name, path));
        }
    }
    names.sort();
    let mut table = String::from(
        "/// Every pictogram: its name and its SVG.\npub const ICONS: &[(&str, &[u8])] = &[\n",
    );
    for (name, path) in names {
        let _ = writeln!(
            table,
            "    ({name:?}, include_bytes!({:?})),",
            path.display().to_string()
        );
    }
    table.push_str("];\n");
    let out = std::env::var("OUT_DIR").map_err(|e| e.to_string())?;
    std::fs::write(Path::new(&out).join("icons.rs"), table).map_err(|e| e.to_string())
}

fn main() {
    if let Err(error) = icon_table() {
        eprintln!("the pictograms cannot be read: {error}");
        std::process::exit(1);
    }
    // Element debug info lets the UI tests find elements by id and accessible label.
    let config = slint_build::CompilerConfiguration::new().with_debug_info(true);
    if let Err(error) = slint_build::compile_with_config("ui/app.slint", config) {
        eprintln!("the UI does not compile: {error}");
        std::process::exit(1);
    }
}
