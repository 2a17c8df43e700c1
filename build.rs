fn main() {
    slint_build::compile("ui/app.slint").expect("the UI compiles");
}
