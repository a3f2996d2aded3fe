//! What the module knows of the page: the record that outlives an instance (`record`), and each
//! agent request in flight (`request`), both in JavaScript; what an instance derives from the
//! record (`live`, `contact_keys`); and the instance itself: entering it, and replacing it after
//! a failed call (`instance`).

pub mod contact_keys;
pub mod instance;
pub mod live;
pub mod record;
pub mod request;
