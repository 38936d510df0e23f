//! The one implementation of the language's arithmetic and standard library: called by the
//! Rust that `script!` generates, by the reference interpreter and (next) by the VM, so that
//! `/` on negatives, `round`, `to_str(float)` or `len(str)` cannot differ between them.
//!
//! - `int` arithmetic is checked: overflow is an [`ErrorKind::Overflow`], never a wrap.
//!   `/` truncates toward zero and `%` takes the sign of the dividend (as in Rust and C,
//!   unlike Python's floor division).
//! - Division by zero is an error for `int` and `float` alike.
//! - `len(str)` counts characters (Unicode scalar values), not bytes.
//! - `round` rounds half away from zero; `to_int` truncates toward zero.
//! - `to_str(float)` is Rust's shortest round-trip form, always with a `.` or an exponent:
//!   `1.0`, `0.1`, `1e21`.
//! - Maps iterate in key order (`BTreeMap`), never in hash order.
//!
//! Every function is `#[inline]`: generated code calls them from the user's crate, where a
//! call that is not inlined would cost more than the checked operation itself.

use std::collections::BTreeMap;

use crate::error::{ErrorKind, ScriptError};

/// A fallible operation's result, its error placed in the script: what generated code
/// wraps each operation that can fail in.
#[inline]
pub fn at<T>(
    result: Result<T, ErrorKind>,
    function: &'static str,
    line: u32,
    column: u32,
) -> Result<T, ScriptError> {
    match result {
        Ok(value) => Ok(value),
        Err(kind) => Err(ScriptError {
            kind,
            function: function.to_owned(),
            line,
            column,
        }),
    }
}

/// `a + b` on `str`.
#[inline]
pub fn concat(a: &str, b: &str) -> String {
    let mut joined = String::with_capacity(a.len() + b.len());
    joined.push_str(a);
    joined.push_str(b);
    joined
}

/// `a + b` on `int`.
#[inline]
pub fn add(a: i64, b: i64) -> Result<i64, ErrorKind> {
    a.checked_add(b).ok_or(ErrorKind::Overflow)
}

/// `a - b` on `int`.
#[inline]
pub fn sub(a: i64, b: i64) -> Result<i64, ErrorKind> {
    a.checked_sub(b).ok_or(ErrorKind::Overflow)
}

/// `a * b` on `int`.
#[inline]
pub fn mul(a: i64, b: i64) -> Result<i64, ErrorKind> {
    a.checked_mul(b).ok_or(ErrorKind::Overflow)
}

/// `a / b` on `int`: toward zero.
#[inline]
pub fn div(a: i64, b: i64) -> Result<i64, ErrorKind> {
    if b == 0 {
        return Err(ErrorKind::DivisionByZero);
    }
    a.checked_div(b).ok_or(ErrorKind::Overflow)
}

/// `a % b` on `int`: the sign of `a`.
#[inline]
pub fn rem(a: i64, b: i64) -> Result<i64, ErrorKind> {
    if b == 0 {
        return Err(ErrorKind::DivisionByZero);
    }
    a.checked_rem(b).ok_or(ErrorKind::Overflow)
}

/// `-a` on `int`.
#[inline]
pub fn neg(a: i64) -> Result<i64, ErrorKind> {
    a.checked_neg().ok_or(ErrorKind::Overflow)
}

/// `abs(a)` on `int`.
#[inline]
pub fn abs(a: i64) -> Result<i64, ErrorKind> {
    a.checked_abs().ok_or(ErrorKind::Overflow)
}

/// `a / b` on `float`.
#[inline]
pub fn div_float(a: f64, b: f64) -> Result<f64, ErrorKind> {
    if b == 0.0 {
        Err(ErrorKind::DivisionByZero)
    } else {
        Ok(a / b)
    }
}

/// `a % b` on `float`: the sign of `a`.
#[inline]
pub fn rem_float(a: f64, b: f64) -> Result<f64, ErrorKind> {
    if b == 0.0 {
        Err(ErrorKind::DivisionByZero)
    } else {
        Ok(a % b)
    }
}

/// `round(x)`: half away from zero.
#[inline]
pub fn round(x: f64) -> f64 {
    x.round()
}

/// `to_int(x)`: toward zero; an error for NaN and outside `int`'s range.
#[inline]
pub fn to_int(x: f64) -> Result<i64, ErrorKind> {
    // -2^63 is exact in f64; 2^63 is the first value too large.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    // NaN is in no range.
    if !(-LIMIT..LIMIT).contains(&x) {
        return Err(ErrorKind::Conversion);
    }
    // In range: the cast truncates toward zero and cannot saturate.
    Ok(x.trunc() as i64)
}

/// `to_float(x)`: the nearest `float`.
#[inline]
pub fn to_float(x: i64) -> f64 {
    x as f64
}

/// `to_str(x)` for a `float`: `1.0`, `0.1`, `1e21`.
#[inline]
pub fn float_to_str(x: f64) -> String {
    format!("{x:?}")
}

/// `len(text)`: characters, not bytes.
#[inline]
pub fn len_str(text: &str) -> i64 {
    i64::try_from(text.chars().count()).unwrap_or(i64::MAX)
}

/// `len(list)` or `len(map)`.
#[inline]
pub fn len(count: usize) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}

/// `list[index]`.
#[inline]
pub fn index<T>(list: &[T], index: i64) -> Result<&T, ErrorKind> {
    let at = position(list.len(), index)?;
    list.get(at).ok_or(ErrorKind::Index {
        index,
        len: len(list.len()),
    })
}

/// Where `list[index]` is in a list of `count` elements, or the error of `list[index]`: for
/// a list stored otherwise than as a slice (the VM's lists of records).
#[inline]
pub fn position(count: usize, index: i64) -> Result<usize, ErrorKind> {
    usize::try_from(index)
        .ok()
        .filter(|at| *at < count)
        .ok_or(ErrorKind::Index {
            index,
            len: len(count),
        })
}

/// `map[key]`.
#[inline]
pub fn key<'m, T>(map: &'m BTreeMap<String, T>, key: &str) -> Result<&'m T, ErrorKind> {
    map.get(key).ok_or_else(|| ErrorKind::Key(key.to_owned()))
}

/// `get(list, index)`.
#[inline]
pub fn get_list<T: Clone>(list: &[T], index: i64) -> Option<T> {
    usize::try_from(index)
        .ok()
        .and_then(|at| list.get(at))
        .cloned()
}

/// `get(map, key)`.
#[inline]
pub fn get_map<T: Clone>(map: &BTreeMap<String, T>, key: &str) -> Option<T> {
    map.get(key).cloned()
}

/// `push(list, value)`: a new list (lists are values).
#[inline]
pub fn push<T: Clone>(list: &[T], value: T) -> Vec<T> {
    let mut pushed = Vec::with_capacity(list.len() + 1);
    pushed.extend_from_slice(list);
    pushed.push(value);
    pushed
}

/// `insert(map, key, value)`: a new map (maps are values).
#[inline]
pub fn insert<T: Clone>(map: &BTreeMap<String, T>, key: &str, value: T) -> BTreeMap<String, T> {
    let mut inserted = map.clone();
    inserted.insert(key.to_owned(), value);
    inserted
}

/// `keys(map)`: in order.
#[inline]
pub fn keys<T>(map: &BTreeMap<String, T>) -> Vec<String> {
    map.keys().cloned().collect()
}

/// `contains(text, part)`.
#[inline]
pub fn contains_str(text: &str, part: &str) -> bool {
    text.contains(part)
}

/// `contains(list, value)`.
#[inline]
pub fn contains_list<T: PartialEq>(list: &[T], value: &T) -> bool {
    list.contains(value)
}

/// `contains(map, key)`.
#[inline]
pub fn contains_key<T>(map: &BTreeMap<String, T>, key: &str) -> bool {
    map.contains_key(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_arithmetic_is_checked_and_truncates() {
        assert_eq!(add(i64::MAX, 1), Err(ErrorKind::Overflow));
        assert_eq!(div(-7, 2), Ok(-3));
        assert_eq!(rem(-7, 2), Ok(-1));
        assert_eq!(div(1, 0), Err(ErrorKind::DivisionByZero));
        assert_eq!(div(i64::MIN, -1), Err(ErrorKind::Overflow));
        assert_eq!(abs(i64::MIN), Err(ErrorKind::Overflow));
    }

    #[test]
    fn floats_round_convert_and_print_one_way() {
        assert_eq!(round(2.5), 3.0);
        assert_eq!(round(-2.5), -3.0);
        assert_eq!(to_int(-3.9), Ok(-3));
        assert_eq!(to_int(f64::NAN), Err(ErrorKind::Conversion));
        assert_eq!(to_int(9.3e18), Err(ErrorKind::Conversion));
        assert_eq!(float_to_str(1.0), "1.0");
        assert_eq!(float_to_str(0.1), "0.1");
        assert_eq!(float_to_str(1e21), "1e21");
        assert_eq!(div_float(1.0, 0.0), Err(ErrorKind::DivisionByZero));
    }

    #[test]
    fn text_counts_characters() {
        assert_eq!(len_str("héllo"), 5);
    }

    #[test]
    fn indexing_reports_what_was_out_of_range() {
        assert_eq!(
            index(&[1, 2], 2),
            Err(ErrorKind::Index { index: 2, len: 2 })
        );
        assert_eq!(
            index(&[1, 2], -1),
            Err(ErrorKind::Index { index: -1, len: 2 })
        );
        assert_eq!(index(&[1, 2], 1), Ok(&2));
    }
}
