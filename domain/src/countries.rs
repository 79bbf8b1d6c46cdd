//! The ISO 3166-1 country catalogue with CLDR display names (simplified Chinese, traditional
//! Chinese, English), read from ICU4X compiled data, so it works offline and needs no files.
//!
//! ICU knows how to name a region but does not list which regions are countries, so the 249
//! officially assigned ISO 3166-1 alpha-2 codes are kept here as data ([`ISO_3166_ALPHA2`]).
//! CLDR also misses some forms Chinese-language news uses every day (韓國 in Hong Kong, 沙特 on
//! the mainland, 大馬 in Singapore and Malaysia); those live in [`CURATED_ALIASES`].

use icu::experimental::displaynames::multi::RegionDisplayNames;
use icu::experimental::displaynames::{DisplayNamesOptions, Style};
use icu::locale::subtags::Region;
use icu::locale::{Locale, locale};

/// One ISO 3166-1 country with its CLDR display names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryName {
    /// ISO 3166-1 alpha-2 code, upper case ("KR").
    pub code: String,
    /// Name in simplified Chinese (CLDR locale `zh`), e.g. "韩国".
    pub name_hans: String,
    /// Name in traditional Chinese (CLDR locale `zh-Hant`), e.g. "南韓".
    pub name_hant: String,
    /// Name in English (CLDR locale `en`), e.g. "South Korea".
    pub name_en: String,
    /// Other written forms, deduplicated, none equal to the three names above: the zh-Hant-HK
    /// name when it differs, CLDR short forms (香港, UK, Bosnia, …) and [`CURATED_ALIASES`].
    pub aliases: Vec<String>,
}

/// All 249 officially assigned ISO 3166-1 alpha-2 codes, sorted (ISO 3166 Maintenance Agency).
pub const ISO_3166_ALPHA2: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// Extra (code, alias) forms that CLDR lacks but Chinese news in mainland China, Taiwan, Hong Kong
/// and Singapore really uses; each was checked absent from CLDR's zh / zh-Hant / zh-Hant-HK names.
///
/// Why they are needed: CLDR gives one name per locale, and its zh-Hant-HK data only overrides
/// Taiwan transliterations (e.g. 阿塞拜疆), so Hong Kong forms such as 韓國 or 新西蘭, Singapore
/// simplified spellings of Taiwan-style names (南韩, 纽西兰), everyday short forms (沙特, 阿联酋,
/// 波黑, 巴新) and formal state names (大韩民国, 美利坚合众国) would otherwise be unmatched.
pub const CURATED_ALIASES: &[(&str, &str)] = &[
    // Korea: Hong Kong / Macau write 韓國, Singapore 南韩; formal names.
    ("KR", "韓國"),
    ("KR", "南韩"),
    ("KR", "大韩民国"),
    ("KR", "大韓民國"),
    // North Korea: Hong Kong writes 朝鮮; Singapore 北韩.
    ("KP", "朝鮮"),
    ("KP", "北韩"),
    // China and Taiwan: formal names, Taiwan's official 臺 spelling, mainland usage.
    ("CN", "中华人民共和国"),
    ("CN", "中華人民共和國"),
    ("TW", "臺灣"),
    ("TW", "中華民國"),
    ("TW", "中国台湾"),
    // United States and United Kingdom: formal names.
    ("US", "美利坚合众国"),
    ("US", "美利堅合眾國"),
    ("GB", "联合王国"),
    ("GB", "聯合王國"),
    // Russia: 俄國 is common in Taiwan and Hong Kong news.
    ("RU", "俄国"),
    ("RU", "俄國"),
    // Oceania: Hong Kong 新西蘭, Singapore/Malaysia 纽西兰, traditional form of 澳大利亚.
    ("NZ", "新西蘭"),
    ("NZ", "纽西兰"),
    ("AU", "澳大利亞"),
    ("PG", "巴新"),
    // Southeast Asia.
    ("ID", "印度尼西亞"),
    ("MY", "大马"),
    ("MY", "大馬"),
    ("BN", "文萊"),
    // Middle East: everyday mainland and Taiwan short forms.
    ("SA", "沙特"),
    ("SA", "沙烏地"),
    ("AE", "阿联酋"),
    ("AE", "阿聯酋"),
    // Central Asia: the full "-斯坦" forms used in Hong Kong (CLDR zh-Hant has Taiwan's short ones).
    ("KZ", "哈薩克斯坦"),
    ("UZ", "烏茲別克斯坦"),
    ("KG", "吉爾吉斯斯坦"),
    ("TM", "土庫曼斯坦"),
    // Europe.
    ("BA", "波黑"),
    ("VA", "教廷"),
    // The two Congos: formal names used alongside CLDR's 刚果（金）/ 刚果（布）.
    ("CD", "刚果民主共和国"),
    ("CD", "剛果民主共和國"),
    ("CG", "刚果共和国"),
    ("CG", "剛果共和國"),
];

/// Places with an ISO 3166-1 code of their own that are regions of a sovereign state, with
/// that state: Hong Kong and Macau are special administrative regions of China. An article
/// that names them names no country, and their officials speak for the state.
pub const REGIONS: &[(&str, &str)] = &[("HK", "CN"), ("MO", "CN")];

/// The state `code` is a region of, when it is one ([`REGIONS`]).
pub fn sovereign_of(code: &str) -> Option<&'static str> {
    REGIONS
        .iter()
        .find(|(region, _)| *region == code)
        .map(|(_, state)| *state)
}

/// The ICU formatters the catalogue reads from, one per locale and style.
struct Namers {
    /// Full names in simplified Chinese (`zh`).
    hans: RegionDisplayNames,
    /// Full names in traditional Chinese (`zh-Hant`).
    hant: RegionDisplayNames,
    /// Full names in Hong Kong traditional Chinese (`zh-Hant-HK`).
    hant_hk: RegionDisplayNames,
    /// Full names in English (`en`).
    en: RegionDisplayNames,
    /// Short-style names (香港, UK, Bosnia) in `zh`, `zh-Hant`, `zh-Hant-HK` and `en`.
    short: [RegionDisplayNames; 4],
}

impl Namers {
    /// Loads every formatter from compiled data; a locale that fails to load yields no names.
    fn new() -> Self {
        let (zh, zh_hant, zh_hant_hk, en) = (
            locale!("zh"),
            locale!("zh-Hant"),
            locale!("zh-Hant-HK"),
            locale!("en"),
        );
        let mut short = DisplayNamesOptions::default();
        short.style = Some(Style::Short);
        Self {
            hans: load(&zh, DisplayNamesOptions::default()),
            hant: load(&zh_hant, DisplayNamesOptions::default()),
            hant_hk: load(&zh_hant_hk, DisplayNamesOptions::default()),
            en: load(&en, DisplayNamesOptions::default()),
            short: [
                load(&zh, short),
                load(&zh_hant, short),
                load(&zh_hant_hk, short),
                load(&en, short),
            ],
        }
    }
}

/// Builds one region-name formatter; on a data error it is empty, so every lookup falls back.
fn load(locale: &Locale, options: DisplayNamesOptions) -> RegionDisplayNames {
    RegionDisplayNames::try_new(locale.into(), options).unwrap_or_default()
}

/// Returns a CLDR name that is present and non-blank.
fn name_of(namer: &RegionDisplayNames, region: Option<Region>) -> Option<String> {
    region
        .and_then(|r| namer.of(r))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
}

/// Every ISO 3166-1 alpha-2 country (all 249 officially assigned codes), sorted by code.
///
/// Missing CLDR names fall back explicitly: English to the code itself, simplified Chinese to
/// English, and traditional Chinese to English too (not to the simplified name, which would be
/// the wrong script).
pub fn country_catalog() -> Vec<CountryName> {
    let namers = Namers::new();
    ISO_3166_ALPHA2
        .iter()
        .map(|&code| build_entry(&namers, code))
        .collect()
}

/// Assembles one catalogue entry from the ICU names and the curated aliases.
fn build_entry(namers: &Namers, code: &str) -> CountryName {
    let region = Region::try_from_str(code).ok();
    let name_en = name_of(&namers.en, region).unwrap_or_else(|| code.to_owned());
    let name_hans = name_of(&namers.hans, region).unwrap_or_else(|| name_en.clone());
    let name_hant = name_of(&namers.hant, region).unwrap_or_else(|| name_en.clone());

    let candidates = std::iter::once(name_of(&namers.hant_hk, region))
        .chain(namers.short.iter().map(|n| name_of(n, region)))
        .flatten()
        .chain(
            CURATED_ALIASES
                .iter()
                .filter(|(c, _)| *c == code)
                .map(|(_, alias)| (*alias).to_owned()),
        );
    let mut aliases: Vec<String> = Vec::new();
    for alias in candidates {
        let taken = alias == name_hans || alias == name_hant || alias == name_en;
        if !taken && !alias.is_empty() && !aliases.contains(&alias) {
            aliases.push(alias);
        }
    }

    CountryName {
        code: code.to_owned(),
        name_hans,
        name_hant,
        name_en,
        aliases,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Finds one entry by code in a freshly built catalogue.
    fn entry(catalog: &[CountryName], code: &str) -> CountryName {
        catalog
            .iter()
            .find(|c| c.code == code)
            .cloned()
            .unwrap_or_else(|| panic!("{code} missing from the catalogue"))
    }

    #[test]
    fn has_all_249_codes_sorted_and_unique() {
        let catalog = country_catalog();
        assert_eq!(catalog.len(), 249);
        let codes: HashSet<&str> = catalog.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes.len(), 249);
        assert!(catalog.windows(2).all(|w| w[0].code < w[1].code));
        let well_formed =
            |c: &CountryName| c.code.len() == 2 && c.code.bytes().all(|b| b.is_ascii_uppercase());
        assert!(catalog.iter().all(well_formed));
    }

    #[test]
    fn korea_has_cldr_names_and_hong_kong_alias() {
        let kr = entry(&country_catalog(), "KR");
        assert_eq!(kr.name_hans, "韩国");
        assert_eq!(kr.name_hant, "南韓");
        assert_eq!(kr.name_en, "South Korea");
        assert!(kr.aliases.iter().any(|a| a == "韓國"), "{:?}", kr.aliases);
    }

    #[test]
    fn known_names() {
        let catalog = country_catalog();
        assert_eq!(entry(&catalog, "KH").name_hans, "柬埔寨");
        assert_eq!(entry(&catalog, "WS").name_hans, "萨摩亚");
        let de = entry(&catalog, "DE");
        assert_eq!(de.name_hans, "德国");
        assert_eq!(de.name_hant, "德國");
        let hk = entry(&catalog, "HK");
        assert!(hk.aliases.iter().any(|a| a == "香港"), "{:?}", hk.aliases);
        let gb = entry(&catalog, "GB");
        assert!(gb.aliases.iter().any(|a| a == "UK"), "{:?}", gb.aliases);
    }

    #[test]
    fn aliases_are_new_unique_and_non_empty() {
        for c in country_catalog() {
            let names = [&c.name_hans, &c.name_hant, &c.name_en];
            assert!(names.iter().all(|n| !n.trim().is_empty()), "{c:?}");
            assert!(c.aliases.iter().all(|a| !a.is_empty()), "{c:?}");
            assert!(!c.aliases.iter().any(|a| names.contains(&a)), "{c:?}");
            let unique: HashSet<&String> = c.aliases.iter().collect();
            assert_eq!(unique.len(), c.aliases.len(), "{c:?}");
        }
    }

    #[test]
    fn curated_aliases_name_listed_codes() {
        for (code, alias) in CURATED_ALIASES {
            assert!(ISO_3166_ALPHA2.contains(code), "{code} {alias}");
        }
    }

    #[test]
    fn every_code_has_a_real_cldr_name() {
        // No fallback taken: each name differs from the bare code.
        for c in country_catalog() {
            assert_ne!(c.name_en, c.code);
        }
    }
}
