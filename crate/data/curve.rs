//! A curve `y = f(x)` a learner types, for the `curve` data set: points above it are class 1.
//!
//! The language: numbers (`2`, `0.5`, `1e-3`), `x`, `pi`, `e`, `+ − * / ^`, parentheses, and the
//! functions `sin cos tan exp log sqrt abs` (one argument) and `min max` (two, separated by a
//! comma). `^` binds tightest and to the right (`2^3^2` is `2^9`), then a unary minus (`-x^2` is
//! `−(x²)`), then `* /`, then `+ −`, as in written mathematics. A small recursive-descent parser:
//! every error says what was expected and at which character, counted from 1.
//!
//! The functions are the crate's own ([`crate::math::elementary`]) where wasm's standard library
//! would link a software library of its own: `sin`, `cos` and `tan` of arguments within
//! ±[`MAX_ANGLE`] (beyond, the curve has no value there), `exp`, and `^` as repeated
//! multiplication for whole exponents up to [`MAX_WHOLE_POWER`] (so `x^3` is defined for a
//! negative `x`), else `exp(b·ln a)`.

use crate::base::text::{clip, leading_decimal};
use crate::math::elementary;

/// The longest expression accepted, in characters.
pub const MAX_LENGTH: usize = 200;
/// The largest angle `sin`, `cos` and `tan` take.
pub const MAX_ANGLE: f64 = 1e5;
/// The largest whole exponent `^` computes by multiplication.
pub const MAX_WHOLE_POWER: f64 = 64.0;
/// Where the curve is sampled to check that it exists on the plane.
const SAMPLES: usize = 201;

/// A parsed expression.
#[derive(Clone, Debug, PartialEq)]
enum Node {
    Number(f64),
    X,
    Neg(Box<Node>),
    Binary(Op, Box<Node>, Box<Node>),
    Call(Function, Vec<Node>),
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Function {
    Sin,
    Cos,
    Tan,
    Exp,
    Log,
    Sqrt,
    Abs,
    Min,
    Max,
}

impl Function {
    const ALL: [(&'static str, Function, usize); 9] = [
        ("sin", Function::Sin, 1),
        ("cos", Function::Cos, 1),
        ("tan", Function::Tan, 1),
        ("exp", Function::Exp, 1),
        ("log", Function::Log, 1),
        ("sqrt", Function::Sqrt, 1),
        ("abs", Function::Abs, 1),
        ("min", Function::Min, 2),
        ("max", Function::Max, 2),
    ];
}

/// A curve `y = f(x)`: its text as typed and the expression parsed from it.
#[derive(Clone, Debug, PartialEq)]
pub struct Curve {
    text: String,
    root: Node,
}

impl Curve {
    /// Parses `text`; an error names the place and what was expected there, or says that the curve
    /// has no finite value anywhere on the plane's x range [−1, 1].
    pub fn parse(text: &str) -> Result<Curve, String> {
        let length = text.chars().count();
        if length > MAX_LENGTH {
            return Err(format!(
                "{length} characters, at most {MAX_LENGTH}: write the curve shorter"
            ));
        }
        let chars: Vec<char> = text.chars().collect();
        let mut p = Parser { chars, at: 0 };
        p.space();
        if p.at == p.chars.len() {
            return Err("empty: type a curve such as sin(3*x)/2".into());
        }
        let root = p.sum()?;
        p.space();
        if p.at < p.chars.len() {
            return Err(p.expected("an operator (+ − * / ^) or the end"));
        }
        let curve = Curve {
            text: text.trim().to_string(),
            root,
        };
        let finite = (0..SAMPLES).any(|i| curve.at(x_of(i)).is_finite());
        if !finite {
            return Err(format!(
                "{} has no finite value for any x from −1 to 1",
                clip(curve.text())
            ));
        }
        Ok(curve)
    }

    /// `y = x`, the line of the default scene.
    pub fn line() -> Curve {
        Curve {
            text: "x".into(),
            root: Node::X,
        }
    }

    /// The text as typed (trimmed).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// `f(x)`; infinite or NaN where the expression is (`1/x` at 0, `sqrt(x)` below 0).
    pub fn at(&self, x: f64) -> f64 {
        eval(&self.root, x)
    }
}

/// A curve travels as its text (in `config()`, in links).
impl serde::Serialize for Curve {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

/// The `i`-th of [`SAMPLES`] x values evenly spread over [−1, 1].
fn x_of(i: usize) -> f64 {
    -1.0 + 2.0 * i as f64 / (SAMPLES - 1) as f64
}

fn eval(node: &Node, x: f64) -> f64 {
    match node {
        Node::Number(v) => *v,
        Node::X => x,
        Node::Neg(a) => -eval(a, x),
        Node::Binary(op, a, b) => {
            let (a, b) = (eval(a, x), eval(b, x));
            match op {
                Op::Add => a + b,
                Op::Sub => a - b,
                Op::Mul => a * b,
                Op::Div => a / b,
                Op::Pow => power(a, b),
            }
        }
        Node::Call(f, args) => {
            let a = eval(&args[0], x);
            match f {
                Function::Sin => sin_cos(a).0,
                Function::Cos => sin_cos(a).1,
                Function::Tan => {
                    let (sin, cos) = sin_cos(a);
                    sin / cos
                }
                Function::Exp => elementary::exp(a),
                Function::Log => a.ln(),
                Function::Sqrt => a.sqrt(),
                Function::Abs => a.abs(),
                Function::Min => a.min(eval(&args[1], x)),
                Function::Max => a.max(eval(&args[1], x)),
            }
        }
    }
}

/// `(sin a, cos a)`, NaN beyond ±[`MAX_ANGLE`].
fn sin_cos(a: f64) -> (f64, f64) {
    if a.abs() <= MAX_ANGLE {
        elementary::sin_cos(a)
    } else {
        (f64::NAN, f64::NAN)
    }
}

/// `aᵇ`: a whole exponent up to [`MAX_WHOLE_POWER`] by repeated squaring (any sign of `a`), else
/// `exp(b·ln a)` (NaN for a negative `a`, as in real numbers).
fn power(a: f64, b: f64) -> f64 {
    if b == b.trunc() && b.abs() <= MAX_WHOLE_POWER {
        let (mut base, mut n, mut out) = (a, b.abs() as u32, 1.0);
        while n > 0 {
            if n & 1 == 1 {
                out *= base;
            }
            base *= base;
            n >>= 1;
        }
        return if b < 0.0 { 1.0 / out } else { out };
    }
    if a == 0.0 {
        return if b > 0.0 { 0.0 } else { f64::INFINITY };
    }
    elementary::exp(b * a.ln())
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn space(&mut self) {
        while self
            .chars
            .get(self.at)
            .is_some_and(|c| c.is_ascii_whitespace())
        {
            self.at += 1;
        }
    }

    /// The next character that is not a space, without taking it.
    fn peek(&mut self) -> Option<char> {
        self.space();
        self.chars.get(self.at).copied()
    }

    /// "at character N (…): expected …", N counted from 1.
    fn expected(&self, what: &str) -> String {
        match self.chars.get(self.at) {
            None => format!("at the end: expected {what}"),
            Some(c) => format!("at character {} ('{c}'): expected {what}", self.at + 1),
        }
    }

    /// `term (('+' | '−') term)*`.
    fn sum(&mut self) -> Result<Node, String> {
        let mut left = self.product()?;
        while let Some(c) = self.peek() {
            let op = match c {
                '+' => Op::Add,
                '-' | '−' => Op::Sub,
                _ => break,
            };
            self.at += 1;
            let right = self.product()?;
            left = Node::Binary(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    /// `unary (('*' | '/') unary)*`.
    fn product(&mut self) -> Result<Node, String> {
        let mut left = self.unary()?;
        while let Some(c) = self.peek() {
            let op = match c {
                '*' | '×' => Op::Mul,
                '/' => Op::Div,
                _ => break,
            };
            self.at += 1;
            let right = self.unary()?;
            left = Node::Binary(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    /// `('−' | '+') unary | power`.
    fn unary(&mut self) -> Result<Node, String> {
        match self.peek() {
            Some('-' | '−') => {
                self.at += 1;
                Ok(Node::Neg(Box::new(self.unary()?)))
            }
            Some('+') => {
                self.at += 1;
                self.unary()
            }
            _ => self.power(),
        }
    }

    /// `atom ('^' unary)?`: right-associative, and `2^-1` is allowed.
    fn power(&mut self) -> Result<Node, String> {
        let base = self.atom()?;
        if self.peek() == Some('^') {
            self.at += 1;
            let exponent = self.unary()?;
            return Ok(Node::Binary(Op::Pow, Box::new(base), Box::new(exponent)));
        }
        Ok(base)
    }

    /// A number, `x`, a constant, a call or a parenthesised sum.
    fn atom(&mut self) -> Result<Node, String> {
        let what = "a number, x, pi, e, a function such as sin( or '('";
        let Some(c) = self.peek() else {
            return Err(self.expected(what));
        };
        if c == '(' {
            self.at += 1;
            let inner = self.sum()?;
            return match self.peek() {
                Some(')') => {
                    self.at += 1;
                    Ok(inner)
                }
                _ => Err(self.expected("')'")),
            };
        }
        if c.is_ascii_digit() || c == '.' {
            return self.number();
        }
        if c == 'π' {
            self.at += 1;
            return Ok(Node::Number(std::f64::consts::PI));
        }
        if c.is_ascii_alphabetic() {
            let start = self.at;
            while self
                .chars
                .get(self.at)
                .is_some_and(|c| c.is_ascii_alphanumeric())
            {
                self.at += 1;
            }
            let name: String = self.chars[start..self.at].iter().collect();
            return match name.as_str() {
                "x" => Ok(Node::X),
                "pi" => Ok(Node::Number(std::f64::consts::PI)),
                "e" => Ok(Node::Number(std::f64::consts::E)),
                _ => self.call(&name, start),
            };
        }
        Err(self.expected(what))
    }

    /// The call of function `name` (which started at `start`): its arguments in parentheses.
    fn call(&mut self, name: &str, start: usize) -> Result<Node, String> {
        let Some(&(_, function, arity)) = Function::ALL.iter().find(|(n, _, _)| *n == name) else {
            let known: Vec<&str> = Function::ALL.iter().map(|(n, _, _)| *n).collect();
            return Err(format!(
                "at character {}: {} is not x, pi, e or a function ({})",
                start + 1,
                clip(name),
                known.join(" ")
            ));
        };
        if self.peek() != Some('(') {
            return Err(self.expected(&format!("'(' after {name}")));
        }
        self.at += 1;
        let mut args = vec![self.sum()?];
        while args.len() < arity {
            if self.peek() != Some(',') {
                return Err(self.expected(&format!("',' and the second argument of {name}")));
            }
            self.at += 1;
            args.push(self.sum()?);
        }
        match self.peek() {
            Some(')') => {
                self.at += 1;
                Ok(Node::Call(function, args))
            }
            _ => Err(self.expected(&format!("')' to close {name}("))),
        }
    }

    /// A number ([`leading_decimal`]).
    fn number(&mut self) -> Result<Node, String> {
        match leading_decimal(&self.chars[self.at..]) {
            Some((v, taken)) if v.is_finite() => {
                self.at += taken;
                Ok(Node::Number(v))
            }
            Some(_) => Err(self.expected("a number that is not too large")),
            None => Err(self.expected("a number")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(text: &str, x: f64) -> f64 {
        Curve::parse(text).unwrap().at(x)
    }

    #[test]
    fn the_language_evaluates_as_written_mathematics() {
        assert_eq!(f("x", 0.25), 0.25);
        assert_eq!(f("1 + 2*3", 0.0), 7.0);
        assert_eq!(f("(1 + 2)*3", 0.0), 9.0);
        assert_eq!(f("2^3^2", 0.0), 512.0);
        assert_eq!(f("-x^2", 3.0), -9.0);
        assert_eq!(f("2^-1", 0.0), 0.5);
        assert_eq!(f("x^3", -0.5), -0.125);
        assert_eq!(f("x^0", 0.0), 1.0);
        assert!((f("x^0.5", 0.25) - 0.5).abs() < 1e-15);
        assert!(f("x^0.5", -0.25).is_nan());
        assert!(f("sin(1e6*x)", 0.5).is_nan());
        assert_eq!(f("x^3 - x", 0.5), 0.125 - 0.5);
        assert_eq!(f("8 / 4 / 2", 0.0), 1.0);
        assert_eq!(f("abs(x) - 0.5", -0.75), 0.25);
        assert_eq!(f("min(x, 0.2) + max(x, -1)", 0.5), 0.7);
        assert!((f("sin(3*x)/2", 0.3) - (3.0 * 0.3f64).sin() / 2.0).abs() < 1e-15);
        assert!((f("exp(log(2))", 0.0) - 2.0).abs() < 1e-15);
        assert_eq!(f("sqrt(4) * cos(0) + tan(0)", 0.0), 2.0);
        assert!((f("tan(0.5)", 0.0) - 0.5f64.tan()).abs() < 1e-15);
        assert_eq!(f("pi", 0.0), std::f64::consts::PI);
        assert_eq!(f("e", 0.0), std::f64::consts::E);
        assert_eq!(f("1.5e-1 + .5", 0.0), 0.65);
        for (text, v) in [
            ("0.1", 0.1),
            ("2.71", 2.71),
            ("2e3", 2000.0),
            ("1E+2", 100.0),
            ("007.50", 7.5),
            ("0.000123", 0.000123),
            ("123456789012345", 123456789012345.0),
        ] {
            assert_eq!(f(text, 0.0), v, "{text}");
        }
        // No implicit multiplication: `2e` is a number and a constant without an operator.
        assert_eq!(
            Curve::parse("2e").unwrap_err(),
            "at character 2 ('e'): expected an operator (+ − * / ^) or the end"
        );
        assert_eq!(Curve::parse("  x  ").unwrap().text(), "x");
    }

    #[test]
    fn errors_point_at_the_place_and_say_what_was_expected() {
        let err = |t: &str| Curve::parse(t).unwrap_err();
        assert_eq!(
            err("sin("),
            "at the end: expected a number, x, pi, e, a function such as sin( or '('"
        );
        assert_eq!(
            err("x ++"),
            "at the end: expected a number, x, pi, e, a function such as sin( or '('"
        );
        assert_eq!(
            err("foo(x)"),
            "at character 1: foo is not x, pi, e or a function (sin cos tan exp log sqrt abs min max)"
        );
        assert_eq!(
            err("x )"),
            "at character 3 (')'): expected an operator (+ − * / ^) or the end"
        );
        assert_eq!(err("(x"), "at the end: expected ')'");
        assert_eq!(
            err("min(x)"),
            "at character 6 (')'): expected ',' and the second argument of min"
        );
        assert_eq!(err("sin x"), "at character 5 ('x'): expected '(' after sin");
        assert_eq!(err(""), "empty: type a curve such as sin(3*x)/2");
        assert_eq!(err("1/0"), "1/0 has no finite value for any x from −1 to 1");
        assert_eq!(
            err(&"x+".repeat(5000)),
            "10000 characters, at most 200: write the curve shorter"
        );
        assert_eq!(
            err("x $ 2"),
            "at character 3 ('$'): expected an operator (+ − * / ^) or the end"
        );
    }

    #[test]
    fn a_curve_defined_only_in_part_of_the_range_is_accepted() {
        let c = Curve::parse("sqrt(x)").unwrap();
        assert!(c.at(-0.5).is_nan());
        assert_eq!(c.at(0.25), 0.5);
        assert!(Curve::parse("1/x").unwrap().at(0.0).is_infinite());
    }
}
