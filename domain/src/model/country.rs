//! Countries, identified by ISO 3166-1 alpha-2 code.

use crate::ValidationError;

/// An ISO 3166-1 alpha-2 code, upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode(String);

impl CountryCode {
    /// Parses a two-letter code in either case (`kr` → `KR`) given in `field`.
    pub fn parse(field: &str, raw: &str) -> Result<Self, ValidationError> {
        let code = raw.trim().to_ascii_uppercase();
        if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Self(code))
        } else {
            Err(ValidationError::new(
                field,
                format!("`{raw}` is not an ISO 3166-1 alpha-2 country code"),
            ))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A country with its names in both scripts and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: CountryCode,
    /// Name in simplified script (韩国).
    pub name_hans: String,
    /// Name in traditional script (南韓).
    pub name_hant: String,
    /// Name in English (South Korea).
    pub name_en: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_two_letters_upper_cased() {
        assert_eq!(CountryCode::parse("country", "kr").unwrap().as_str(), "KR");
        for bad in ["K", "KOR", "K1", "", "中国"] {
            assert_eq!(
                CountryCode::parse("country", bad).unwrap_err().field,
                "country"
            );
        }
    }
}
