//! What the module knows of the page: the record that outlives an instance (`record`), what an
//! instance derives from it (`live`, `contact_keys`), and the instance itself: entering it, and
//! replacing it after a failed call (`instance`).

pub mod contact_keys;
pub mod instance;
pub mod live;
pub mod record;
