modsmith::script!(file = "tests/ui_script/no_such_file.ms");

fn main() {}
