//! How an agent request ends: exactly one of `success` or `failure`, also when no answer comes.
//!
//! A request waits for its answer until its timeout (`connect.TaskSession.setGlobalConfig(
//! {requestTimeoutMs})`); the first of the two ends it. An answer after the timeout is logged
//! and not delivered; a second answer is dropped.

/// What the client answered: which of the caller's callbacks the answer is for.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen::prelude::wasm_bindgen)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Success,
    Failure,
}

impl Answer {
    /// The callback's name in `{success, failure}`.
    pub fn callback(self) -> &'static str {
        match self {
            Answer::Success => "success",
            Answer::Failure => "failure",
        }
    }
}

/// Where a request is.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen::prelude::wasm_bindgen)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Waiting,
    Answered,
    TimedOut,
}

/// What to do with an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnAnswer {
    /// Give it to the caller: the request has ended.
    Deliver,
    /// It came after the timeout had ended the request: log it.
    LogLate,
    /// The request was answered already.
    Drop,
}

/// An answer in `stage`: what to do, and the stage after it.
pub fn on_answer(stage: Stage) -> (OnAnswer, Stage) {
    match stage {
        Stage::Waiting => (OnAnswer::Deliver, Stage::Answered),
        Stage::TimedOut => (OnAnswer::LogLate, Stage::TimedOut),
        Stage::Answered => (OnAnswer::Drop, Stage::Answered),
    }
}

/// The timeout in `stage`: whether it ends the request (with a failure), and the stage after it.
pub fn on_timeout(stage: Stage) -> (bool, Stage) {
    match stage {
        Stage::Waiting => (true, Stage::TimedOut),
        other => (false, other),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Clone, Debug)]
    enum Event {
        Answer,
        Timeout,
    }

    proptest! {
        // Whatever comes in whatever order, the caller gets exactly one end: one delivered answer
        // or one timeout, never both; answers after a timeout are logged, never delivered.
        #[test]
        fn exactly_one_end(events in prop::collection::vec(prop_oneof![Just(Event::Answer), Just(Event::Timeout)], 1..12)) {
            let mut stage = Stage::Waiting;
            let (mut delivered, mut timed_out, mut late) = (0, 0, 0);
            for event in &events {
                match event {
                    Event::Answer => {
                        let (what, next) = on_answer(stage);
                        match what {
                            OnAnswer::Deliver => delivered += 1,
                            OnAnswer::LogLate => late += 1,
                            OnAnswer::Drop => {}
                        }
                        stage = next;
                    }
                    Event::Timeout => {
                        let (ends, next) = on_timeout(stage);
                        timed_out += usize::from(ends);
                        stage = next;
                    }
                }
            }
            prop_assert_eq!(delivered + timed_out, 1);
            // The first event ends it: answers after a first timeout are the late ones.
            let expected_late = match events[0] {
                Event::Timeout => events.iter().filter(|e| matches!(e, Event::Answer)).count(),
                Event::Answer => 0,
            };
            prop_assert_eq!(late, expected_late);
        }
    }

    #[test]
    fn an_answer_then_a_timeout_is_delivered_once() {
        let (what, stage) = on_answer(Stage::Waiting);
        assert_eq!((what, stage), (OnAnswer::Deliver, Stage::Answered));
        assert_eq!(on_timeout(stage), (false, Stage::Answered));
        assert_eq!(on_answer(stage).0, OnAnswer::Drop);
    }

    #[test]
    fn a_timeout_then_an_answer_is_logged_late() {
        let (ends, stage) = on_timeout(Stage::Waiting);
        assert!(ends);
        assert_eq!(on_answer(stage), (OnAnswer::LogLate, Stage::TimedOut));
        assert_eq!(on_timeout(stage), (false, Stage::TimedOut));
    }
}
