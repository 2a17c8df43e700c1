fn main() {
    // Element debug info lets the UI tests find elements by id and accessible label.
    let config = slint_build::CompilerConfiguration::new().with_debug_info(true);
    slint_build::compile_with_config("ui/app.slint", config).expect("the UI compiles");
}
