//! The global config: `connect.TaskSession.setGlobalConfig({requestTimeoutMs})`.

use super::input::{Input, Kind};

/// How long an agent request waits for its answer unless the page says otherwise.
pub const REQUEST_TIMEOUT_DEFAULT_MS: f64 = 60_000.0;
/// The longest timer a browser keeps (a longer one fires at once).
pub const REQUEST_TIMEOUT_MAX_MS: f64 = 2_147_483_647.0;

/// What a config sets (a key it does not have keeps its value).
#[derive(Debug, Default, PartialEq)]
pub struct ConfigChange {
    /// `requestTimeoutMs`: milliseconds, 0 for no timeout.
    pub request_timeout_ms: Option<f64>,
}

/// Why a config is refused (a `TypeError`, and nothing changes).
#[derive(Debug, PartialEq)]
pub enum ConfigError<E> {
    /// `message` names the key and what it must be.
    Invalid(&'static str),
    /// Reading it threw: thrown.
    Threw(E),
}

/// Reads `config`; keys it does not know are left alone (ChatJS's config has more).
pub fn read_config<I: Input>(input: &I, config: &I::Value) -> Result<ConfigChange, ConfigError<I::Error>> {
    if !input.kind(config).is_object() {
        return Err(ConfigError::Invalid("setGlobalConfig needs an object, such as {requestTimeoutMs: 30000}"));
    }
    let timeout = input.get(config, "requestTimeoutMs").map_err(ConfigError::Threw)?;
    let request_timeout_ms = match input.kind(&timeout) {
        Kind::Undefined => None,
        Kind::Number(ms) if (0.0..=REQUEST_TIMEOUT_MAX_MS).contains(&ms) => Some(ms),
        _ => {
            let rule = "requestTimeoutMs must be a number of milliseconds from 0 (no timeout) to 2147483647";
            return Err(ConfigError::Invalid(rule));
        }
    };
    Ok(ConfigChange { request_timeout_ms })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::input::model::{obj, s, Model, Thrown, J};

    fn read(v: J) -> Result<ConfigChange, ConfigError<Thrown>> {
        read_config(&Model, &v)
    }

    #[test]
    fn request_timeout() {
        assert_eq!(read(obj(vec![("requestTimeoutMs", J::Num(30_000.0))])), Ok(ConfigChange { request_timeout_ms: Some(30_000.0) }));
        assert_eq!(read(obj(vec![("requestTimeoutMs", J::Num(0.0))])).unwrap().request_timeout_ms, Some(0.0));
        assert_eq!(read(obj(vec![("region", s("us-west-2"))])), Ok(ConfigChange::default()));
        for bad in [J::Num(-1.0), J::Num(f64::NAN), J::Num(f64::INFINITY), J::Num(2_147_483_648.0), s("30000"), J::Null, J::Bool(true)] {
            match read(obj(vec![("requestTimeoutMs", bad)])) {
                Err(ConfigError::Invalid(m)) => assert!(m.starts_with("requestTimeoutMs must be"), "{m}"),
                other => panic!("{other:?}"),
            }
        }
        for bad in [J::Undefined, s("x"), J::Num(5.0)] {
            assert!(matches!(read(bad), Err(ConfigError::Invalid(m)) if m.starts_with("setGlobalConfig needs an object")));
        }
        assert_eq!(read(obj(vec![("requestTimeoutMs", J::Throws)])), Err(ConfigError::Threw(Thrown)));
    }
}
