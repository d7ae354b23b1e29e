//! Version 1 of the body: the writer (the ops turning a base into the
//! target scenario, the cheaper of replacing a value and editing inside it,
//! written as postcard tokens) and the reader (iterative, with limits on
//! depth, array length and total size).
//!
//! Frozen, like every released version (see the module documentation of
//! `link`): its key and value tables, bases and layouts are in
//! `v1_tables.rs`. Keys and string values missing from those tables are
//! written by name (`SetKey`, `Str`), which is how fields added after
//! version 1 travel.

use super::v1_tables::{Head, Tok, BASES_JSON, KEYS, VALUES};
use super::{corrupt, LinkError};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Deepest value nesting accepted (a scenario needs 5).
const MAX_DEPTH: usize = 16;
/// Longest array accepted (validation allows at most 1,000 entries).
const MAX_ARRAY: u32 = 4_096;
/// Most JSON nodes a body may create (tokens plus copies by `Resize`).
const MAX_NODES: usize = 1 << 18;

/// The frozen bases, parsed once.
pub(super) fn bases() -> &'static [(u8, Value)] {
    static BASES: OnceLock<Vec<(u8, Value)>> = OnceLock::new();
    BASES.get_or_init(|| {
        let entries: Vec<Value> = serde_json::from_str(BASES_JSON).unwrap_or_default();
        entries
            .into_iter()
            .filter_map(|mut entry| {
                let code = u8::try_from(entry.get("code")?.as_u64()?).ok()?;
                Some((code, entry.get_mut("scenario")?.take()))
            })
            .collect()
    })
}

fn base(code: u8) -> Option<&'static Value> {
    bases().iter().find(|(c, _)| *c == code).map(|(_, v)| v)
}

// ------------------------------------------------------------------
// Writing

/// An op, borrowing its value from the target scenario.
enum Op<'a> {
    Set(Vec<u32>, &'a Value),
    Resize(Vec<u32>, u32),
    SetKey(Vec<u32>, &'a str, &'a Value),
}

fn key_index(key: &str) -> Option<u32> {
    static INDEX: OnceLock<HashMap<&'static str, u32>> = OnceLock::new();
    let index = INDEX.get_or_init(|| KEYS.iter().zip(0..).map(|(k, i)| (*k, i)).collect());
    index.get(key).copied()
}

fn value_index(value: &str) -> Option<u32> {
    static INDEX: OnceLock<HashMap<&'static str, u32>> = OnceLock::new();
    let index = INDEX.get_or_init(|| VALUES.iter().zip(0..).map(|(v, i)| (*v, i)).collect());
    index.get(value).copied()
}

/// Appends to a borrowed buffer.
struct Sink<'v>(&'v mut Vec<u8>);

impl Extend<u8> for Sink<'_> {
    fn extend<I: IntoIterator<Item = u8>>(&mut self, bytes: I) {
        self.0.extend(bytes);
    }
}

fn put<T: Serialize>(item: &T, out: &mut Vec<u8>) {
    // Writing into a `Vec` cannot fail.
    let _ = postcard::to_extend(item, Sink(out));
}

fn float_tok(f: f64) -> Tok {
    let raw = Tok::F64(f);
    let text = format!("{:e}", f.abs());
    let Some((mantissa, exponent)) = text.split_once('e') else {
        return raw;
    };
    let fraction = mantissa.split_once('.').map_or(0, |(_, frac)| frac.len());
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let (Ok(m), Ok(e)) = (digits.parse::<u64>(), exponent.parse::<i32>()) else {
        return raw;
    };
    let e = e - fraction as i32;
    let negative = f.is_sign_negative();
    if decimal(negative, m, e).map(f64::to_bits) != Some(f.to_bits()) {
        return raw;
    }
    // Tag, then varints: 7 bits a byte for the mantissa, zigzag exponent.
    let varint = |v: u64| (64 - v.leading_zeros()).max(1).div_ceil(7);
    let zigzag = ((e << 1) ^ (e >> 31)) as u32;
    if varint(m) + varint(u64::from(zigzag)) > 8 {
        raw
    } else if negative {
        Tok::NegDec(m, e)
    } else {
        Tok::Dec(m, e)
    }
}

fn decimal(negative: bool, m: u64, e: i32) -> Option<f64> {
    let sign = if negative { "-" } else { "" };
    format!("{sign}{m}e{e}")
        .parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
}

fn write_value(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Null => put(&Tok::Null, out),
        Value::Bool(false) => put(&Tok::False, out),
        Value::Bool(true) => put(&Tok::True, out),
        Value::Number(n) => {
            let tok = if let Some(u) = n.as_u64() {
                Tok::UInt(u)
            } else if let Some(i) = n.as_i64() {
                Tok::NegInt((-(i + 1)) as u64)
            } else {
                float_tok(n.as_f64().unwrap_or(f64::NAN))
            };
            put(&tok, out);
        }
        Value::String(s) => match value_index(s) {
            Some(i) => put(&Tok::Sym(i), out),
            None => put(&Tok::Str(s.clone()), out),
        },
        Value::Array(items) => {
            put(&Tok::Arr(items.len() as u32), out);
            for item in items {
                write_value(item, out);
            }
        }
        Value::Object(map) => {
            put(&Tok::Obj(map.len() as u32), out);
            for (k, v) in map {
                match key_index(k) {
                    Some(i) => put(&Tok::Sym(i), out),
                    None => put(&Tok::Str(k.clone()), out),
                }
                write_value(v, out);
            }
        }
    }
}

fn write_op(op: &Op, out: &mut Vec<u8>) {
    match op {
        Op::Set(path, value) => {
            put(&Head::Set(path.clone()), out);
            write_value(value, out);
        }
        Op::Resize(path, len) => put(&Head::Resize(path.clone(), *len), out),
        Op::SetKey(path, key, value) => {
            put(&Head::SetKey(path.clone(), (*key).to_string()), out);
            write_value(value, out);
        }
    }
}

/// Encoded sizes of the values of a target scenario, by address, so
/// that comparing alternatives never re-encodes a value.
pub(super) struct Sizes(HashMap<*const Value, usize>);

impl Sizes {
    pub(super) fn of(target: &Value) -> Sizes {
        fn fill(
            value: &Value,
            map: &mut HashMap<*const Value, usize>,
            scratch: &mut Vec<u8>,
        ) -> usize {
            scratch.clear();
            let size = match value {
                Value::Array(items) => {
                    put(&Tok::Arr(items.len() as u32), scratch);
                    let own = scratch.len();
                    own + items.iter().map(|v| fill(v, map, scratch)).sum::<usize>()
                }
                Value::Object(entries) => {
                    put(&Tok::Obj(entries.len() as u32), scratch);
                    let mut total = scratch.len();
                    for (k, v) in entries {
                        scratch.clear();
                        match key_index(k) {
                            Some(i) => put(&Tok::Sym(i), scratch),
                            None => put(&Tok::Str(k.clone()), scratch),
                        }
                        total += scratch.len() + fill(v, map, scratch);
                    }
                    total
                }
                scalar => {
                    write_value(scalar, scratch);
                    scratch.len()
                }
            };
            map.insert(value as *const Value, size);
            size
        }
        let mut map = HashMap::new();
        fill(target, &mut map, &mut Vec::new());
        Sizes(map)
    }

    /// Encoded size of an op.
    fn op(&self, op: &Op, scratch: &mut Vec<u8>) -> usize {
        scratch.clear();
        let value = match op {
            Op::Set(path, value) => {
                put(&Head::Set(path.clone()), scratch);
                Some(*value)
            }
            Op::Resize(path, len) => {
                put(&Head::Resize(path.clone(), *len), scratch);
                None
            }
            Op::SetKey(path, key, value) => {
                put(&Head::SetKey(path.clone(), (*key).to_string()), scratch);
                Some(*value)
            }
        };
        let value = value.map_or(0, |v| {
            self.0
                .get(&(v as *const Value))
                .copied()
                .unwrap_or_else(|| {
                    let mut out = Vec::new();
                    write_value(v, &mut out);
                    out.len()
                })
        });
        scratch.len() + value
    }
}

/// Appends the ops turning `base` into `target` at `path` (the cheaper
/// of replacing the value whole and editing inside it); returns their
/// encoded size.
fn diff<'a>(
    base: &Value,
    target: &'a Value,
    path: &mut Vec<u32>,
    out: &mut Vec<Op<'a>>,
    sizes: &Sizes,
    scratch: &mut Vec<u8>,
) -> usize {
    let start = out.len();
    let mut inner = 0;
    let possible = match (base, target) {
        (Value::Object(b), Value::Object(t)) if b.keys().all(|k| t.contains_key(k)) => {
            for (k, tv) in t {
                match (key_index(k), b.get(k)) {
                    (Some(i), Some(bv)) => {
                        path.push(i);
                        inner += diff(bv, tv, path, out, sizes, scratch);
                        path.pop();
                    }
                    (Some(i), None) => {
                        path.push(i);
                        let op = Op::Set(path.clone(), tv);
                        inner += sizes.op(&op, scratch);
                        out.push(op);
                        path.pop();
                    }
                    (None, bv) => {
                        if bv != Some(tv) {
                            let op = Op::SetKey(path.clone(), k, tv);
                            inner += sizes.op(&op, scratch);
                            out.push(op);
                        }
                    }
                }
            }
            true
        }
        (Value::Array(b), Value::Array(t)) if t.len() <= MAX_ARRAY as usize => {
            if b.len() != t.len() {
                let op = Op::Resize(path.clone(), t.len() as u32);
                inner += sizes.op(&op, scratch);
                out.push(op);
            }
            for (i, tv) in t.iter().enumerate() {
                let bv = b.get(i).or(b.last()).unwrap_or(&Value::Null);
                path.push(i as u32);
                inner += diff(bv, tv, path, out, sizes, scratch);
                path.pop();
            }
            true
        }
        _ if base == target => return 0,
        _ => false,
    };
    if possible && out.len() == start {
        // Same shape and nothing changed inside: equal.
        return 0;
    }
    let whole = Op::Set(path.clone(), target);
    let whole_size = sizes.op(&whole, scratch);
    if possible && inner <= whole_size {
        inner
    } else {
        out.truncate(start);
        out.push(whole);
        whole_size
    }
}

/// Leaves out of a scenario's JSON the sections and fields added after
/// version 1 (keys missing from the frozen tables, such as `supplies`, or,
/// at any depth, keys the frozen example-city base does not have, such as
/// `tracing.contacts_held`) that hold their defaults: a link without them
/// decodes to the defaults (`#[serde(default)]`), so they cost nothing
/// until they are changed.
pub(super) fn drop_new_defaults(target: &mut Value) {
    static DEFAULT: OnceLock<Value> = OnceLock::new();
    let default = DEFAULT.get_or_init(|| {
        serde_json::to_value(crate::scenario::Scenario::default()).unwrap_or(Value::Null)
    });
    if let (Value::Object(target), Value::Object(default)) = (&mut *target, default) {
        target.retain(|key, value| key_index(key).is_some() || default.get(key) != Some(value));
    }
    let old = bases().first().map(|(_, base)| base);
    drop_new_nested_defaults(target, default, old);
}

/// Within the sections version 1 had: drops the keys the old base lacks
/// whose value is the default's (objects only, not inside arrays).
fn drop_new_nested_defaults(target: &mut Value, default: &Value, old: Option<&Value>) {
    let (Value::Object(target), Value::Object(default), Some(Value::Object(old))) =
        (target, default, old)
    else {
        return;
    };
    target.retain(|key, value| old.contains_key(key) || default.get(key) != Some(value));
    for (key, value) in target.iter_mut() {
        if let (Some(default), Some(old)) = (default.get(key), old.get(key)) {
            drop_new_nested_defaults(value, default, Some(old));
        }
    }
}

/// The body of `target` against base preset `code`.
pub(super) fn body(code: u8, base: &Value, target: &Value, sizes: &Sizes) -> Vec<u8> {
    let mut ops = Vec::new();
    let mut scratch = Vec::new();
    diff(base, target, &mut Vec::new(), &mut ops, sizes, &mut scratch);
    let mut out = vec![code];
    for op in &ops {
        write_op(op, &mut out);
    }
    out
}

// ------------------------------------------------------------------
// Reading

struct Reader<'a> {
    input: &'a [u8],
    nodes: usize,
}

impl<'a> Reader<'a> {
    fn take<T: Deserialize<'a>>(&mut self) -> Result<T, LinkError> {
        let (item, rest) =
            postcard::take_from_bytes(self.input).map_err(|_| corrupt("malformed content"))?;
        self.input = rest;
        Ok(item)
    }

    fn spend(&mut self, nodes: usize) -> Result<(), LinkError> {
        self.nodes = self.nodes.saturating_add(nodes);
        if self.nodes > MAX_NODES {
            return Err(corrupt("the content is too large"));
        }
        Ok(())
    }

    fn key(&mut self) -> Result<String, LinkError> {
        match self.take::<Tok>()? {
            Tok::Sym(i) => KEYS
                .get(i as usize)
                .map(|k| (*k).to_string())
                .ok_or_else(|| corrupt("unknown key")),
            Tok::Str(s) => Ok(s),
            _ => Err(corrupt("expected a key")),
        }
    }

    /// Whether a container of `n` entries at `depth` has entries to
    /// read; an error if it cannot be well formed.
    fn open(&self, n: u32, depth: usize) -> Result<bool, LinkError> {
        if n == 0 {
            Ok(false)
        } else if depth >= MAX_DEPTH {
            Err(corrupt("nested too deep"))
        } else if n as usize > self.input.len() {
            Err(corrupt("truncated content"))
        } else {
            Ok(true)
        }
    }

    /// One value, read without recursion.
    fn value(&mut self) -> Result<Value, LinkError> {
        enum Frame {
            Arr(Vec<Value>, u32),
            Obj(Map<String, Value>, u32, Option<String>),
        }
        let mut stack: Vec<Frame> = Vec::new();
        loop {
            if let Some(Frame::Obj(_, _, key @ None)) = stack.last_mut() {
                *key = Some(self.key()?);
            }
            self.spend(1)?;
            let mut value = match self.take::<Tok>()? {
                Tok::Null => Value::Null,
                Tok::False => Value::Bool(false),
                Tok::True => Value::Bool(true),
                Tok::UInt(u) => Value::Number(u.into()),
                Tok::NegInt(n) => {
                    let n = i64::try_from(n).map_err(|_| corrupt("number out of range"))?;
                    Value::Number((-n - 1).into())
                }
                Tok::Dec(m, e) => number(decimal(false, m, e))?,
                Tok::NegDec(m, e) => number(decimal(true, m, e))?,
                Tok::F64(f) => number(Some(f))?,
                Tok::Sym(i) => Value::String(
                    VALUES
                        .get(i as usize)
                        .ok_or_else(|| corrupt("unknown symbol"))?
                        .to_string(),
                ),
                Tok::Str(s) => Value::String(s),
                Tok::Arr(n) => {
                    if !self.open(n, stack.len())? {
                        Value::Array(Vec::new())
                    } else {
                        stack.push(Frame::Arr(Vec::with_capacity((n as usize).min(64)), n));
                        continue;
                    }
                }
                Tok::Obj(n) => {
                    if !self.open(n, stack.len())? {
                        Value::Object(Map::new())
                    } else {
                        stack.push(Frame::Obj(Map::new(), n, None));
                        continue;
                    }
                }
            };
            // Hand the finished value to its parents.
            loop {
                let done = match stack.last_mut() {
                    None => return Ok(value),
                    Some(Frame::Arr(items, left)) => {
                        items.push(value);
                        *left -= 1;
                        *left == 0
                    }
                    Some(Frame::Obj(map, left, key)) => {
                        let key = key.take().ok_or_else(|| corrupt("expected a key"))?;
                        map.insert(key, value);
                        *left -= 1;
                        *left == 0
                    }
                };
                if !done {
                    break;
                }
                value = match stack.pop() {
                    Some(Frame::Arr(items, _)) => Value::Array(items),
                    Some(Frame::Obj(map, _, _)) => Value::Object(map),
                    None => return Err(corrupt("malformed content")),
                };
            }
        }
    }
}

fn number(f: Option<f64>) -> Result<Value, LinkError> {
    f.and_then(Number::from_f64)
        .map(Value::Number)
        .ok_or_else(|| corrupt("number out of range"))
}

fn shallow(path: &[u32]) -> Result<(), LinkError> {
    if path.len() > MAX_DEPTH {
        return Err(corrupt("path too deep"));
    }
    Ok(())
}

/// The value at `path`, which must exist.
fn at<'v>(mut value: &'v mut Value, path: &[u32]) -> Result<&'v mut Value, LinkError> {
    for &segment in path {
        value = match value {
            Value::Object(map) => KEYS
                .get(segment as usize)
                .and_then(|k| map.get_mut(*k))
                .ok_or_else(|| corrupt("no such field"))?,
            Value::Array(items) => items
                .get_mut(segment as usize)
                .ok_or_else(|| corrupt("no such element"))?,
            _ => return Err(corrupt("no such field")),
        };
    }
    Ok(value)
}

fn count_nodes(value: &Value) -> usize {
    let mut count = 0;
    let mut pending = vec![value];
    while let Some(v) = pending.pop() {
        count += 1;
        match v {
            Value::Array(items) => pending.extend(items),
            Value::Object(map) => pending.extend(map.values()),
            _ => {}
        }
    }
    count
}

/// The scenario JSON of a version-1 body.
pub(super) fn read(body: &[u8]) -> Result<Value, LinkError> {
    let (&code, ops) = body.split_first().ok_or_else(|| corrupt("empty"))?;
    let mut scenario = base(code)
        .ok_or_else(|| corrupt("unknown base preset"))?
        .clone();
    let mut reader = Reader {
        input: ops,
        nodes: 0,
    };
    while !reader.input.is_empty() {
        match reader.take::<Head>()? {
            Head::Set(path) => {
                shallow(&path)?;
                let value = reader.value()?;
                match path.split_last() {
                    None => scenario = value,
                    Some((&last, parent)) => match at(&mut scenario, parent)? {
                        Value::Object(map) => {
                            let key = KEYS
                                .get(last as usize)
                                .ok_or_else(|| corrupt("unknown key"))?;
                            map.insert((*key).to_string(), value);
                        }
                        Value::Array(items) => {
                            *items
                                .get_mut(last as usize)
                                .ok_or_else(|| corrupt("no such element"))? = value;
                        }
                        _ => return Err(corrupt("no such field")),
                    },
                }
            }
            Head::SetKey(path, key) => {
                shallow(&path)?;
                let value = reader.value()?;
                match at(&mut scenario, &path)? {
                    Value::Object(map) => {
                        map.insert(key, value);
                    }
                    _ => return Err(corrupt("no such field")),
                }
            }
            Head::Resize(path, len) => {
                shallow(&path)?;
                if len > MAX_ARRAY {
                    return Err(corrupt("list too long"));
                }
                let Value::Array(items) = at(&mut scenario, &path)? else {
                    return Err(corrupt("not a list"));
                };
                let len = len as usize;
                if len > items.len() {
                    let fill = items.last().cloned().unwrap_or(Value::Null);
                    reader.spend(count_nodes(&fill).saturating_mul(len - items.len()))?;
                    items.resize(len, fill);
                } else {
                    items.truncate(len);
                }
            }
        }
    }
    Ok(scenario)
}
