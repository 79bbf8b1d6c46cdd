//! The gazetteer's data files, compiled in: organizations, agreements, well-known people,
//! titles and reporting verbs (domain/data/*). Lines starting with `#` are comments.

use crate::model::AgreementKind;

/// A known organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationEntry {
    /// Abbreviation (WHO).
    pub abbreviation: String,
    /// Name in simplified script (世界卫生组织).
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Other written forms.
    pub aliases: Vec<String>,
}

/// A known agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementEntry {
    /// Abbreviation (RCEP), if it has one.
    pub abbreviation: Option<String>,
    /// Name in simplified script.
    pub name: String,
    /// Its kind.
    pub kind: AgreementKind,
    /// English name.
    pub name_en: String,
    /// Other written forms.
    pub aliases: Vec<String>,
}

/// A well-known person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonEntry {
    /// Canonical name in simplified script.
    pub name: String,
    /// English name.
    pub name_en: Option<String>,
    /// ISO code of their country.
    pub country: Option<String>,
    /// Their usual title (simplified).
    pub title: Option<String>,
    /// Other written forms.
    pub aliases: Vec<String>,
}

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn optional(cell: Option<&&str>) -> Option<String> {
    cell.filter(|c| !c.is_empty() && **c != "-")
        .map(|c| (*c).to_owned())
}

fn list(cell: Option<&&str>) -> Vec<String> {
    cell.map(|c| {
        c.split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned)
            .collect()
    })
    .unwrap_or_default()
}

/// The organizations file.
pub fn organizations() -> Vec<OrganizationEntry> {
    rows(include_str!("../../data/organizations.tsv"))
        .filter(|r| r.len() >= 3)
        .map(|r| OrganizationEntry {
            abbreviation: r[0].to_owned(),
            name: r[1].to_owned(),
            name_en: r[2].to_owned(),
            aliases: list(r.get(3)),
        })
        .collect()
}

/// The agreements file.
pub fn agreements() -> Vec<AgreementEntry> {
    rows(include_str!("../../data/agreements.tsv"))
        .filter(|r| r.len() >= 4)
        .map(|r| AgreementEntry {
            abbreviation: optional(r.first()),
            name: r[1].to_owned(),
            kind: AgreementKind::parse("kind", r[2]).unwrap_or(AgreementKind::Other),
            name_en: r[3].to_owned(),
            aliases: list(r.get(4)),
        })
        .collect()
}

/// The well-known people file.
pub fn people() -> Vec<PersonEntry> {
    rows(include_str!("../../data/people.tsv"))
        .filter(|r| r.len() >= 2)
        .map(|r| PersonEntry {
            name: r[0].to_owned(),
            name_en: optional(r.get(1)),
            country: optional(r.get(2)),
            title: optional(r.get(3)),
            aliases: list(r.get(4)),
        })
        .collect()
}

/// The titles file.
pub fn titles() -> Vec<&'static str> {
    rows(include_str!("../../data/titles.txt"))
        .filter_map(|r| r.first().copied())
        .collect()
}

/// The reporting verbs file.
pub fn verbs() -> Vec<&'static str> {
    rows(include_str!("../../data/verbs.txt"))
        .filter_map(|r| r.first().copied())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_file_parses_into_entries() {
        assert!(
            organizations()
                .iter()
                .any(|o| o.abbreviation == "WHO" && o.aliases.contains(&"世卫组织".to_owned()))
        );
        assert!(
            agreements().iter().any(
                |a| a.abbreviation.as_deref() == Some("RCEP") && a.kind == AgreementKind::Trade
            )
        );
        assert!(
            people()
                .iter()
                .any(|p| p.name == "习近平" && p.name_en.as_deref() == Some("Xi Jinping"))
        );
        assert!(titles().contains(&"副首相"));
        assert!(verbs().contains(&"表示"));
    }
}
