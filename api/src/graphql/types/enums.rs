//! GraphQL enums, mirrored from the domain.

use async_graphql::Enum;

/// The script an article is written in.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "quotegraph_domain::script::Script", name = "Script")]
pub enum ScriptKind {
    /// Simplified Chinese.
    Hans,
    /// Traditional Chinese.
    Hant,
    /// Both scripts.
    Mixed,
}

/// Direct quotation or reported speech.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "quotegraph_domain::StatementKind", name = "StatementKind")]
pub enum StatementKindGql {
    /// Words in quote marks: “…” 「…」 『…』.
    Direct,
    /// Reported speech: X表示, X指出 ….
    Indirect,
}

/// The part of an article a statement stands in.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "quotegraph_domain::Section", name = "Section")]
pub enum SectionGql {
    /// The article itself.
    Body,
    /// The headline; the span points into the title.
    Headline,
    /// The trailing list of related articles.
    Related,
}

/// How a statement was made.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "quotegraph_domain::Origin", name = "Origin")]
pub enum OriginGql {
    /// Found by quotegraph's extraction rules.
    Extracted,
    /// Entered by an admin with its article (addArticle).
    Admin,
    /// Corrected by hand after it was stored; `extracted` says what it said before.
    Edited,
}

/// Kinds of agreement.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "quotegraph_domain::AgreementKind", name = "AgreementKind")]
pub enum AgreementKindGql {
    /// Trade and economic partnership.
    Trade,
    /// Investment.
    Investment,
    /// A practical arrangement (travel fast lanes).
    Arrangement,
    /// Anything else.
    Other,
}

/// Where an agreement stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(
    remote = "quotegraph_domain::AgreementStatus",
    name = "AgreementStatus"
)]
pub enum AgreementStatusGql {
    /// Proposed.
    Proposed,
    /// Under negotiation.
    Negotiating,
    /// Negotiations concluded.
    Concluded,
    /// Signed.
    Signed,
    /// In force.
    InForce,
}

/// Kinds of entity an article can mention.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "quotegraph_domain::MentionKind", name = "MentionKind")]
pub enum MentionKindGql {
    /// A country.
    Country,
    /// An organization.
    Organization,
    /// An agreement.
    Agreement,
    /// A person.
    Person,
}
