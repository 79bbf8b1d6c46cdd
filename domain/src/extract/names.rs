//! What a person's name looks like in Chinese news: a Chinese name (a common surname and
//! one or two more characters), a transliterated foreign name (characters used for
//! sounds, joined by · when long), and where a name stops (在, 日前, 表示 …). All on
//! folded (simplified) text.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Common Chinese surnames (simplified), the first character of most Chinese names.
const SURNAME_CHARS: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝洪";

/// Characters used to transliterate foreign names.
const SOUND_CHARS: &str = "何嘉翰逊夫契柯勃赛季叶鲍蓬彭奎黛茜缇伍忒蒲汀蓓雯洁阿埃艾爱安昂奥巴拔邦保贝本比彼毕波伯博布查达戴丹德迪蒂东杜多厄恩尔法凡菲费芬丰弗福盖甘冈戈格贡古哈海汉豪赫黑亨胡霍基吉加贾杰金卡凯坎康考科克肯库拉莱赖兰朗劳勒雷里利连列林琳卢鲁路伦罗洛马玛迈麦曼梅门蒙米敏莫姆穆纳奈南内尼涅努诺欧帕潘佩皮普奇乔切琴萨塞桑瑟森沙莎尚舍施史斯苏索塔泰坦汤特提图托瓦万威韦维温沃乌西希谢辛休雅亚扬耶伊因英尤于约扎泽詹兹佐德泰因茨蒂娅娜妮丝琼丽娃莉瑞露蕾薇琪莎斐";

/// Characters that do not occur in names: function words and words of office. Kept short on
/// purpose: 在 (李在明), 于 (a surname), 一 (王一博), 时 (陈时中) all occur in real names.
const NEVER_IN_NAME_CHARS: &str =
    "的了们这那些每我你他她它被把将已也都就并而及其之所吗呢吧啊着过部局委处党政府省县会议说称";

/// Words that end a name: where, when and how the person spoke (the name comes first).
const TAIL_MARKERS: &[&str] = &[
    "在",
    "于",
    "日前",
    "近日",
    "今天",
    "今日",
    "昨天",
    "昨日",
    "当天",
    "当日",
    "此前",
    "随后",
    "同时",
    "则",
    "并",
    "亦",
    "又",
    "也",
    "还",
    "一再",
    "再次",
    "多次",
    "曾",
    "更",
    "特别",
    "进一步",
    "明确",
    "郑重",
    "接受",
    "出席",
    "会见",
    "通过",
    "向",
    "对",
    "就",
    "针对",
    "表示",
    "指出",
    "强调",
    "说",
    "称",
    "认为",
    "介绍",
    "透露",
    "呼吁",
    "与",
    "同",
    "和",
    "等",
    "发表",
    "发来",
    "发出",
    "致辞",
    "发言",
    "讲话",
    "答问",
    "回应",
    "重申",
    "坦言",
    "直言",
    "宣布",
    "近期",
    "早些时候",
    "上周",
    "本周",
    "今年",
    "去年",
];

/// Tail markers that cannot begin a name (于, 向, 和 can: they are surnames), so text
/// after a title that starts with one is no name (张明教授在论坛上表示).
const NEVER_START_A_NAME: &[&str] = &[
    "在",
    "今天",
    "今日",
    "昨天",
    "昨日",
    "日前",
    "近日",
    "当天",
    "当日",
    "此前",
    "随后",
    "表示",
    "指出",
    "强调",
    "说",
    "称",
    "认为",
    "也",
    "还",
    "则",
    "一再",
    "再次",
    "多次",
    "曾",
    "特别",
    "进一步",
    "明确",
    "郑重",
    "接受",
    "出席",
    "会见",
    "通过",
    "针对",
    "对此",
    "何时",
    "周一",
    "周二",
    "周三",
    "周四",
    "周五",
    "周六",
    "周日",
    "周末",
    "星期",
    "何以",
    "为何",
    "是否",
];

/// A set of characters written as a string, looked up by binary search: the lists above
/// are tested for every character of every clause, and a scan of the string is slow.
pub struct CharSet(Vec<char>);

impl CharSet {
    fn of(chars: &str) -> Self {
        let mut sorted: Vec<char> = chars.chars().collect();
        sorted.sort_unstable();
        sorted.dedup();
        Self(sorted)
    }

    /// Whether `c` is in the set.
    pub fn contains(&self, c: char) -> bool {
        self.0.binary_search(&c).is_ok()
    }
}

/// Common Chinese surnames.
pub static SURNAMES: LazyLock<CharSet> = LazyLock::new(|| CharSet::of(SURNAME_CHARS));
static TRANSLITERATION: LazyLock<CharSet> = LazyLock::new(|| CharSet::of(SOUND_CHARS));
static NEVER_IN_NAMES: LazyLock<CharSet> = LazyLock::new(|| CharSet::of(NEVER_IN_NAME_CHARS));

/// Whether `c` is a CJK ideograph.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// Where the name starting at `chars[0]` ends: the first tail marker at index ≥ 2, a
/// character that is not part of a name, or the end.
pub fn name_end(chars: &[char]) -> usize {
    for i in 0..chars.len() {
        let c = chars[i];
        let separator = matches!(c, '·' | '‧' | '•' | '・');
        if !is_han(c) && !separator && !c.is_alphabetic() {
            return i;
        }
        if i >= 2 && starts_with_marker(&chars[i..]) {
            return i;
        }
        if i == 0 && NEVER_START_A_NAME.iter().any(|m| starts_with_str(chars, m)) {
            return 0;
        }
        if c.is_ascii_digit() {
            return i;
        }
    }
    chars.len()
}

/// The length of a name run that starts a Chinese name: a common surname and at most two
/// more characters, unless the whole run is a transliteration (刘建国予以否认 → 刘建国).
pub fn chinese_name_len(name: &[char]) -> usize {
    let transliterated = name
        .iter()
        .all(|c| TRANSLITERATION.contains(*c) || !is_han(*c));
    if name.len() > 4 && SURNAMES.contains(name[0]) && !transliterated {
        3
    } else {
        name.len()
    }
}

/// Whether at least half of `name` (folded) is made of characters used for sounds: a
/// transliterated name even when some of its characters are less common (巴特策策格).
pub fn mostly_sound(name: &[char]) -> bool {
    let sounds = name
        .iter()
        .filter(|c| TRANSLITERATION.contains(**c))
        .count();
    name.len() >= 2 && sounds * 2 >= name.len()
}

/// Whether a tail marker starts `chars`.
pub fn starts_with_marker(chars: &[char]) -> bool {
    // Indexed by first character: this runs at every character of every name candidate.
    static BY_FIRST: LazyLock<HashMap<char, Vec<&'static str>>> = LazyLock::new(|| {
        let mut index: HashMap<char, Vec<&'static str>> = HashMap::new();
        for marker in TAIL_MARKERS {
            if let Some(first) = marker.chars().next() {
                index.entry(first).or_default().push(marker);
            }
        }
        index
    });
    chars
        .first()
        .and_then(|c| BY_FIRST.get(c))
        .is_some_and(|markers| markers.iter().any(|m| starts_with_str(chars, m)))
}

/// Whether `chars` begins with the characters of `word`.
pub fn starts_with_str(chars: &[char], word: &str) -> bool {
    let mut rest = chars.iter();
    word.chars().all(|w| rest.next() == Some(&w))
}

/// Whether `name` (folded) can be a name given right after a title or country: 2 to 8
/// characters, no function words.
pub fn plausible_after_title(name: &[char]) -> bool {
    let letters = name
        .iter()
        .filter(|c| !matches!(c, '·' | '‧' | '•' | '・'))
        .count();
    (2..=10).contains(&letters)
        && name
            .iter()
            .all(|c| is_han(*c) || matches!(c, '·' | '‧' | '•' | '・'))
        && !name.iter().any(|c| NEVER_IN_NAMES.contains(*c))
}

/// Whether `name` (folded) looks like a person's name with nothing around it to say so: a
/// Chinese name of two or three characters starting with a common surname, or a
/// transliteration made of sound characters.
pub fn looks_like_name(name: &[char]) -> bool {
    if !plausible_after_title(name) {
        return false;
    }
    let chinese = (2..=3).contains(&name.len()) && SURNAMES.contains(name[0]);
    let foreign = name.len() >= 2
        && name
            .iter()
            .filter(|c| is_han(**c))
            .all(|c| TRANSLITERATION.contains(*c));
    chinese || foreign
}

/// Whether `c` joins the parts of a transliterated name.
pub fn is_name_separator(c: char) -> bool {
    matches!(c, '·' | '‧' | '•' | '・')
}

/// Transliterated names whose parts a separator joins (托尼·阿尔巴尼斯), as `[start, end)`
/// ranges of folded `chars`: each part is a run of sound characters.
pub fn dotted_name_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let sound = |c: char| TRANSLITERATION.contains(c);
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        if !is_name_separator(*c) || i == 0 || !chars.get(i + 1).is_some_and(|c| sound(*c)) {
            continue;
        }
        if out.last().is_some_and(|(_, end)| *end > i) {
            continue;
        }
        let mut start = i;
        while start > 0 && sound(chars[start - 1]) && i - start < 6 {
            start -= 1;
        }
        let mut end = i + 1;
        while end < chars.len()
            && (sound(chars[end])
                || is_name_separator(chars[end]) && chars.get(end + 1).is_some_and(|c| sound(*c)))
            && !starts_with_marker(&chars[end..])
        {
            end += 1;
        }
        if start < i {
            out.push((start, end));
        }
    }
    out
}

/// Transliterated names written with their Latin form in brackets after them (汉考克(Matt
/// Hancock), 小马科斯 (Ferdinand Marcos Jr.)), on folded `chars`: the `[start, end)` range
/// of the Chinese name and the `[start, end)` of the Latin name (folded text has lost its
/// capitals: the caller reads the Latin form from the original).
pub fn bracketed_latin_names(chars: &[char]) -> Vec<(usize, usize, (usize, usize))> {
    let sound = |c: char| TRANSLITERATION.contains(c);
    let mut out = Vec::new();
    for (open, _) in chars.iter().enumerate().filter(|(_, c)| **c == '(') {
        let Some(latin) = latin_name_after(chars, open + 1) else {
            continue;
        };
        let end = if open > 0 && chars[open - 1] == ' ' {
            open - 1
        } else {
            open
        };
        let mut start = end;
        while start > 0
            && end - start < 10
            && (sound(chars[start - 1]) || is_name_separator(chars[start - 1]))
        {
            start -= 1;
        }
        if start > 0 && start < end && GENERATION_PREFIX_CHARS.contains(chars[start - 1]) {
            start -= 1;
        }
        if end - start >= 2 && mostly_sound(&chars[start..end]) {
            out.push((start, end, latin));
        }
    }
    out
}

/// Characters that tell a son from his father when both bear one name (小布什, 老布什).
pub const GENERATION_PREFIX_CHARS: &str = "小老";

/// The `[start, end)` of a Latin personal name from `from` up to a closing bracket: one to
/// five words of letters (Jr. and Sr. included).
fn latin_name_after(chars: &[char], from: usize) -> Option<(usize, usize)> {
    let close = (from..chars.len().min(from + 48)).find(|&i| chars[i] == ')')?;
    let inner: String = chars[from..close].iter().collect();
    let words: Vec<&str> = inner.split_whitespace().collect();
    let wordlike = |w: &&str| {
        w.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && w.chars()
                .all(|c| c.is_ascii_alphabetic() || matches!(c, '.' | '-' | '\''))
    };
    ((1..=5).contains(&words.len()) && words.iter().all(wordlike)).then_some((from, close))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn latin_names_in_brackets_join_the_transliteration_before_them() {
        let text =
            chars("英国卫生大臣汉考克(matt hancock)表示,小马科斯 (ferdinand marcos jr.) 承诺");
        let found: Vec<(String, String)> = bracketed_latin_names(&text)
            .into_iter()
            .map(|(s, e, (ls, le))| (text[s..e].iter().collect(), text[ls..le].iter().collect()))
            .collect();
        assert_eq!(
            found,
            [
                ("汉考克".to_owned(), "matt hancock".to_owned()),
                ("小马科斯".to_owned(), "ferdinand marcos jr.".to_owned())
            ]
        );
        assert!(bracketed_latin_names(&chars("经济增长(gdp 2.5%)")).is_empty());
        assert!(bracketed_latin_names(&chars("发展合作(cooperation)")).is_empty());
    }

    #[test]
    fn names_end_where_the_reporting_starts() {
        for (text, name) in [
            ("洪小勇日前表示", "洪小勇"),
            ("文在寅在会上", "文在寅"),
            ("阿永玺在会上表示", "阿永玺"),
            ("施泰因迈尔在发言中", "施泰因迈尔"),
            ("古特雷斯25日", "古特雷斯"),
        ] {
            let c = chars(text);
            assert_eq!(c[..name_end(&c)].iter().collect::<String>(), name);
        }
    }

    #[test]
    fn names_joined_by_separators() {
        let text = chars("意大利运动员基亚拉·贝拉蒂同样表示,何塞·佩雷拉则说");
        let names: Vec<String> = dotted_name_spans(&text)
            .into_iter()
            .map(|(s, e)| text[s..e].iter().collect())
            .collect();
        assert_eq!(names, ["基亚拉·贝拉蒂", "何塞·佩雷拉"]);
    }

    #[test]
    fn a_chinese_name_is_a_surname_and_two_characters_at_most() {
        assert_eq!(chinese_name_len(&chars("刘建国予以否认")), 3);
        assert_eq!(chinese_name_len(&chars("王毅")), 2);
        assert_eq!(chinese_name_len(&chars("阿尔巴尼斯")), 5);
    }

    #[test]
    fn question_words_after_a_title_begin_no_name() {
        assert_eq!(name_end(&chars("何时要表态")), 0);
        assert_eq!(name_end(&chars("周六在会上表示")), 0);
    }

    #[test]
    fn name_shapes() {
        assert!(looks_like_name(&chars("贺南洪")));
        assert!(looks_like_name(&chars("哈姆扎")));
        assert!(looks_like_name(&chars("图伊拉埃帕")));
        assert!(!looks_like_name(&chars("一些国家政要")));
        assert!(!looks_like_name(&chars("通话中")));
        assert!(plausible_after_title(&chars("阿永玺")));
        assert!(!plausible_after_title(&chars("的发展")));
    }
}
