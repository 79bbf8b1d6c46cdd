//! Typed ids, so an article id is never passed where a person id is expected.

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl From<i64> for $name {
            fn from(raw: i64) -> Self {
                Self(raw)
            }
        }
    };
}

id_type!(
    /// Id of a stored article.
    ArticleId
);
id_type!(
    /// Id of a stored source (publisher).
    SourceId
);
id_type!(
    /// Id of a stored person.
    PersonId
);
id_type!(
    /// Id of a stored statement.
    StatementId
);
id_type!(
    /// Id of a stored organization.
    OrganizationId
);
id_type!(
    /// Id of a stored agreement.
    AgreementId
);
