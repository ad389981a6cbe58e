//! The time as the staff's sessions and sign-in throttle see it: the system's, moved on by
//! tests that need to see a session run out without waiting twelve hours.

use std::sync::{
    Arc,
    atomic::{AtomicI64, Ordering},
};

#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// Seconds added to the system time; only tests move it.
    ahead: Arc<AtomicI64>,
}

impl Clock {
    /// Seconds since the Unix epoch.
    pub fn now(&self) -> i64 {
        super::unix_now() + self.ahead.load(Ordering::Relaxed)
    }

    /// Moves this clock (and every copy of the `Db` it belongs to) on by `secs`.
    pub fn advance(&self, secs: i64) {
        self.ahead.fetch_add(secs, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_advanced_clock_moves_every_copy() {
        let clock = Clock::default();
        let copy = clock.clone();
        let before = copy.now();
        clock.advance(12 * 3600);
        assert!(copy.now() - before >= 12 * 3600);
    }
}
