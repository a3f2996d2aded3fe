//! The plain-Rust core: no JavaScript types here, so everything is testable with `cargo test`.

pub mod events;
pub mod interner;
pub mod routing;
pub mod subscribers;
pub mod task_request;
pub mod uuid;
pub mod validation;
pub mod value;

/// A hash map with a fast, small hasher (keys here are not attacker-chosen at scale).
pub type FastMap<K, V> =
    hashbrown::HashMap<K, V, ::core::hash::BuildHasherDefault<rustc_hash::FxHasher>>;
