//! One-character country forms in pairs and lists: 中韩, 中俄, 柬中, 德英法, 美日韩.
//!
//! A lone 中, 美 or 日 is usually not a country (中 in 中心, 日 in 17日, 美 in 美好), so
//! a form counts only inside a run of two or more that reads as a list of countries: the
//! run includes 中 or has three forms, it is followed by a word that pairs countries
//! (两国, 关系, 合作 …) or by 等 / punctuation when it has three, and it is not part of a
//! longer word (其中, 中美洲, 中新社, 中老年).

use std::collections::HashSet;
use std::sync::OnceLock;

/// One-character forms and the countries they can stand for. Where a form is ambiguous
/// (新 is Singapore or New Zealand) the article must name one of them in full.
const FORMS: &[(char, &[&str])] = &[
    ('中', &["CN"]),
    ('美', &["US"]),
    ('俄', &["RU"]),
    ('日', &["JP"]),
    ('韩', &["KR"]),
    ('朝', &["KP"]),
    ('德', &["DE"]),
    ('英', &["GB"]),
    ('法', &["FR"]),
    ('意', &["IT"]),
    ('加', &["CA"]),
    ('澳', &["AU"]),
    ('印', &["IN", "ID"]),
    ('巴', &["PK", "BR"]),
    ('柬', &["KH"]),
    ('老', &["LA"]),
    ('越', &["VN"]),
    ('泰', &["TH"]),
    ('菲', &["PH"]),
    ('新', &["SG", "NZ"]),
    ('马', &["MY"]),
    ('缅', &["MM"]),
    ('伊', &["IQ", "IR"]),
    ('以', &["IL"]),
    ('土', &["TR"]),
    ('沙', &["SA"]),
    ('埃', &["EG"]),
    ('蒙', &["MN"]),
    ('哈', &["KZ"]),
    ('乌', &["UA", "UZ"]),
    ('白', &["BY"]),
    ('西', &["ES"]),
    ('葡', &["PT"]),
    ('荷', &["NL"]),
    ('比', &["BE"]),
    ('波', &["PL"]),
    ('捷', &["CZ"]),
    ('匈', &["HU"]),
    ('希', &["GR"]),
    ('奥', &["AT"]),
    ('孟', &["BD"]),
    ('古', &["CU"]),
    ('墨', &["MX"]),
    ('智', &["CL"]),
    ('秘', &["PE"]),
    ('委', &["VE"]),
    ('阿', &["AR", "AF", "DZ"]),
];

/// Words that pair or list countries, after a run of forms.
const PAIRING_WORDS: &[&str] = &[
    "两国",
    "三国",
    "四国",
    "双方",
    "关系",
    "合作",
    "之间",
    "间",
    "领导人",
    "元首",
    "抗疫",
    "建交",
    "友好",
    "贸易",
    "经贸",
    "投资",
    "联合",
    "对话",
    "会谈",
    "会晤",
    "峰会",
    "边境",
    "冲突",
    "战争",
    "紧张",
    "对抗",
    "竞争",
    "博弈",
    "摩擦",
    "争端",
    "大国",
    "战略",
    "伙伴",
    "外长",
    "双边",
    "友谊",
    "人民",
    "两军",
    "海关",
    "交流",
    "互利",
    "共同",
    "协议",
    "协定",
    "自贸",
    "等国",
    "联合声明",
    "防长",
    "全面",
    "深度",
    "携手",
];

/// Words that end in 中 (其中美方 is not 中美).
const ENDS_IN_ZHONG: &[char] = &[
    '其', '之', '当', '集', '心', '空', '高', '初', '期', '家', '手', '眼', '年', '月', '途', '暗',
    '从', '水', '口', '城', '网', '命', '射', '看', '选', '猜', '正', '居', '适', '折', '热', '在',
    '意',
];

/// Characters that make a run part of a longer word (中美洲, 中新社, 中英文, 中老年).
const WORD_CONTINUATIONS: &[char] = &[
    '洲', '社', '网', '文', '式', '餐', '药', '医', '部', '东', '年', '语', '籍', '裔', '方', '国',
];

/// The first and last ideographs of the CJK Unified Ideographs block, where every form is.
const IDEOGRAPHS: (u32, u32) = (0x4E00, 0x9FFF);

fn candidates(c: char) -> Option<&'static [&'static str]> {
    // Asked of every character of every article: a table indexed by the character, holding
    // one more than the form's place in FORMS (0 for none).
    static TABLE: OnceLock<Vec<u8>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = vec![0u8; (IDEOGRAPHS.1 - IDEOGRAPHS.0 + 1) as usize];
        for (i, (form, _)) in FORMS.iter().enumerate() {
            if let (Some(slot), Ok(place)) = (
                (*form as u32)
                    .checked_sub(IDEOGRAPHS.0)
                    .and_then(|k| table.get_mut(k as usize)),
                u8::try_from(i + 1),
            ) {
                *slot = place;
            }
        }
        table
    });
    let place = *table.get((c as u32).checked_sub(IDEOGRAPHS.0)? as usize)?;
    FORMS
        .get(usize::from(place).checked_sub(1)?)
        .map(|(_, codes)| *codes)
}

/// Whether `c` is a one-character country form (美, 法, 中 …).
pub fn is_country_form(c: char) -> bool {
    candidates(c).is_some()
}

/// Countries named by one-character forms in `chars` (folded), as (code, start, end) of
/// each form. `named` holds the codes the article names in full, to settle ambiguous forms.
pub fn country_compounds(chars: &[char], named: &HashSet<String>) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && candidates(chars[i]).is_some() {
            i += 1;
        }
        if i == start {
            i += 1;
            continue;
        }
        let run = &chars[start..i];
        if reads_as_countries(chars, start, i) {
            for (k, c) in run.iter().enumerate() {
                if let Some(code) = resolve(*c, named) {
                    out.push((code.to_owned(), start + k, start + k + 1));
                }
            }
        }
    }
    out
}

fn reads_as_countries(chars: &[char], start: usize, end: usize) -> bool {
    let run = &chars[start..end];
    if run.len() < 2 {
        return false;
    }
    let unique: HashSet<char> = run.iter().copied().collect();
    if unique.len() != run.len() {
        return false;
    }
    if run[0] == '中' && start > 0 && ENDS_IN_ZHONG.contains(&chars[start - 1]) {
        return false;
    }
    let rest: String = chars[end..chars.len().min(end + 4)].iter().collect();
    if rest.starts_with(WORD_CONTINUATIONS) && !PAIRING_WORDS.iter().any(|w| rest.starts_with(w)) {
        return false;
    }
    let paired = PAIRING_WORDS.iter().any(|w| rest.starts_with(w));
    let listed = run.len() >= 3
        && (rest.starts_with('等') || rest.chars().next().is_none_or(|c| !c.is_alphanumeric()));
    paired || listed
}

/// Ambiguous forms whose first reading is the one news means when the article names neither
/// country in full (俄乌冲突 is Russia and Ukraine: 乌兹别克斯坦 is not shortened so).
const USUAL_READING: &[char] = &['乌'];

fn resolve(form: char, named: &HashSet<String>) -> Option<&'static str> {
    let codes = candidates(form)?;
    match codes {
        [only] => Some(only),
        several => several
            .iter()
            .copied()
            .find(|code| named.contains(*code))
            .or_else(|| USUAL_READING.contains(&form).then(|| several[0])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_one_character_form_is_found_and_nothing_else() {
        for (form, codes) in FORMS {
            assert_eq!(candidates(*form), Some(*codes), "{form}");
        }
        for c in ['的', 'a', '。', '𠀀'] {
            assert_eq!(candidates(c), None, "{c}");
        }
    }
}
