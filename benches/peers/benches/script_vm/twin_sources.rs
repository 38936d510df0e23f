//! One program written twice, in the script language and in Python, for the compile
//! benchmark: ordinary rules (arithmetic, `if` chains, loops, `match` on strings, integers
//! and options, records built and read, lists and maps), nine functions per group, each
//! group's constants different. Both texts come from the same table of twin templates, so
//! they hold the same functions with the same statements.

/// The script text and its Python twin.
pub struct TwinSources {
    /// The script: one module.
    pub script: String,
    /// The same functions in Python, with a dataclass per record.
    pub python: String,
    /// Functions in each.
    pub functions: usize,
}

/// Each template once per group: `#K` is the group's number, `#A`, `#B` and `#C` constants
/// that differ between groups. The script side is indented for the module body; the Python
/// side is at top level.
const TWINS: &[(&str, &str)] = &[
    (
        r#"    /// The fee of an amount at a rate, clamped.
    pub fn fee_#K(amount: int, rate: int) -> int {
        let base = amount * rate / 100;
        let mut fee = base + #A;
        if fee < #B {
            fee = #B;
        } else if fee > 1000 {
            fee = 1000 + (fee - 1000) / 2;
        } else {
            fee = fee - fee % 5;
        }
        fee
    }
"#,
        r#"def fee_#K(amount, rate):
    """The fee of an amount at a rate, clamped."""
    base = amount * rate // 100
    fee = base + #A
    if fee < #B:
        fee = #B
    elif fee > 1000:
        fee = 1000 + (fee - 1000) // 2
    else:
        fee = fee - fee % 5
    return fee
"#,
    ),
    (
        r#"    /// Steps of the Collatz walk from `n`, at most a thousand.
    pub fn steps_#K(n: int) -> int {
        let mut count = 0;
        let mut x = n + #C;
        while x > 1 && count < 1000 {
            if x % 2 == 0 {
                x = x / 2;
            } else {
                x = 3 * x + 1;
            }
            count += 1;
        }
        count
    }
"#,
        r#"def steps_#K(n):
    """Steps of the Collatz walk from `n`, at most a thousand."""
    count = 0
    x = n + #C
    while x > 1 and count < 1000:
        if x % 2 == 0:
            x = x // 2
        else:
            x = 3 * x + 1
        count += 1
    return count
"#,
    ),
    (
        r#"    /// An amount after the tier's discount.
    pub fn discount_#K(tier: str, amount: int) -> int {
        let percent = match tier {
            "gold" => #A,
            "silver" => #A / 2,
            "bronze" => 2,
            _ => 0,
        };
        amount - amount * percent / 100
    }
"#,
        r#"def discount_#K(tier, amount):
    """An amount after the tier's discount."""
    match tier:
        case "gold":
            percent = #A
        case "silver":
            percent = #A // 2
        case "bronze":
            percent = 2
        case _:
            percent = 0
    return amount - amount * percent // 100
"#,
    ),
    (
        r#"    /// The discounted total of the orders that have a quantity.
    pub fn order_total_#K(orders: list[Order], tier: str) -> int {
        let mut sum = 0;
        for order in orders {
            if order.qty > 0 && order.tier != "blocked" {
                sum += order.cents * order.qty;
            }
        }
        discount_#K(tier, sum)
    }
"#,
        r#"def order_total_#K(orders, tier):
    """The discounted total of the orders that have a quantity."""
    total = 0
    for order in orders:
        if order.qty > 0 and order.tier != "blocked":
            total += order.cents * order.qty
    return discount_#K(tier, total)
"#,
    ),
    (
        r#"    /// A quote for the orders, with its fee.
    pub fn quote_#K(orders: list[Order], tier: str) -> Quote {
        let total = order_total_#K(orders, tier);
        let fee = fee_#K(total, #C);
        let note = if fee > #B { "fee " + to_str(fee) } else { "no fee" };
        Quote { total: total + fee, discount: #A, note: note }
    }
"#,
        r#"def quote_#K(orders, tier):
    """A quote for the orders, with its fee."""
    total = order_total_#K(orders, tier)
    fee = fee_#K(total, #C)
    note = "fee " + str(fee) if fee > #B else "no fee"
    return Quote(total=total + fee, discount=#A, note=note)
"#,
    ),
    (
        r#"    /// Squares below `n`, shifted.
    pub fn squares_#K(n: int) -> list[int] {
        let mut out = [#K];
        for i in 0..n {
            out = push(out, i * i + #A);
        }
        out
    }
"#,
        r#"def squares_#K(n):
    """Squares below `n`, shifted."""
    out = [#K]
    for i in range(n):
        out.append(i * i + #A)
    return out
"#,
    ),
    (
        r#"    /// A price by name, scaled, or nothing.
    pub fn lookup_#K(prices: map[str, int], name: str) -> int {
        match get(prices, name) {
            some(price) => price * #C / 10,
            none => 0,
        }
    }
"#,
        r#"def lookup_#K(prices, name):
    """A price by name, scaled, or nothing."""
    price = prices.get(name)
    if price is not None:
        return price * #C // 10
    return 0
"#,
    ),
    (
        r#"    /// A gross price without VAT, to the cent.
    pub fn net_#K(gross: float) -> float {
        let vat = 0.#A;
        round(gross / (1.0 + vat) * 100.0) / 100.0
    }
"#,
        r#"def net_#K(gross):
    """A gross price without VAT, to the cent."""
    vat = 0.#A
    return round(gross / (1.0 + vat) * 100.0) / 100.0
"#,
    ),
    (
        r#"    /// A grade for a score, with its band.
    pub fn grade_#K(score: int) -> str {
        let band = min(max(score, 0), 100) / 10;
        let letter = match band {
            10 => "A",
            9 => "A",
            8 => "B",
            7 => "C",
            _ => "F",
        };
        if band >= #B / 10 { letter + "+" } else { letter + to_str(band) }
    }
"#,
        r#"def grade_#K(score):
    """A grade for a score, with its band."""
    band = min(max(score, 0), 100) // 10
    match band:
        case 10:
            letter = "A"
        case 9:
            letter = "A"
        case 8:
            letter = "B"
        case 7:
            letter = "C"
        case _:
            letter = "F"
    return letter + "+" if band >= #B // 10 else letter + str(band)
"#,
    ),
];

const SCRIPT_HEADER: &str = r#"/// Generated by `benches/script_vm.rs` for the compile benchmark.
module generated {
    pub record Order { id: int, cents: int, qty: int, tier: str }
    pub record Quote { total: int, discount: int, note: str }

"#;

const PYTHON_HEADER: &str = r#""""Generated by `benches/script_vm.rs` for the compile benchmark."""

from dataclasses import dataclass


@dataclass
class Order:
    id: int
    cents: int
    qty: int
    tier: str


@dataclass
class Quote:
    total: int
    discount: int
    note: str

"#;

/// The program of `groups` groups of the nine twin functions.
pub fn twin_sources(groups: usize) -> TwinSources {
    let mut script = String::from(SCRIPT_HEADER);
    let mut python = String::from(PYTHON_HEADER);
    for k in 0..groups {
        let fill = |template: &str| {
            template
                .replace("#K", &k.to_string())
                .replace("#A", &(3 + k * 7 % 40).to_string())
                .replace("#B", &(20 + k * 13 % 80).to_string())
                .replace("#C", &(1 + k * 5 % 17).to_string())
        };
        for (script_template, python_template) in TWINS {
            script.push_str(&fill(script_template));
            script.push('\n');
            python.push_str("\n\n");
            python.push_str(&fill(python_template));
        }
    }
    script.push_str("}\n");
    TwinSources {
        script,
        python,
        functions: groups * TWINS.len(),
    }
}
