//! Agreements: RCEP, CPTPP, 中欧投资协定, 快捷通道 …, with their status history and parties.

use super::{AgreementId, CountryCode, OrganizationId};
use crate::ValidationError;
use chrono::NaiveDate;

/// A stored agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    /// Its id.
    pub id: AgreementId,
    /// Its name as first written.
    pub name: String,
    /// Its abbreviation (RCEP), when it has one.
    pub abbreviation: Option<String>,
    /// What kind of agreement it is.
    pub kind: AgreementKind,
}

/// The kinds of agreement quotegraph tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgreementKind {
    /// Free trade and economic partnership agreements.
    Trade,
    /// Investment agreements.
    Investment,
    /// Practical arrangements such as travel fast lanes (快捷通道).
    Arrangement,
    /// Anything else: treaties, declarations, initiatives.
    Other,
}

/// Where an agreement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgreementStatus {
    /// Put forward, not yet negotiated.
    Proposed,
    /// Under negotiation.
    Negotiating,
    /// Negotiations concluded, not yet signed.
    Concluded,
    /// Signed.
    Signed,
    /// In force.
    InForce,
}

/// A dated change of an agreement's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    /// The status reached.
    pub status: AgreementStatus,
    /// The day it was reached, when known.
    pub on: Option<NaiveDate>,
}

/// Who is party to an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PartyRef {
    /// A country.
    Country(CountryCode),
    /// An organization (the EU).
    Organization(OrganizationId),
}

/// A party of an agreement with the day it joined, when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementParty {
    /// The agreement.
    pub agreement_id: AgreementId,
    /// The party.
    pub party: PartyRef,
    /// The day it joined.
    pub joined_on: Option<NaiveDate>,
}

macro_rules! wire_names {
    ($ty:ident, $what:literal, { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// The stored name.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $name),+ }
            }

            /// Parses the stored name, reporting `field` when it is not one.
            pub fn parse(field: &str, raw: &str) -> Result<Self, ValidationError> {
                match raw {
                    $($name => Ok($ty::$variant),)+
                    _ => Err(ValidationError::new(field, format!(concat!("`{}` is not ", $what), raw))),
                }
            }
        }
    };
}

wire_names!(AgreementKind, "an agreement kind", {
    Trade => "trade", Investment => "investment", Arrangement => "arrangement", Other => "other",
});
wire_names!(AgreementStatus, "an agreement status", {
    Proposed => "proposed", Negotiating => "negotiating", Concluded => "concluded",
    Signed => "signed", InForce => "in_force",
});

pub(crate) use wire_names;
