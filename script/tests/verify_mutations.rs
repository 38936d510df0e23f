//! The loader on corrupted bytecode: valid programs' bytes, mutated (bytes flipped, set,
//! inserted, removed, words overwritten, truncated), must be refused with a typed
//! [`LoadError`] or, once accepted, run every `pub` function without a panic and without an
//! internal VM error (the sign that the verifier let through something the VM relies on).
//!
//! Half the cases recompute the checksum after mutating, so that what refuses them is the
//! decoder or the verifier, not the CRC. `PROPTEST_CASES` sets the count (2,000 by default;
//! the full run is `PROPTEST_CASES=100000`).

use std::path::Path;

use modsmith_script::bytecode::image::{Image, TypeDef, TypeId};
use modsmith_script::vm::HostFunction;
use modsmith_script::{Host, Limits, Program, Script, Value, VmError};
use proptest::prelude::*;

/// The header's length: the checksum covers what follows it.
const HEADER: usize = 14;

/// Valid programs: the rules program, the corpus of the parity tests, and one program
/// that uses every instruction the compiler emits.
fn originals() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = vec![
        include_str!("programs/rules.ms").to_owned(),
        include_str!("programs/every_instruction.ms").to_owned(),
    ];
    let corpus = root.join("../tests/scripts/corpus");
    let mut paths: Vec<_> = std::fs::read_dir(&corpus)
        .map(|dir| {
            dir.filter_map(|entry| entry.ok().map(|e| e.path()))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    for path in paths {
        if path.extension().is_some_and(|ext| ext == "ms") {
            sources.push(std::fs::read_to_string(&path).expect("a corpus file reads"));
        }
    }
    sources
        .iter()
        .map(|source| {
            Script::compile(source)
                .unwrap_or_else(|error| panic!("{error}"))
                .to_bytes()
        })
        .collect()
}

#[derive(Clone, Debug)]
enum Mutation {
    Flip { at: usize, bit: u8 },
    Set { at: usize, byte: u8 },
    Insert { at: usize, byte: u8 },
    Remove { at: usize },
    Word { at: usize, word: u32 },
    Truncate { at: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        (at, 0u8..8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        (at, any::<u8>()).prop_map(|(at, byte)| Mutation::Set { at, byte }),
        (at, any::<u8>()).prop_map(|(at, byte)| Mutation::Insert { at, byte }),
        at.prop_map(|at| Mutation::Remove { at }),
        (
            at,
            prop_oneof![
                Just(0u32),
                Just(1),
                Just(255),
                Just(256),
                Just(u32::MAX),
                any::<u32>()
            ]
        )
            .prop_map(|(at, word)| Mutation::Word { at, word }),
        at.prop_map(|at| Mutation::Truncate { at }),
    ]
}

fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let len = bytes.len().max(1);
    match *mutation {
        Mutation::Flip { at, bit } => {
            let at = at % len;
            if let Some(byte) = bytes.get_mut(at) {
                *byte ^= 1 << bit;
            }
        }
        Mutation::Set { at, byte } => {
            let at = at % len;
            if let Some(slot) = bytes.get_mut(at) {
                *slot = byte;
            }
        }
        Mutation::Insert { at, byte } => bytes.insert(at % (bytes.len() + 1), byte),
        Mutation::Remove { at } => {
            if !bytes.is_empty() {
                bytes.remove(at % len);
            }
        }
        Mutation::Word { at, word } => {
            let at = at % len;
            for (offset, byte) in word.to_le_bytes().into_iter().enumerate() {
                if let Some(slot) = bytes.get_mut(at + offset) {
                    *slot = byte;
                }
            }
        }
        Mutation::Truncate { at } => bytes.truncate(at % len),
    }
}

fn reseal(bytes: &mut [u8]) {
    if bytes.len() >= HEADER {
        let checksum = crc32fast::hash(&bytes[HEADER..]);
        bytes[10..HEADER].copy_from_slice(&checksum.to_le_bytes());
    }
}

/// A value of type `ty`, from `seed`: small, but of every shape.
fn value(image: &Image, ty: TypeId, seed: u64, depth: usize) -> Value {
    let pick = seed % 4;
    match image.types.get(usize::from(ty)) {
        Some(TypeDef::Int) => Value::Int([0, 3, -7, i64::MAX][pick as usize]),
        Some(TypeDef::Float) => Value::Float([0.0, 2.5, -1e300, f64::NAN][pick as usize]),
        Some(TypeDef::Bool) => Value::Bool(pick.is_multiple_of(2)),
        Some(TypeDef::Str) => Value::Str(["", "gold", "héllo", "a,b"][pick as usize].into()),
        Some(TypeDef::List(inner)) if depth < 3 => Value::List(
            (0..pick)
                .map(|at| value(image, *inner, seed / 4 + at, depth + 1))
                .collect(),
        ),
        Some(TypeDef::Map(inner)) if depth < 3 => Value::Map(
            (0..pick)
                .map(|at| {
                    (
                        format!("k{at}"),
                        value(image, *inner, seed / 4 + at, depth + 1),
                    )
                })
                .collect(),
        ),
        Some(TypeDef::Option(inner)) if depth < 3 => {
            Value::Option((pick > 0).then(|| Box::new(value(image, *inner, seed / 4, depth + 1))))
        }
        Some(TypeDef::Record(record)) if depth < 3 => Value::Record(
            image.records[usize::from(*record)]
                .fields
                .iter()
                .map(|(_, field)| value(image, *field, seed / 4, depth + 1))
                .collect(),
        ),
        _ => Value::Unit,
    }
}

/// A host that provides each declared function, returning a value of its declared type.
fn host(image: &Image) -> Host {
    let mut host = Host::new();
    for declared in &image.host {
        let result = value(image, declared.ret, 1, 0);
        let function: HostFunction = match declared.params.len() {
            0 => host_function(move || result.clone()),
            1 => host_function(move |_: Value| result.clone()),
            2 => host_function(move |_: Value, _: Value| result.clone()),
            _ => host_function(move |_: Value, _: Value, _: Value| result.clone()),
        };
        host = host.function(declared.name.clone(), function);
    }
    host
}

fn host_function<M>(function: impl modsmith_script::vm::IntoHostFunction<M>) -> HostFunction {
    function.into_host_function()
}

/// Runs every `pub` function of an accepted program; a panic fails the test by itself.
fn run_all(program: &Program) -> Result<(), TestCaseError> {
    let image = program.image();
    let Ok(instance) = program.instance(host(image)) else {
        // Host signatures the mutation changed: refused at binding, as they should be.
        return Ok(());
    };
    let instance = instance.with_limits(Limits {
        fuel: 20_000,
        call_depth: 64,
        memory: 1 << 20,
    });
    for function in image.functions.iter().filter(|function| function.public) {
        for seed in 0..3 {
            let args: Vec<Value> = function
                .signature
                .params
                .iter()
                .map(|(_, ty)| value(image, *ty, seed, 0))
                .collect();
            let result = instance.call(&function.signature.name, &args);
            prop_assert!(
                !matches!(result, Err(VmError::Internal(_))),
                "`{}` broke a VM invariant: {:?}",
                function.signature.name,
                result
            );
        }
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(2_000)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn corrupted_bytecode_is_refused_or_runs_safely(
        original in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..4),
        reseal_checksum in any::<bool>(),
    ) {
        let originals = ORIGINALS.with(Clone::clone);
        let mut bytes = originals[original.index(originals.len())].clone();
        for mutation in &mutations {
            apply(&mut bytes, mutation);
        }
        if reseal_checksum {
            reseal(&mut bytes);
        }
        if let Ok(program) = Program::from_bytes(&bytes) {
            run_all(&program)?;
        }
    }
}

thread_local! {
    static ORIGINALS: Vec<Vec<u8>> = originals();
}

#[test]
fn every_original_loads_and_runs() {
    for bytes in originals() {
        let program = Program::from_bytes(&bytes).expect("a valid program loads");
        run_all(&program).expect("runs");
    }
}

/// The mutations reach the verifier and the VM, not only the checksum and the decoder:
/// with the checksum resealed, single-byte changes are sometimes accepted (an operand that
/// still makes sense) and run, and sometimes refused by the verifier itself.
#[test]
fn mutations_reach_the_verifier_and_the_vm() {
    let originals = originals();
    let (mut accepted, mut refused_by_verifier) = (0, 0);
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..3_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut bytes = originals[(seed % originals.len() as u64) as usize].clone();
        let at = HEADER + (seed >> 8) as usize % (bytes.len() - HEADER);
        bytes[at] = (seed >> 40) as u8;
        reseal(&mut bytes);
        match Program::from_bytes(&bytes) {
            Ok(program) => {
                accepted += 1;
                run_all(&program).expect("an accepted program runs safely");
            }
            Err(modsmith_script::LoadError::Refused(_)) => refused_by_verifier += 1,
            Err(_) => {}
        }
    }
    eprintln!("accepted {accepted}, refused by the verifier {refused_by_verifier} of 3000");
    assert!(accepted > 100, "accepted {accepted}");
    assert!(
        refused_by_verifier > 100,
        "refused by the verifier {refused_by_verifier}"
    );
}

/// Found by a full run: a mutation turned `NegInt` into `Move` and the program read a
/// call's argument register after the call, which the VM had moved into the callee. The
/// verifier now counts a call's argument registers as consumed.
#[test]
fn a_calls_arguments_are_consumed() {
    let originals = originals();
    let index = ((1_994_242_602_563_194_770_u128 * originals.len() as u128) >> 64) as usize;
    let mut bytes = originals[index].clone();
    apply(
        &mut bytes,
        &Mutation::Word {
            at: 4_513_694_653_418_017_782,
            word: 0,
        },
    );
    reseal(&mut bytes);
    if let Ok(program) = Program::from_bytes(&bytes) {
        run_all(&program).expect("runs without an internal error");
    }
}
