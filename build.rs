fn main() {
    // Element debug info lets the UI tests find elements by id and accessible label.
    let config = slint_build::CompilerConfiguration::new().with_debug_info(true);
    if let Err(error) = slint_build::compile_with_config("ui/app.slint", config) {
        eprintln!("the UI does not compile: {error}");
        std::process::exit(1);
    }
}
