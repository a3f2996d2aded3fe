//! The events a task session publishes, and which of them a websocket message triggers.


/// Every event a session can fire. The discriminant indexes per-event tables; it crosses to
/// JavaScript as a number (the loader's shim binds each session hook to its event).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen::prelude::wasm_bindgen)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TaskEvent {
    TransferInitiated,
    TransferSucceeded,
    TransferFailed,
    TaskExpiring,
    TaskExpired,
    IncomingMessage,
    ConnectionEstablished,
    ConnectionBroken,
    ConnectionLost,
}

/// How many events there are: the length of per-event tables.
pub const EVENT_COUNT: usize = 9;

impl TaskEvent {
    /// All events, in discriminant order.
    pub const ALL: [TaskEvent; EVENT_COUNT] = [
        TaskEvent::TransferInitiated,
        TaskEvent::TransferSucceeded,
        TaskEvent::TransferFailed,
        TaskEvent::TaskExpiring,
        TaskEvent::TaskExpired,
        TaskEvent::IncomingMessage,
        TaskEvent::ConnectionEstablished,
        TaskEvent::ConnectionBroken,
        TaskEvent::ConnectionLost,
    ];

    /// Position of the event in per-event tables.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The session method that subscribes to the event.
    pub fn hook(self) -> &'static str {
        HOOKS[self.index()]
    }

    /// The name passed to subscribers as their second argument (TaskJS's internal event name).
    pub fn name(self) -> &'static str {
        NAMES[self.index()]
    }
}

/// [`TaskEvent::hook`] of every event, in [`TaskEvent::ALL`] order.
pub const HOOKS: [&str; EVENT_COUNT] = [
    "onTransferInitiated",
    "onTransferSucceeded",
    "onTransferFailed",
    "onTaskExpiring",
    "onTaskExpired",
    "onMessage",
    "onConnectionEstablished",
    "onConnectionBroken",
    "onConnectionLost",
];

/// [`TaskEvent::name`] of every event, in [`TaskEvent::ALL`] order.
pub const NAMES: [&str; EVENT_COUNT] = [
    "TRANSFER_INITIATED",
    "TRANSFER_SUCCEEDED",
    "TRANSFER_FAILED",
    "TASK_EXPIRING",
    "TASK_EXPIRED",
    "INCOMING_MESSAGE",
    "CONNECTION_ESTABLISHED",
    "CONNECTION_BROKEN",
    "CONNECTION_LOST",
];

#[cfg(all(test, not(target_arch = "wasm32")))]
const CONTENT_TYPE_PREFIX: &str = "application/vnd.amazonaws.connect.event.";

/// The `ContentType`s that have a specific event, exactly as the service sends them.
pub const CONTENT_TYPES: [(&str, TaskEvent); 5] = [
    ("application/vnd.amazonaws.connect.event.transfer.initiated", TaskEvent::TransferInitiated),
    ("application/vnd.amazonaws.connect.event.transfer.succeeded", TaskEvent::TransferSucceeded),
    ("application/vnd.amazonaws.connect.event.transfer.failed", TaskEvent::TransferFailed),
    ("application/vnd.amazonaws.connect.event.expire.warning", TaskEvent::TaskExpiring),
    ("application/vnd.amazonaws.connect.event.expire.complete", TaskEvent::TaskExpired),
];

/// The specific event for a message's `ContentType`, if it has one.
///
/// Unknown content types have none: such messages reach `onMessage` only.
pub fn classify(content_type: &str) -> Option<TaskEvent> {
    CONTENT_TYPES
        .iter()
        .find(|(ct, _)| *ct == content_type)
        .map(|(_, event)| *event)
}

/// The events one accepted message fires, in order: its specific event (if any), then
/// `INCOMING_MESSAGE`.
pub fn events_for(specific: Option<TaskEvent>) -> impl Iterator<Item = TaskEvent> {
    specific
        .into_iter()
        .chain(core::iter::once(TaskEvent::IncomingMessage))
}

/// [`events_for`] the message's `ContentType`.
pub fn events_for_message(content_type: Option<&str>) -> impl Iterator<Item = TaskEvent> {
    events_for(content_type.and_then(classify))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ct(kind: &str) -> String {
        let mut s = String::from(CONTENT_TYPE_PREFIX);
        s.push_str(kind);
        s
    }

    #[test]
    fn each_content_type_has_its_event() {
        let table = [
            ("transfer.initiated", TaskEvent::TransferInitiated),
            ("transfer.succeeded", TaskEvent::TransferSucceeded),
            ("transfer.failed", TaskEvent::TransferFailed),
            ("expire.warning", TaskEvent::TaskExpiring),
            ("expire.complete", TaskEvent::TaskExpired),
        ];
        for (kind, event) in table {
            assert_eq!(classify(&ct(kind)), Some(event), "{kind}");
        }
    }

    #[test]
    fn unknown_and_near_miss_content_types_have_no_event() {
        for s in [
            "",
            "text/plain",
            "application/vnd.amazonaws.connect.event.transfer",
            "application/vnd.amazonaws.connect.event.transfer.initiated ",
            "APPLICATION/VND.AMAZONAWS.CONNECT.EVENT.TRANSFER.INITIATED",
            "application/vnd.amazonaws.connect.event.participant.joined",
            "constructor",
            "__proto__",
        ] {
            assert_eq!(classify(s), None, "{s}");
        }
    }

    #[test]
    fn specific_event_comes_before_incoming_message() {
        let events: Vec<_> = events_for_message(Some(&ct("expire.warning"))).collect();
        assert_eq!(events, [TaskEvent::TaskExpiring, TaskEvent::IncomingMessage]);
        let events: Vec<_> = events_for_message(Some("text/plain")).collect();
        assert_eq!(events, [TaskEvent::IncomingMessage]);
        let events: Vec<_> = events_for_message(None).collect();
        assert_eq!(events, [TaskEvent::IncomingMessage]);
    }

    #[test]
    fn names_are_the_reference_internal_names_and_indexes_are_dense() {
        // By variant, so the NAMES table cannot drift out of TaskEvent::ALL's order.
        use TaskEvent::*;
        for (event, name) in [
            (TransferInitiated, "TRANSFER_INITIATED"),
            (TransferSucceeded, "TRANSFER_SUCCEEDED"),
            (TransferFailed, "TRANSFER_FAILED"),
            (TaskExpiring, "TASK_EXPIRING"),
            (TaskExpired, "TASK_EXPIRED"),
            (IncomingMessage, "INCOMING_MESSAGE"),
            (ConnectionEstablished, "CONNECTION_ESTABLISHED"),
            (ConnectionBroken, "CONNECTION_BROKEN"),
            (ConnectionLost, "CONNECTION_LOST"),
        ] {
            assert_eq!(event.name(), name);
        }
        for (i, e) in TaskEvent::ALL.iter().enumerate() {
            assert_eq!(e.index(), i);
        }
    }


    proptest! {
        #[test]
        fn any_content_type_ends_with_incoming_message(s in ".*") {
            let events: Vec<_> = events_for_message(Some(&s)).collect();
            prop_assert!(!events.is_empty() && events.len() <= 2);
            prop_assert_eq!(*events.last().unwrap(), TaskEvent::IncomingMessage);
        }
    }
}
