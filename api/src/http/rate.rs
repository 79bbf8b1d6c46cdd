//! The request rate each client address may send GraphQL requests at (GCRA, by `governor`).
//! Clients are told apart by the TCP peer address: behind a proxy that is the proxy, so the
//! limit is then per proxy and should be set to match.

use super::refusals::{Reason, Refusal};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use std::net::IpAddr;
use std::num::NonZeroU32;

/// Past this many client addresses, the ones back at full allowance are forgotten, so the
/// table stays small however many addresses write to the server.
const FORGET_ABOVE: usize = 10_000;

/// The rate limit of every client address; off when built with a rate of 0.
pub struct ClientRate {
    limiter: Option<DefaultKeyedRateLimiter<IpAddr>>,
    clock: DefaultClock,
}

impl ClientRate {
    /// `per_minute` requests a minute from each address, `burst` of them at once; 0 is no limit.
    pub fn new(per_minute: u32, burst: u32) -> Self {
        let limiter = NonZeroU32::new(per_minute).map(|rate| {
            let burst = NonZeroU32::new(burst).unwrap_or(rate);
            DefaultKeyedRateLimiter::keyed(Quota::per_minute(rate).allow_burst(burst))
        });
        ClientRate {
            limiter,
            clock: DefaultClock::default(),
        }
    }

    /// Takes one request from `client`'s allowance, or refuses it saying when to retry; a
    /// request with no known address is let through (it cannot be told apart from others).
    pub fn check(&self, client: Option<IpAddr>) -> Result<(), Refusal> {
        let (Some(limiter), Some(client)) = (&self.limiter, client) else {
            return Ok(());
        };
        if limiter.len() > FORGET_ABOVE {
            limiter.retain_recent();
        }
        limiter.check_key(&client).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.clock.now());
            Refusal::new(
                Reason::Rate,
                format!(
                    "too many requests from this address; retry in {} s (rate-per-minute)",
                    wait.as_secs().max(1)
                ),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_over_its_burst_is_refused_and_others_are_not() {
        let rate = ClientRate::new(60, 2);
        let one: IpAddr = [10, 0, 0, 1].into();
        let two: IpAddr = [10, 0, 0, 2].into();
        assert!(rate.check(Some(one)).is_ok());
        assert!(rate.check(Some(one)).is_ok());
        let refused = rate.check(Some(one)).expect_err("over the burst");
        assert_eq!(refused.reason, Reason::Rate);
        assert!(rate.check(Some(two)).is_ok());
    }

    #[test]
    fn a_rate_of_zero_is_no_limit() {
        let rate = ClientRate::new(0, 0);
        for _ in 0..1000 {
            assert!(rate.check(Some([10, 0, 0, 1].into())).is_ok());
        }
    }
}
