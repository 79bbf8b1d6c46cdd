//! The cast and the places of a corpus: who speaks, for whom, and how often.

use crate::article::{Plan, render};
use crate::rng::Rng;
use quotegraph_domain::gazetteer::{FoldedText, Gazetteer};
use std::collections::HashSet;

/// How many made-up people speak besides the gazetteer's.
pub(crate) const MADE_UP_PEOPLE: usize = 12_000;

/// Who a person speaks for, which decides how a speaker phrase names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Affiliation {
    /// A country, by its code: 柬埔寨副首相X.
    Country(String),
    /// A Chinese institution: 中国社会科学院研究员X.
    Institution(&'static str),
    /// An international organization: 世界卫生组织助理总干事X.
    Organization(String),
    /// A well-known person from the gazetteer, named with the title before (国家主席习近平).
    Known(Option<String>),
}

/// One speaker of the corpus.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub(crate) name: String,
    pub(crate) title: String,
    pub(crate) affiliation: Affiliation,
    pub(crate) female: bool,
}

/// A country as articles name it.
#[derive(Debug, Clone)]
pub(crate) struct Country {
    pub(crate) code: &'static str,
    pub(crate) hans: String,
    pub(crate) hant: String,
}

/// The cast and the places of the corpus, built once from the seed.
pub struct World {
    pub(crate) people: Vec<Person>,
    /// Cumulative speaking weights, one per person (skewed: a few speak very often).
    pub(crate) weights: Vec<f64>,
    pub(crate) countries: Vec<Country>,
    pub(crate) organizations: Vec<String>,
    pub(crate) agreements: Vec<String>,
}

/// Countries news writes about, most frequent first.
pub(crate) const COUNTRY_CODES: &[&str] = &[
    "US", "RU", "JP", "KR", "KH", "DE", "FR", "GB", "SG", "ID", "IN", "MY", "TH", "VN", "PH", "LA",
    "MM", "PK", "AU", "NZ", "CA", "BR", "AR", "MX", "ZA", "EG", "NG", "KE", "ET", "SA", "AE", "IR",
    "IQ", "TR", "IT", "ES", "NL", "BE", "CH", "AT", "SE", "NO", "FI", "PL", "HU", "GR", "PT", "RS",
    "KZ", "UZ", "MN", "NP", "LK", "BD", "CL", "PE", "CU", "WS", "FJ", "LY",
];

/// Organizations made-up officials work for, with the titles they hold.
pub(crate) const ORGANIZATION_TITLES: &[(&str, &[&str])] = &[
    ("UN", &["副秘书长", "发言人"]),
    ("WHO", &["助理总干事", "发言人", "专家"]),
    ("WTO", &["副总干事", "首席经济学家"]),
    ("IMF", &["首席经济学家", "发言人"]),
    ("ASEAN", &["副秘书长"]),
    ("SCO", &["副秘书长"]),
    ("EU", &["发言人", "驻华大使"]),
    ("UNESCO", &["助理总干事"]),
    ("ADB", &["首席经济学家"]),
];

/// Chinese institutions and the titles their people hold.
pub(crate) const INSTITUTIONS: &[(&str, &[&str])] = &[
    ("外交部", &["副部长", "司长", "发言人"]),
    ("商务部", &["副部长", "新闻发言人", "司长"]),
    ("国家发展改革委", &["副主任", "新闻发言人"]),
    ("财政部", &["副部长"]),
    ("生态环境部", &["副部长", "司长"]),
    ("海关总署", &["司长", "新闻发言人"]),
    ("中国社会科学院", &["研究员", "学部委员"]),
    ("中国国际问题研究院", &["研究员", "院长"]),
    ("清华大学", &["教授"]),
    ("北京大学", &["教授", "院长"]),
    ("复旦大学", &["教授"]),
    ("中国人民大学", &["教授", "研究员"]),
    ("国务院发展研究中心", &["研究员", "副主任"]),
];

/// Titles foreign officials and commentators hold.
pub(crate) const FOREIGN_TITLES: &[&str] = &[
    "外长",
    "外交部长",
    "副总理",
    "副首相",
    "部长",
    "副部长",
    "卫生部长",
    "国防部长",
    "驻华大使",
    "议员",
    "参议员",
    "众议员",
    "议长",
    "市长",
    "经济学家",
    "分析师",
    "教授",
    "总统府发言人",
];

/// Common surnames (each also in extraction's own list, so bare names are recognised).
pub(crate) const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵钱严武戴孔汤常康施樊葛邢齐乔庞颜庄聂章鲁岳殷詹欧耿关焦俞柳甘祝宁尚舒柯纪梅童凌裴霍苗盛翁骆蓝游辛管柴鲍喻房滕饶";
/// Given-name characters, men's names.
pub(crate) const GIVEN_MALE: &str = "伟刚勇毅俊峰军平保东文辉力永健广志义兴良海山仁波宁贵福生龙元全胜学祥才武新利清飞彬富顺信子杰涛昌成康星光天达安岩茂林有坚彪博诚先敬震振壮思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士建家树炎德行泰雄琛钧冠策腾楠榕风航弘";
/// Given-name characters, women's names.
pub(crate) const GIVEN_FEMALE: &str = "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂叶璐娅琦晶妍茜秋珊莎锦黛青倩婷婉娴瑾颖露瑶怡雁蓓仪荷丹蓉君琴蕊薇菁梦岚苑婕馨韵园艺咏卿聪澜纯悦昭冰爽茗羽希欣滢筠柔竹凝晓欢霄枫芸菲寒伊宜舒影丽";
/// Characters that spell foreign names (each also in extraction's transliteration list).
pub(crate) const SOUNDS: &str = "阿埃艾安奥巴邦贝本比彼波伯博布查达丹德迪蒂东杜恩尔法菲费芬弗福盖甘戈格哈海汉豪赫亨霍基吉杰金卡凯坎康科克肯库拉莱兰朗劳勒雷里利连林琳卢鲁伦罗洛玛迈曼梅门米敏莫姆穆纳奈南内尼努诺欧帕佩皮普奇乔切萨塞桑森沙莎舍施斯苏索塔泰坦汤提图托瓦万威韦维温沃乌西希谢辛休雅扬耶伊因英尤约扎泽兹佐娅娜妮丝琼丽娃莉瑞";

impl World {
    /// The cast of a corpus: the gazetteer's people first (the most frequent speakers), then
    /// made-up Chinese and foreign officials, scholars and international civil servants.
    pub fn new(seed: u64) -> World {
        let g = Gazetteer::builtin();
        let countries: Vec<Country> = COUNTRY_CODES
            .iter()
            .filter_map(|&code| {
                let c = &g.countries[g.country_by_code(code)?];
                Some(Country {
                    code,
                    hans: c.name_hans.clone(),
                    hant: c.name_hant.clone(),
                })
            })
            .collect();
        let organizations = g.organizations.iter().map(|o| o.name.clone()).collect();
        let agreements = g.agreements.iter().map(|a| a.name.clone()).collect();
        let mut rng = Rng::new(seed ^ 0x5EED_0FC0_FFEE);
        let known = known_people(g);
        let made_up = made_up_people(&mut rng, g, &countries);
        let people = interleave(known, made_up);
        let weights = people
            .iter()
            .enumerate()
            .scan(0.0, |sum, (rank, _)| {
                // Zipf's law: the k-th most frequent speaker speaks about 1/k as often.
                *sum += 1.0 / (rank as f64 + 1.0);
                Some(*sum)
            })
            .collect();
        World {
            people,
            weights,
            countries,
            organizations,
            agreements,
        }
    }

    /// The text of article `index` of the corpus for `seed`.
    pub fn article(&self, seed: u64, index: usize) -> String {
        let mut rng = Rng::for_article(seed, index);
        let plan = Plan::new(self, &mut rng);
        render(self, &plan, &mut rng)
    }

    pub(crate) fn speaker(&self, rng: &mut Rng) -> usize {
        let total = self.weights.last().copied().unwrap_or(0.0);
        let u = rng.unit() * total;
        self.weights
            .partition_point(|w| *w <= u)
            .min(self.people.len() - 1)
    }

    pub(crate) fn country(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code == code)
    }

    /// A country, the first ones of the list far more often than the rest.
    pub(crate) fn some_country(&self, rng: &mut Rng) -> &Country {
        let head = self.countries.len().min(12);
        if rng.chance(55) {
            rng.pick(&self.countries[..head])
        } else {
            rng.pick(&self.countries)
        }
    }
}

/// Women among the gazetteer's people (for 她).
pub(crate) const KNOWN_WOMEN: &[&str] = &["华春莹", "毛宁", "默克尔", "冯德莱恩"];

pub(crate) fn known_people(g: &Gazetteer) -> Vec<Person> {
    g.people
        .iter()
        .map(|p| Person {
            name: p.name.clone(),
            title: p.title.clone().unwrap_or_default(),
            affiliation: Affiliation::Known(p.country.clone().filter(|c| c != "CN")),
            female: KNOWN_WOMEN.contains(&p.name.as_str()),
        })
        .collect()
}

/// The most frequent speakers are the first ten known people; the other known people are
/// spread among the made-up ones further down.
pub(crate) fn interleave(known: Vec<Person>, made_up: Vec<Person>) -> Vec<Person> {
    let mut out = Vec::with_capacity(known.len() + made_up.len());
    let mut known = known.into_iter();
    out.extend(known.by_ref().take(10));
    let mut made_up = made_up.into_iter();
    for person in known {
        out.extend(made_up.by_ref().take(3));
        out.push(person);
    }
    out.extend(made_up);
    out
}

pub(crate) fn made_up_people(rng: &mut Rng, g: &Gazetteer, countries: &[Country]) -> Vec<Person> {
    let mut seen: HashSet<String> = g.people.iter().map(|p| p.name.clone()).collect();
    let mut people = Vec::with_capacity(MADE_UP_PEOPLE);
    while people.len() < MADE_UP_PEOPLE {
        let female = rng.chance(30);
        let person = match rng.below(100) {
            0..45 => {
                let (institution, titles) = *rng.pick(INSTITUTIONS);
                Person {
                    name: chinese_name(rng, female),
                    title: rng.word(titles).to_owned(),
                    affiliation: Affiliation::Institution(institution),
                    female,
                }
            }
            45..90 => {
                // Foreign speakers come mostly from the countries in the news most.
                let head = countries.len().min(20);
                let country = if rng.chance(70) {
                    rng.pick(&countries[..head])
                } else {
                    rng.pick(countries)
                };
                Person {
                    name: foreign_name(rng),
                    title: rng.word(FOREIGN_TITLES).to_owned(),
                    affiliation: Affiliation::Country(country.code.to_owned()),
                    female,
                }
            }
            _ => {
                let (abbreviation, titles) = *rng.pick(ORGANIZATION_TITLES);
                let Some(org) = g
                    .organizations
                    .iter()
                    .find(|o| o.abbreviation == abbreviation)
                else {
                    continue;
                };
                Person {
                    name: foreign_name(rng),
                    title: rng.word(titles).to_owned(),
                    affiliation: Affiliation::Organization(org.name.clone()),
                    female,
                }
            }
        };
        if usable_name(g, &person.name) && seen.insert(person.name.clone()) {
            people.push(person);
        }
    }
    people
}

/// A made-up name must not contain a country, organization, known person or title (韩国
/// is a country, not 韩 + 国), or extraction would read it as one.
pub(crate) fn usable_name(g: &Gazetteer, name: &str) -> bool {
    let folded = FoldedText::new(name);
    g.entities(&folded).is_empty() && g.titles_in(&folded).is_empty()
}

pub(crate) fn nth_char(chars: &str, rng: &mut Rng) -> char {
    let n = chars.chars().count();
    chars.chars().nth(rng.below(n)).unwrap_or('明')
}

pub(crate) fn chinese_name(rng: &mut Rng, female: bool) -> String {
    let given = if female { GIVEN_FEMALE } else { GIVEN_MALE };
    let mut name = String::new();
    name.push(nth_char(SURNAMES, rng));
    name.push(nth_char(given, rng));
    if rng.chance(70) {
        name.push(nth_char(given, rng));
    }
    name
}

pub(crate) fn foreign_name(rng: &mut Rng) -> String {
    let part = |rng: &mut Rng| -> String {
        let len = rng.range(2, 4);
        (0..len).map(|_| nth_char(SOUNDS, rng)).collect()
    };
    if rng.chance(35) {
        format!("{}·{}", part(rng), part(rng))
    } else {
        part(rng)
    }
}
