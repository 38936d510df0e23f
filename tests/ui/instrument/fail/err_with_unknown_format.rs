#[modsmith::instrument(err(Json))]
fn work() -> Result<(), String> {
    Ok(())
}

fn main() {}
