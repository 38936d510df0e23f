modsmith::script!(file = "../../../../tests/ui_script/broken.ms");

fn main() {}
