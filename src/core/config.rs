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

/// The keys a config may have.
pub const KEYS: [&str; 1] = ["requestTimeoutMs"];

/// Why a config is refused (a `TypeError`, and nothing changes).
#[derive(Debug, PartialEq)]
pub enum ConfigError<E> {
    /// The message names the key and what it must be.
    Invalid(String),
    /// Reading it threw: thrown.
    Threw(E),
}

/// Reads `config`: an object of the [`KEYS`], each read once; any other key is refused.
pub fn read_config<I: Input>(input: &I, config: &I::Value) -> Result<ConfigChange, ConfigError<I::Error>> {
    if input.kind(config) != Kind::Object {
        return Err(ConfigError::Invalid("setGlobalConfig needs an object, such as {requestTimeoutMs: 30000}".into()));
    }
    let mut change = ConfigChange::default();
    for (key, value) in input.entries(config).map_err(ConfigError::Threw)? {
        let key = match input.kind(&key) {
            Kind::String(len) => input.text(&key, len.min(64)),
            _ => String::new(),
        };
        match key.as_str() {
            "requestTimeoutMs" => match input.kind(&value) {
                Kind::Undefined => {}
                Kind::Number(ms) if (0.0..=REQUEST_TIMEOUT_MAX_MS).contains(&ms) => change.request_timeout_ms = Some(ms),
                _ => {
                    let rule = ["requestTimeoutMs must be a number of milliseconds from 0 (no timeout) to ", &(REQUEST_TIMEOUT_MAX_MS as u32).to_string()];
                    return Err(ConfigError::Invalid(rule.concat()));
                }
            },
            _ => {
                let message = ["setGlobalConfig: unknown key \"", &key, "\" (the keys are ", &KEYS.join(", "), ")"];
                return Err(ConfigError::Invalid(message.concat()));
            }
        }
    }
    Ok(change)
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
        assert_eq!(read(obj(vec![])), Ok(ConfigChange::default()));
        match read(obj(vec![("requestTimeoutMS", J::Num(10.0))])) {
            Err(ConfigError::Invalid(m)) => assert_eq!(m, "setGlobalConfig: unknown key \"requestTimeoutMS\" (the keys are requestTimeoutMs)"),
            other => panic!("{other:?}"),
        }
        for bad in [J::Num(-1.0), J::Num(f64::NAN), J::Num(f64::INFINITY), J::Num(2_147_483_648.0), s("30000"), J::Null, J::Bool(true)] {
            match read(obj(vec![("requestTimeoutMs", bad)])) {
                Err(ConfigError::Invalid(m)) => assert!(m.starts_with("requestTimeoutMs must be"), "{m}"),
                other => panic!("{other:?}"),
            }
        }
        for bad in [J::Undefined, s("x"), J::Num(5.0), crate::core::input::model::arr(vec![])] {
            assert!(matches!(read(bad), Err(ConfigError::Invalid(m)) if m.starts_with("setGlobalConfig needs an object")));
        }
        assert_eq!(read(obj(vec![("requestTimeoutMs", J::Throws)])), Err(ConfigError::Threw(Thrown)));
    }
}
