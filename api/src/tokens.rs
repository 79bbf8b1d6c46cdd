//! Named API tokens, each with a role, configured as SHA-256 hashes so that the server
//! never holds the tokens themselves.
//!
//! One entry per token: `name:role:sha256hex` (role `reader`, `editor` or `admin`; the hash
//! from `quotegraph hash-token`). Entries are separated by newlines or commas; blank lines
//! and lines starting with `#` are skipped. `QUOTEGRAPH_ADMIN_TOKEN`, when set, adds an
//! admin named `admin`.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// What a token may do; each role may do everything the ones before it may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Queries, on a deployment whose queries are private.
    Reader,
    /// Corrections and imports.
    Editor,
    /// Everything, deletions and the audit log included.
    Admin,
}

impl Role {
    /// The name used in configuration and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reader => "reader",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    fn parse(raw: &str) -> Option<Role> {
        [Role::Reader, Role::Editor, Role::Admin]
            .into_iter()
            .find(|role| role.as_str() == raw)
    }
}

/// A configuration that cannot be used; the server does not start with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// An entry is not `name:role:sha256hex`.
    #[error("token entry `{entry}`: {reason}")]
    Malformed {
        /// The entry, with its hash cut short.
        entry: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Two entries have one name, so the audit log could not tell them apart.
    #[error("two tokens are named `{0}`")]
    DuplicateName(String),
}

/// One configured token.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    role: Role,
    hash: [u8; 32],
}

/// The configured tokens.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    entries: Vec<Entry>,
}

/// The SHA-256 of `token` in lower-case hex, as entries give it.
pub fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The longest token name accepted.
const MAX_NAME_CHARS: usize = 64;

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'))
}

impl Tokens {
    /// Parses entries (see the module doc).
    pub fn parse(config: &str) -> Result<Tokens, TokenError> {
        let mut tokens = Tokens::default();
        for line in config.lines() {
            let line = line.trim();
            if line.starts_with('#') {
                continue;
            }
            for entry in line.split(',').map(str::trim).filter(|e| !e.is_empty()) {
                tokens.push(parse_entry(entry)?)?;
            }
        }
        Ok(tokens)
    }

    /// The tokens with `token` added as an admin named `admin` (QUOTEGRAPH_ADMIN_TOKEN).
    pub fn with_admin_token(mut self, token: &str) -> Result<Tokens, TokenError> {
        self.push(Entry {
            name: "admin".to_owned(),
            role: Role::Admin,
            hash: Sha256::digest(token.as_bytes()).into(),
        })?;
        Ok(self)
    }

    /// Only an admin named `admin` with `token`, or no tokens at all.
    pub fn admin_only(token: Option<&str>) -> Tokens {
        match token.filter(|t| !t.is_empty()) {
            Some(token) => Tokens::default()
                .with_admin_token(token)
                .unwrap_or_default(),
            None => Tokens::default(),
        }
    }

    /// The tokens of `self` and of `other`.
    pub fn merge(mut self, other: Tokens) -> Result<Tokens, TokenError> {
        for entry in other.entries {
            self.push(entry)?;
        }
        Ok(self)
    }

    /// No token is configured: nobody can make changes.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The name and role of the token `presented` is, if it is one. Every entry is
    /// compared, in constant time, whichever matches.
    pub fn identify(&self, presented: &str) -> Option<(&str, Role)> {
        let hash: [u8; 32] = Sha256::digest(presented.as_bytes()).into();
        let mut found = None;
        for entry in &self.entries {
            if bool::from(entry.hash.ct_eq(&hash)) {
                found = Some((entry.name.as_str(), entry.role));
            }
        }
        found
    }

    fn push(&mut self, entry: Entry) -> Result<(), TokenError> {
        if self.entries.iter().any(|e| e.name == entry.name) {
            return Err(TokenError::DuplicateName(entry.name));
        }
        self.entries.push(entry);
        Ok(())
    }
}

fn parse_entry(entry: &str) -> Result<Entry, TokenError> {
    let malformed = |reason| TokenError::Malformed {
        // Enough of the entry to find it, not the whole hash.
        entry: entry.chars().take(24).collect(),
        reason,
    };
    let mut parts = entry.splitn(3, ':').map(str::trim);
    let (Some(name), Some(role), Some(hash)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(malformed("expected name:role:sha256hex"));
    };
    if !valid_name(name) {
        return Err(malformed(
            "the name must be 1 to 64 letters, digits or . _ - @",
        ));
    }
    let role =
        Role::parse(role).ok_or_else(|| malformed("the role must be reader, editor or admin"))?;
    let hash = crate::http::persisted::parse_hex(hash)
        .ok_or_else(|| malformed("the hash must be 64 hex digits (the SHA-256 of the token)"))?;
    Ok(Entry {
        name: name.to_owned(),
        role,
        hash,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_hashed_to_64_lower_case_hex_digits() {
        // `printf abc | sha256sum`
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn entries_name_a_role_and_a_hash_and_identify_their_token() {
        let config = format!(
            "# the newsroom\nalice:editor:{}\n\nbob:reader:{}, carol:admin:{}",
            hash_token("a-secret"),
            hash_token("b-secret").to_uppercase(),
            hash_token("c-secret")
        );
        let tokens = Tokens::parse(&config).unwrap();
        assert_eq!(tokens.identify("a-secret"), Some(("alice", Role::Editor)));
        assert_eq!(tokens.identify("b-secret"), Some(("bob", Role::Reader)));
        assert_eq!(tokens.identify("c-secret"), Some(("carol", Role::Admin)));
        assert_eq!(tokens.identify("d-secret"), None);
        assert_eq!(tokens.identify(""), None);
    }

    #[test]
    fn malformed_entries_are_refused() {
        let hash = hash_token("x");
        for bad in [
            "alice".to_owned(),
            format!("alice:{hash}"),
            format!("alice:owner:{hash}"),
            "alice:editor:abc".to_owned(),
            format!("al ice:editor:{hash}"),
            format!(":editor:{hash}"),
            format!("alice:editor:{}", "g".repeat(64)),
        ] {
            assert!(
                matches!(Tokens::parse(&bad), Err(TokenError::Malformed { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn names_are_unique_including_the_admin_token() {
        let hash = hash_token("x");
        assert_eq!(
            Tokens::parse(&format!("a:reader:{hash}\na:admin:{hash}")).unwrap_err(),
            TokenError::DuplicateName("a".into())
        );
        let named_admin = Tokens::parse(&format!("admin:editor:{hash}")).unwrap();
        assert!(named_admin.with_admin_token("y").is_err());
    }

    #[test]
    fn the_admin_token_is_an_admin_named_admin() {
        let tokens = Tokens::admin_only(Some("s3cret"));
        assert_eq!(tokens.identify("s3cret"), Some(("admin", Role::Admin)));
        assert!(Tokens::admin_only(Some("")).is_empty());
        assert!(Tokens::admin_only(None).is_empty());
    }

    #[test]
    fn roles_are_ordered_by_what_they_may_do() {
        assert!(Role::Reader < Role::Editor && Role::Editor < Role::Admin);
    }
}
