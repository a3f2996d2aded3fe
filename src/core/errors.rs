//! Why a request is not sent: what the agent methods report instead of sending.

/// A rule violation: `field` is a path such as `references.ticket.type`; `message`
/// starts with that path and names the limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    pub field: String,
    pub message: String,
}

/// Why nothing is sent.
#[derive(Debug, PartialEq)]
pub enum RequestError<E> {
    /// A required value is undefined or null: the method throws Streams' `ValueError` for
    /// this label (`connect.assertNotNull`), as the JavaScript library does.
    Missing(&'static str),
    /// The input must be an object and is an array: the method throws a `TypeError` naming
    /// this label.
    NotAnObject(&'static str),
    /// A documented limit is violated: `failure` (or a rejected promise), nothing sent.
    Invalid(ValidationError),
    /// Reading the input threw: the method throws it.
    Threw(E),
}

impl<E> From<ValidationError> for RequestError<E> {
    fn from(e: ValidationError) -> Self {
        RequestError::Invalid(e)
    }
}
