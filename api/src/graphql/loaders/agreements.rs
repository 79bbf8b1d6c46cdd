//! Agreements: parties, status history, and the agreements a country is party to.

use super::{LoadResult, StorageLoader};
use async_graphql::dataloader::Loader;
use quotegraph_domain::*;
use quotegraph_storage::StorageError;
use std::sync::Arc;

list_of!(
    /// An agreement's parties.
    PartiesOf(AgreementId) => AgreementParty, parties_of
);
list_of!(
    /// An agreement's status history.
    StatusHistoryOf(AgreementId) => StatusChange, status_history_of
);
list_of!(
    /// The agreements a country is party to.
    AgreementsOfCountry(CountryCode) => AgreementParty, party_of_agreements
);
