//! Turns fuzzer bytes into the core's inputs: strings, numbers, routing keys and JS-like
//! [`Value`]s. Every byte string decodes to something (running out of bytes yields zeros), so
//! the fuzzer spends its time in the core, not in rejected inputs.

use taskjs::core::interner::RouteKey;
use taskjs::core::value::{Object, Value};

/// Keys and strings the core treats specially, so the fuzzer reaches them quickly.
pub const WORDS: &[&str] = &[
    "name", "Name", "description", "Description", "references", "References", "type", "Type",
    "value", "Value", "endpoint", "endpointARN", "endpointId", "taskTemplateId", "TaskTemplateId",
    "contactId", "ContactId", "InitialContactId", "id", "status", "Status", "maxResults",
    "MaxResults", "scheduledTime", "ScheduledTime", "quickConnectId", "QuickConnectId",
    "idempotencyToken", "previousContactId", "ContentType", "__proto__", "constructor",
    "prototype", "toString", "URL", "EMAIL", "NUMBER", "STRING", "DATE", "ACTIVE", "active",
    "INACTIVE", "Inactive", "arn:aws:connect:us-west-2:1:instance/i/transfer-destination/q", "a/b/",
    "", "ß", "SS", "é", "\u{10428}", "1e308", "1.8e308", "-0", ".5", "5.", "0x10", "NaN",
    "Infinity", " 1", "application/vnd.amazonaws.connect.event.transfer.initiated",
    "application/vnd.amazonaws.connect.event.transfer.succeeded",
    "application/vnd.amazonaws.connect.event.transfer.failed",
    "application/vnd.amazonaws.connect.event.expire.warning",
    "application/vnd.amazonaws.connect.event.expire.complete",
    "application/vnd.amazonaws.connect.event.", "application/vnd.amazonaws.connect.event.transfer",
];

/// Numbers at the edges of the documented limits and of f64.
const NUMBERS: &[f64] = &[
    0.0, -0.0, 1.0, -1.0, 0.5, 99.0, 100.0, 100.5, 101.0, 512.0, 4096.0, 1e21, -1e21,
    f64::MAX, f64::MIN, f64::MIN_POSITIVE, f64::EPSILON, f64::INFINITY, f64::NEG_INFINITY,
    f64::NAN, 1_700_000_000.0,
];

/// A cursor over the fuzzer's bytes.
pub struct Input<'a> {
    data: &'a [u8],
}

impl<'a> Input<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Input { data }
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    pub fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((b, rest)) => {
                self.data = rest;
                *b
            }
            None => 0,
        }
    }

    pub fn bytes(&mut self, n: usize) -> &'a [u8] {
        let n = n.min(self.data.len());
        let (head, rest) = self.data.split_at(n);
        self.data = rest;
        head
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            usize::from(self.byte()) % n
        }
    }

    pub fn bool(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    pub fn u32(&mut self) -> u32 {
        let mut b = [0u8; 4];
        for (dst, src) in b.iter_mut().zip(self.bytes(4)) {
            *dst = *src;
        }
        u32::from_le_bytes(b)
    }

    pub fn f64(&mut self) -> f64 {
        match self.below(4) {
            0 => NUMBERS[self.below(NUMBERS.len())],
            1 => f64::from(self.byte()) - 8.0,
            2 => f64::from(self.u32()) / 16.0,
            _ => {
                let mut b = [0u8; 8];
                for (dst, src) in b.iter_mut().zip(self.bytes(8)) {
                    *dst = *src;
                }
                f64::from_le_bytes(b)
            }
        }
    }

    /// A dictionary word, a short arbitrary UTF-8 string, or a long run of one character
    /// (long enough to cross the 512 and 4096 limits, in 1-, 2- or 3-byte characters).
    pub fn string(&mut self) -> String {
        match self.below(8) {
            0..=3 => WORDS[self.below(WORDS.len())].to_owned(),
            4..=5 => {
                let n = self.below(24);
                String::from_utf8_lossy(self.bytes(n)).into_owned()
            }
            6 => {
                let mut s = WORDS[self.below(WORDS.len())].to_owned();
                s.push_str(&String::from_utf8_lossy(self.bytes(3)));
                s
            }
            _ => {
                let len = [511, 512, 513, 4095, 4096, 4097, 2048, 2049][self.below(8)];
                let c = ['x', 'é', '中', '😀'][self.below(4)];
                let count = if c == '😀' { len / 2 + self.below(2) } else { len };
                c.to_string().repeat(count)
            }
        }
    }

    /// A routing key (or none, as for `NaN` or an object field).
    pub fn route_key(&mut self) -> Option<RouteKey> {
        match self.below(8) {
            0 => None,
            1 => Some(RouteKey::Undefined),
            2 => Some(RouteKey::Null),
            3 => Some(RouteKey::Bool(self.bool())),
            4 => RouteKey::number(self.f64()),
            // A small alphabet, so that keys collide often.
            5..=6 => Some(RouteKey::text(["a", "b", "c", "", "__proto__"][self.below(5)])),
            _ => Some(RouteKey::text(&self.string())),
        }
    }

    /// A JS-like value at most `depth` levels deep (the wasm shell stops at 8).
    pub fn value(&mut self, depth: u32) -> Value {
        let kinds = if depth == 0 { 6 } else { 9 };
        match self.below(kinds) {
            0 => Value::Undefined,
            1 => Value::Null,
            2 => Value::Bool(self.bool()),
            3 => Value::Number(self.f64()),
            4 => Value::String(self.string()),
            5 => Value::Opaque(self.u32()),
            6 => {
                let n = self.below(5);
                Value::Array((0..n).map(|_| self.value(depth - 1)).collect())
            }
            _ => Value::Object(self.object(depth - 1)),
        }
    }

    /// A plain object; repeated keys behave as in an object literal.
    pub fn object(&mut self, depth: u32) -> Object {
        let n = self.below(9);
        let mut o = Object::new();
        for _ in 0..n {
            let k = self.string();
            let v = self.value(depth);
            o.set(k, v);
        }
        o
    }
}
