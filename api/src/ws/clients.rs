//! How many WebSocket connections each client address has open, to hold each to
//! `max-sockets-per-client`. Like the request rate, clients are told apart by the TCP peer
//! address (behind a proxy, that is the proxy).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};

/// The open connections, by client address.
#[derive(Debug, Default)]
pub struct Clients {
    open: Mutex<HashMap<Option<IpAddr>, usize>>,
}

/// One open connection; dropping it closes its place.
#[derive(Debug)]
pub struct Place {
    clients: Arc<Clients>,
    client: Option<IpAddr>,
}

impl Clients {
    /// A place for one more connection from `client`, or `None` when it has `most` open.
    pub fn admit(self: &Arc<Self>, client: Option<IpAddr>, most: usize) -> Option<Place> {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        let count = open.entry(client).or_default();
        if *count >= most {
            return None;
        }
        *count += 1;
        Some(Place {
            clients: Arc::clone(self),
            client,
        })
    }

    /// How many connections are open, from every client.
    pub fn total(&self) -> usize {
        let open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        open.values().sum()
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        let mut open = self
            .clients
            .open
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = open.get_mut(&self.client) {
            *count = count.saturating_sub(1);
            // Forgotten when idle, so the table holds only addresses with open connections.
            if *count == 0 {
                open.remove(&self.client);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_address_gets_its_most_and_places_come_back_when_closed() {
        let clients = Arc::new(Clients::default());
        let a = Some(IpAddr::from([127, 0, 0, 1]));
        let b = Some(IpAddr::from([127, 0, 0, 2]));
        let first = clients.admit(a, 2);
        let second = clients.admit(a, 2);
        assert!(first.is_some() && second.is_some());
        assert!(clients.admit(a, 2).is_none());
        assert!(clients.admit(b, 2).is_some(), "another address has its own");
        drop(first);
        assert!(clients.admit(a, 2).is_some());
        drop(second);
        assert_eq!(clients.total(), 0);
    }
}
