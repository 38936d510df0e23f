//! The edition-2021 crate's macros work as they do in a 2024 crate.

use modsmith_test_edition_2021::{
    generations, generator, next_gen, transformed, Counter, Items, Seed,
};

#[test]
fn data_with_a_field_named_gen() {
    // No validators: `new` and `build` return the struct itself.
    let seed = Seed::builder().gen(3).build();
    assert_eq!((seed.gen(), seed.step()), (3, 1));
    assert_eq!(Seed::new(4).gen(), 4);
    let generation = generations::Generation::new(7, "seventh".to_owned());
    assert_eq!((generation.gen(), generation.label()), (7, "seventh"));
}

#[test]
fn a_client_endpoint_named_gen() {
    let mock = modsmith::http::MockTransport::new();
    mock.reply(
        modsmith::http::Method::Get,
        "/items/{gen}",
        200,
        r#"{"id":5}"#,
    );
    let items = Items::with_transport(&mock);
    let item = futures_lite_block_on(items.gen(5));
    assert_eq!(item.map(|item| item.id).ok(), Some(5));
}

#[test]
fn instrument_transform_and_template_with_gen() {
    assert_eq!(next_gen(1), 2);
    let made = transformed::gen(3);
    assert_eq!(made.clone(), transformed::Gen { gen: 3 });
    assert_eq!(Counter { gen: 4 }.gen_doubled(), 8);
}

#[test]
fn adaptive_slots_named_gen() {
    use generator::adapt;
    assert_eq!(generator::gen(1), 2);
    assert_eq!(generator::gen_name(1), None);
    let layer = adapt::gen
        .wrap(|args: adapt::GenArgs, next| next.run(adapt::GenArgs { gen: args.gen * 10 }));
    let restore = adapt::gen.replace(|gen| gen + 100);
    assert_eq!(generator::gen(1), 110);
    restore.restore();
    layer.remove();
    {
        let _over = adapt::gen.override_scoped(|gen| gen);
        assert_eq!(generator::gen(1), 1);
    }
    assert_eq!(generator::gen(1), 2);
    let provided = adapt::gen_name.provide(|gen| Some(format!("gen {gen}")));
    assert_eq!(generator::gen_name(3).as_deref(), Some("gen 3"));
    provided.restore();
    let interface = generator::interface();
    assert_eq!(
        interface.function("gen").map(|gen| gen.signature()),
        Some("fn gen(gen: u32) -> u32")
    );
}

/// Polls a future that completes without waiting (the mock transport answers at once).
fn futures_lite_block_on<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut context) {
        std::task::Poll::Ready(output) => output,
        std::task::Poll::Pending => panic!("the mock transport answers at once"),
    }
}

#[test]
fn compose_takes_and_renames_a_member_named_gen() {
    assert_eq!(modsmith_test_edition_2021::composed::generate(), 7);
    let names: Vec<&str> = modsmith_test_edition_2021::composed::MEMBERS
        .iter()
        .map(|member| member.name)
        .collect();
    assert_eq!(names, ["generate"]);
}
