//! `quotegraph generate`: a deterministic corpus of raw Chinese news articles for benchmarks.
//!
//! Every article looks like a page copied off a news site, in the shapes ingest and
//! extraction read: a title, a dateline with its source, body paragraphs with direct quotes
//! and reported speech attributed in the usual ways, and sometimes a reprint note, an editor
//! line, a related-articles list and a copyright footer. About half are in traditional
//! script. People, countries, organizations and agreements come from the gazetteer, plus
//! thousands of made-up speakers whose frequency is skewed like real news: a few leaders
//! speak in many articles, most people in a handful.
//!
//! The same seed gives the same files: each article depends only on the seed and its
//! number, so articles are generated on every core and still come out identical.

use quotegraph_domain::fold::to_traditional;
use quotegraph_domain::gazetteer::{FoldedText, Gazetteer};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// How many article files go in one folder.
const FILES_PER_FOLDER: usize = 1_000;
/// How many made-up people speak besides the gazetteer's.
const MADE_UP_PEOPLE: usize = 12_000;
/// Shortest article, in characters.
const MIN_CHARS: usize = 800;
/// Longest article, in characters.
const MAX_CHARS: usize = 4_000;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// How many articles.
    pub articles: usize,
    /// The folder to write them under (created if missing).
    pub out: PathBuf,
    /// The seed: the same seed gives the same files.
    pub seed: u64,
}

/// What a run wrote.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    /// Article files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "generated {} files, {} bytes ({:.1} MB), in {:.2} s",
            self.files,
            self.bytes,
            self.bytes as f64 / 1e6,
            self.seconds
        )
    }
}

/// Writes `options.articles` articles as `OUT/NNNN/NNNNNNN.txt`, 1,000 to a folder, on every
/// core.
pub fn generate(options: &Options) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let world = World::new(options.seed);
    let folders = options.articles.div_ceil(FILES_PER_FOLDER);
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, folders.max(1));
    let results: Vec<anyhow::Result<Summary>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let world = &world;
                scope.spawn(move || {
                    let mut summary = Summary::default();
                    // Folders are dealt round-robin so every thread gets a similar share.
                    for folder in (t..folders).step_by(threads) {
                        write_folder(world, options, folder, &mut summary)?;
                    }
                    Ok(summary)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("a generator thread panicked")))
            })
            .collect()
    });
    let mut total = Summary::default();
    for result in results {
        let part = result?;
        total.files += part.files;
        total.bytes += part.bytes;
    }
    total.seconds = started.elapsed().as_secs_f64();
    Ok(total)
}

/// Writes the articles of one folder.
fn write_folder(
    world: &World,
    options: &Options,
    folder: usize,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let dir = options.out.join(format!("{folder:04}"));
    std::fs::create_dir_all(&dir)?;
    let first = folder * FILES_PER_FOLDER;
    let last = (first + FILES_PER_FOLDER).min(options.articles);
    for index in first..last {
        let text = world.article(options.seed, index);
        write_file(&dir.join(format!("{index:07}.txt")), &text)?;
        summary.files += 1;
        summary.bytes += text.len() as u64;
    }
    Ok(())
}

fn write_file(path: &Path, text: &str) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// The generator's random numbers: splitmix64, small, fast and the same on every platform.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// A stream for one article, independent of every other article's.
    fn for_article(seed: u64, index: usize) -> Self {
        let mut mixer = Rng::new(seed ^ (index as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
        Rng::new(mixer.next_u64())
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True `percent` times in 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }
}

/// Who a person speaks for, which decides how a speaker phrase names them.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Affiliation {
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
struct Person {
    name: String,
    title: String,
    affiliation: Affiliation,
    female: bool,
}

/// A country as articles name it.
#[derive(Debug, Clone)]
struct Country {
    code: &'static str,
    hans: String,
    hant: String,
}

/// The cast and the places of the corpus, built once from the seed.
pub struct World {
    people: Vec<Person>,
    /// Cumulative speaking weights, one per person (skewed: a few speak very often).
    weights: Vec<f64>,
    countries: Vec<Country>,
    organizations: Vec<String>,
    agreements: Vec<String>,
}

/// Countries news writes about, most frequent first.
const COUNTRY_CODES: &[&str] = &[
    "US", "RU", "JP", "KR", "KH", "DE", "FR", "GB", "SG", "ID", "IN", "MY", "TH", "VN", "PH", "LA",
    "MM", "PK", "AU", "NZ", "CA", "BR", "AR", "MX", "ZA", "EG", "NG", "KE", "ET", "SA", "AE", "IR",
    "IQ", "TR", "IT", "ES", "NL", "BE", "CH", "AT", "SE", "NO", "FI", "PL", "HU", "GR", "PT", "RS",
    "KZ", "UZ", "MN", "NP", "LK", "BD", "CL", "PE", "CU", "WS", "FJ", "LY",
];

/// Organizations made-up officials work for, with the titles they hold.
const ORGANIZATION_TITLES: &[(&str, &[&str])] = &[
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
const INSTITUTIONS: &[(&str, &[&str])] = &[
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
const FOREIGN_TITLES: &[&str] = &[
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
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵钱严武戴孔汤常康施樊葛邢齐乔庞颜庄聂章鲁岳殷詹欧耿关焦俞柳甘祝宁尚舒柯纪梅童凌裴霍苗盛翁骆蓝游辛管柴鲍喻房滕饶";
/// Given-name characters, men's names.
const GIVEN_MALE: &str = "伟刚勇毅俊峰军平保东文辉力永健广志义兴良海山仁波宁贵福生龙元全胜学祥才武新利清飞彬富顺信子杰涛昌成康星光天达安岩茂林有坚彪博诚先敬震振壮思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士建家树炎德行泰雄琛钧冠策腾楠榕风航弘";
/// Given-name characters, women's names.
const GIVEN_FEMALE: &str = "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂叶璐娅琦晶妍茜秋珊莎锦黛青倩婷婉娴瑾颖露瑶怡雁蓓仪荷丹蓉君琴蕊薇菁梦岚苑婕馨韵园艺咏卿聪澜纯悦昭冰爽茗羽希欣滢筠柔竹凝晓欢霄枫芸菲寒伊宜舒影丽";
/// Characters that spell foreign names (each also in extraction's transliteration list).
const SOUNDS: &str = "阿埃艾安奥巴邦贝本比彼波伯博布查达丹德迪蒂东杜恩尔法菲费芬弗福盖甘戈格哈海汉豪赫亨霍基吉杰金卡凯坎康科克肯库拉莱兰朗劳勒雷里利连林琳卢鲁伦罗洛玛迈曼梅门米敏莫姆穆纳奈南内尼努诺欧帕佩皮普奇乔切萨塞桑森沙莎舍施斯苏索塔泰坦汤提图托瓦万威韦维温沃乌西希谢辛休雅扬耶伊因英尤约扎泽兹佐娅娜妮丝琼丽娃莉瑞";

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

    fn speaker(&self, rng: &mut Rng) -> usize {
        let total = self.weights.last().copied().unwrap_or(0.0);
        let u = rng.unit() * total;
        self.weights
            .partition_point(|w| *w <= u)
            .min(self.people.len() - 1)
    }

    fn country(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code == code)
    }

    /// A country, the first ones of the list far more often than the rest.
    fn some_country(&self, rng: &mut Rng) -> &Country {
        let head = self.countries.len().min(12);
        if rng.chance(55) {
            rng.pick(&self.countries[..head])
        } else {
            rng.pick(&self.countries)
        }
    }
}

/// Women among the gazetteer's people (for 她).
const KNOWN_WOMEN: &[&str] = &["华春莹", "毛宁", "默克尔", "冯德莱恩"];

fn known_people(g: &Gazetteer) -> Vec<Person> {
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
fn interleave(known: Vec<Person>, made_up: Vec<Person>) -> Vec<Person> {
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

fn made_up_people(rng: &mut Rng, g: &Gazetteer, countries: &[Country]) -> Vec<Person> {
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
fn usable_name(g: &Gazetteer, name: &str) -> bool {
    let folded = FoldedText::new(name);
    g.entities(&folded).is_empty() && g.titles_in(&folded).is_empty()
}

fn nth_char(chars: &str, rng: &mut Rng) -> char {
    let n = chars.chars().count();
    chars.chars().nth(rng.below(n)).unwrap_or('明')
}

fn chinese_name(rng: &mut Rng, female: bool) -> String {
    let given = if female { GIVEN_FEMALE } else { GIVEN_MALE };
    let mut name = String::new();
    name.push(nth_char(SURNAMES, rng));
    name.push(nth_char(given, rng));
    if rng.chance(70) {
        name.push(nth_char(given, rng));
    }
    name
}

fn foreign_name(rng: &mut Rng) -> String {
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

/// A news outlet, named in both scripts.
struct Outlet {
    hans: &'static str,
    hant: &'static str,
    /// Taiwan outlets sometimes date by the Minguo calendar.
    taiwan: bool,
}

const fn outlet(hans: &'static str, hant: &'static str) -> Outlet {
    Outlet {
        hans,
        hant,
        taiwan: false,
    }
}

const OUTLETS: &[Outlet] = &[
    outlet("央视网", "央視網"),
    outlet("新华网", "新華網"),
    outlet("人民网", "人民網"),
    outlet("环球网", "環球網"),
    outlet("中新网", "中新網"),
    outlet("中国日报网", "中國日報網"),
    outlet("光明网", "光明網"),
    outlet("澎湃新闻", "澎湃新聞"),
    outlet("联合早报", "聯合早報"),
    outlet("凤凰网", "鳳凰網"),
    outlet("海外网", "海外網"),
    outlet("国际在线", "國際在線"),
    outlet("参考消息", "參考消息"),
    outlet("中国网", "中國網"),
    outlet("经济日报", "經濟日報"),
    outlet("新京报", "新京報"),
    outlet("大公报", "大公報"),
    outlet("文汇报", "文匯報"),
    outlet("星岛日报", "星島日報"),
    Outlet {
        hans: "联合报",
        hant: "聯合報",
        taiwan: true,
    },
    Outlet {
        hans: "中央社",
        hant: "中央社",
        taiwan: true,
    },
];

/// Wire agencies that open a lead with "X北京12月17日电".
const AGENCIES: &[&str] = &["新华社", "中新社"];

const FIELDS: &[&str] = &[
    "经贸",
    "投资",
    "能源",
    "公共卫生",
    "教育",
    "人文",
    "数字经济",
    "基础设施",
    "农业",
    "旅游",
    "科技创新",
    "绿色发展",
    "金融",
    "海洋",
    "航天",
    "减贫",
    "新能源",
    "物流",
    "制造业",
    "文化",
];
const CHALLENGES: &[&str] = &[
    "新冠肺炎疫情",
    "气候变化",
    "粮食安全危机",
    "能源价格波动",
    "全球通胀压力",
    "供应链中断",
    "地区冲突外溢",
    "网络安全威胁",
    "单边主义抬头",
    "债务风险",
];
const EVENTS: &[&str] = &[
    "视频会议",
    "高级别论坛",
    "双边会谈",
    "联合新闻发布会",
    "年度峰会",
    "研讨会",
    "合作论坛",
    "线上对话会",
    "工作组会议",
    "经贸洽谈会",
    "投资推介会",
];
const TERMS: &[&str] = &[
    "快捷通道",
    "绿色通道",
    "云外交",
    "一带一路",
    "数字丝绸之路",
    "健康丝绸之路",
    "双循环",
    "碳中和",
];
const CITIES: &[&str] = &[
    "北京",
    "上海",
    "广州",
    "深圳",
    "杭州",
    "日内瓦",
    "纽约",
    "布鲁塞尔",
    "莫斯科",
    "东京",
    "首尔",
    "金边",
    "雅加达",
    "曼谷",
    "河内",
    "吉隆坡",
    "伊斯兰堡",
    "内罗毕",
    "开罗",
    "迪拜",
];
const CATEGORIES: &[&str] = &[
    "国际",
    "时政",
    "财经",
    "社会",
    "科技",
    "健康",
    "外交",
    "国际观察",
];
const SITES: &[(&str, &str)] = &[
    ("环亚资讯网", "hyzx.example.cn"),
    ("东方观察网", "dfgc.example.cn"),
    ("寰宇新闻网", "hyxw.example.cn"),
    ("丝路商情网", "slsq.example.cn"),
    ("国际经贸网", "gjjm.example.cn"),
];

/// What speakers say in quotation marks: one to three of these make a quotation.
const QUOTES: &[&str] = &[
    "我们愿同{C}一道,推动{F}合作不断迈上新台阶。",
    "{F}合作是两国关系的压舱石和推进器。",
    "面对{X},没有哪个国家能够独善其身,团结合作是唯一正确的选择。",
    "{A}的落地实施将为地区经济复苏注入强劲动力。",
    "我们坚决反对任何形式的单边主义和保护主义。",
    "中方始终是{C}值得信赖的好朋友、好伙伴。",
    "双方在{F}领域拥有广阔的合作空间和巨大的发展潜力。",
    "这一成果来之不易,充分体现了各方的政治智慧和务实精神。",
    "希望国际社会秉持公平正义,共同维护地区和平稳定。",
    "我们期待与各方加强沟通协调,推动{O}在全球治理中发挥更大作用。",
    "今年以来,两国{F}合作逆势增长,成绩令人鼓舞。",
    "{X}给世界经济带来了前所未有的冲击,各国必须携手应对。",
    "开放合作是大势所趋,人心所向。",
    "我们不会关上开放的大门,只会越开越大。",
    "{C}愿意成为中国企业拓展海外市场的重要伙伴。",
    "只要坚持相互尊重、平等相待,就没有克服不了的困难。",
    "这是一个具有里程碑意义的时刻。",
    "{F}是未来发展的关键领域,我们将加大投入力度。",
    "我们欢迎更多{C2}企业来华投资兴业。",
    "任何试图阻碍正常交流合作的做法都注定不会得逞。",
    "双方同意尽快恢复人员往来,为{F}合作创造便利条件。",
    "多边主义是应对全球性挑战的正确道路。",
    "我们将继续履行承诺,为全球发展贡献力量。",
    "民心相通是国与国关系发展的社会基础。",
    "中方愿同{C}分享发展经验,实现互利共赢、共同发展。",
    "当前形势下,加强{F}合作比以往任何时候都更加重要。",
    "我们对{O}的工作表示支持,愿继续为此作出积极贡献。",
    "这次会议释放了团结合作、共谋发展的积极信号。",
    "有关方面应当停止炒作,多做有利于地区和平稳定的事。",
    "我们注意到有关报道,将密切关注事态发展。",
    "青年是两国友好的未来,我们要为青年交流搭建更多平台。",
    "绿色低碳转型是大势所趋,没有回头路可走。",
    "我们愿与各方一道,落实好{A},推动区域经济一体化进程。",
    "相信在双方共同努力下,两国关系一定能够取得更大发展。",
    "无论国际风云如何变幻,我们推进合作的决心不会改变。",
    "这一倡议顺应了时代潮流,符合各国人民的共同利益。",
    "{C}政府高度重视同中国的关系,愿进一步深化各领域务实合作。",
    "我们应当以更加开放包容的姿态,共同应对{X}。",
    "从长远来看,{F}合作将为双方带来更多实实在在的好处。",
    "{F}和{F2}领域的合作潜力还远远没有释放出来。",
];

/// What reported speech reports (after "X表示,").
const REPORTED: &[&str] = &[
    "两国应进一步加强{F}领域的务实合作,推动双边关系持续健康发展",
    "{C}高度赞赏中方在应对{X}方面发挥的积极作用",
    "各方应坚持多边主义,维护以联合国为核心的国际体系",
    "{A}的签署标志着区域经济一体化迈出关键一步",
    "中方愿同{C}一道,落实好两国领导人达成的重要共识",
    "当前{F}合作面临新的机遇,双方应抓住机遇、扩大合作",
    "国际社会应加强团结,共同应对{X}带来的挑战",
    "{O}在协调各方立场方面发挥了不可替代的作用",
    "今年前{N}个月双边贸易额同比增长{P}%,显示出强大韧性",
    "两国在{F}和{F2}等领域的合作前景广阔",
    "有关国家应摒弃冷战思维,以建设性态度处理分歧",
    "疫情不会改变两国人民之间的深厚友谊",
    "双方将尽快启动{F}合作的新一轮磋商",
    "{C}欢迎中国企业参与当地的{F}项目建设",
    "中方将继续为{C}提供力所能及的帮助和支持",
    "加快推进{A}的实施将为各方带来更多发展红利",
    "这一举措有助于稳定全球产业链供应链",
    "各国应秉持人类命运共同体理念,携手共建美好世界",
    "两国关系已经成为国与国之间互利共赢的典范",
    "本次会议达成的成果将为{F}合作提供新的动力",
    "相关数据表明该国经济正在稳步复苏",
    "双方还就共同关心的国际和地区问题深入交换了意见",
    "应当尊重各国根据自身国情选择的发展道路",
    "未来{N}年将是推动{F}转型的关键时期",
    "中方对此表示严重关切,并已向有关方面提出严正交涉",
];

/// What speakers call for (after "呼吁").
const CALLS: &[&str] = &[
    "各方加强{F}领域合作",
    "国际社会携手应对{X}",
    "有关国家尽快恢复{F}领域的正常交流",
    "发达国家切实履行援助承诺",
    "各国共同维护多边贸易体制",
    "{O}在应对{X}方面发挥更大作用",
    "尽快落实{A}的各项安排",
    "加强政策协调,稳定全球产业链供应链",
];

/// Sentences of background, with no one speaking.
const NARRATIVE: &[&str] = &[
    "据统计,{Y}年双边贸易额达到{NN}亿美元,同比增长{P}%。",
    "{D},{O}在{CITY}举行{EV},来自{N}个国家和地区的嘉宾参加。",
    "近年来,{C}与中国在{F}领域的合作不断深化,一批重点项目相继落地。",
    "{X}仍将是未来一段时期各国面临的共同挑战。",
    "此前,{C}已与中国签署{F}合作谅解备忘录,双方同意建立定期会晤机制。",
    "今年是{C}与中国建交{N}周年,两国各领域交流合作持续推进。",
    "据了解,该项目总投资约{NN}亿元,预计将于{Y2}年底前完工。",
    "截至目前,已有{NN}多家中国企业在{C}开展业务,为当地创造了大量就业岗位。",
    "与此同时,{O}发布的最新报告显示,全球{F}投资规模较上年增长{P}%。",
    "{A}自生效以来,成员国之间的贸易往来明显增加。",
    "在“{T}”机制的推动下,双方人员往来和物资流通更加顺畅。",
    "这一合作模式有望在更多国家推广。",
    "当天,双方还共同见证了{N}份合作文件的签署。",
    "会议期间,与会嘉宾围绕{F}、{F2}等议题进行了深入讨论。",
    "当地媒体对此进行了广泛报道,引发社会各界热烈反响。",
    "这是{Y}年以来双方举行的第{N}轮高级别对话。",
    "根据计划,双方将在{F}、{F2}等领域开展联合研究。",
    "面对{X},{C}政府近期出台了一系列稳定经济的措施。",
    "{C}是中国在该地区的重要合作伙伴,也是{O}的重要成员。",
    "中国驻{C}使馆有关负责人出席了活动。",
    "{F}合作有望成为两国关系新的增长点。",
    "受{X}影响,{C}去年经济增速明显放缓。",
    "目前,双方正就{A}相关条款进行技术性磋商。",
    "数据显示,{C}{F}产业规模已连续{N}年保持增长。",
    "{CITY}街头随处可见中国企业参与建设的项目。",
    "值得一提的是,“{T}”的开通大大缩短了企业人员往来的等待时间。",
    "此次访问是{C}领导人今年首次出访。",
    "按照协议,中方将向{C}提供{NN}万剂疫苗和一批医疗物资。",
    "舆论普遍关注双方能否在{F}问题上取得突破。",
    "活动现场气氛热烈,{N}家企业现场签约。",
    "{CITY}的港口吞吐量今年前{N}个月同比增长{P}%。",
    "{X}给不少企业的经营带来了压力,但各方对合作前景依然充满信心。",
];

/// Openings of the first paragraph.
const LEADS: &[&str] = &[
    "{D},{C}与中国在{CITY}举行{F}合作{EV}。",
    "{D},{O}{EV}以视频方式举行。",
    "近日,围绕{F}合作,{C}各界人士纷纷发表看法。",
    "{D},第{N}届{F}合作论坛在{CITY}开幕。",
    "随着{A}进入实施阶段,{C}与中国的{F}合作迎来新的机遇。",
];

/// Headline claims.
const CLAIMS: &[&str] = &[
    "开放合作是大势所趋",
    "{F}合作前景广阔",
    "愿同中方深化{F}合作",
    "多边主义是正确道路",
    "两国关系将迎来新发展",
    "坚决反对单边制裁",
    "期待{A}早日全面实施",
    "携手应对{X}",
];

/// Headlines.
const TITLES: &[&str] = &[
    "{SP}：{CLAIM}",
    "{C}与中国签署{F}合作文件",
    "{O}发布报告：{X}仍是全球主要风险",
    "{A}助力{C}{F}合作提质升级",
    "外交部：{CLAIM}",
    "{Y}年{C}{F}论坛在{CITY}开幕",
    "国际观察｜{C}{F}政策调整引发关注",
    "{C}{F}合作成为双边关系新亮点",
    "多国政要：{CLAIM}",
    "{C}各界积极评价中国{F}发展成就",
    "聚焦{EV}｜{F}合作迎来新机遇",
];

/// Everything one article is about, decided before writing it.
struct Plan<'w> {
    traditional: bool,
    /// Half-width commas and colons (many sites), else full-width.
    half_width: bool,
    year: i32,
    month: u32,
    day: u32,
    outlet: &'static Outlet,
    focus: &'w Country,
    organization: &'w str,
    agreement: &'w str,
    field: &'static str,
    challenge: &'static str,
    speakers: Vec<usize>,
}

impl<'w> Plan<'w> {
    fn new(world: &'w World, rng: &mut Rng) -> Self {
        let count = rng.range(2, 5);
        let mut speakers: Vec<usize> = Vec::with_capacity(count);
        for _ in 0..count * 3 {
            let s = world.speaker(rng);
            if !speakers.contains(&s) {
                speakers.push(s);
            }
            if speakers.len() == count {
                break;
            }
        }
        // The article is about the country of its first foreign speaker, if it has one.
        let focus = speakers
            .iter()
            .find_map(|&s| match &world.people[s].affiliation {
                Affiliation::Country(code) | Affiliation::Known(Some(code)) => world.country(code),
                _ => None,
            })
            .unwrap_or_else(|| world.some_country(rng));
        Plan {
            traditional: rng.chance(50),
            half_width: rng.chance(40),
            year: 2019 + rng.below(5) as i32,
            month: rng.range(1, 12) as u32,
            day: rng.range(1, 28) as u32,
            outlet: rng.pick(OUTLETS),
            focus,
            organization: rng.pick(&world.organizations).as_str(),
            agreement: rng.pick(&world.agreements).as_str(),
            field: rng.word(FIELDS),
            challenge: rng.word(CHALLENGES),
            speakers,
        }
    }

    /// A country's name as this article writes it (traditional articles often use the
    /// traditional name outright: 南韓 rather than a conversion of 韩国).
    fn country_name(&self, c: &Country, rng: &mut Rng) -> String {
        if self.traditional && rng.chance(50) {
            c.hant.clone()
        } else {
            c.hans.clone()
        }
    }
}

/// Writes one article: fills templates, tracks who was named last (for 他/她) and how
/// long the text is.
struct Writer<'a> {
    world: &'a World,
    plan: &'a Plan<'a>,
    rng: &'a mut Rng,
    /// Speakers already named in full once (later mentions use the bare name).
    introduced: Vec<usize>,
}

impl Writer<'_> {
    /// Replaces `{KEY}` placeholders.
    fn fill(&mut self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let key = &rest[open + 1..open + close];
            self.value(key, &mut out);
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        out
    }

    fn value(&mut self, key: &str, out: &mut String) {
        let plan = self.plan;
        match key {
            "C" => out.push_str(&plan.country_name(plan.focus, self.rng)),
            "C2" => {
                let c = self.world.some_country(self.rng);
                out.push_str(&plan.country_name(c, self.rng));
            }
            "O" => out.push_str(plan.organization),
            "A" => out.push_str(plan.agreement),
            "F" => out.push_str(plan.field),
            "F2" => out.push_str(self.rng.word(FIELDS)),
            "X" => out.push_str(plan.challenge),
            "EV" => out.push_str(self.rng.word(EVENTS)),
            "T" => out.push_str(self.rng.word(TERMS)),
            "CITY" => out.push_str(self.rng.word(CITIES)),
            "N" => push_number(out, self.rng.range(2, 30)),
            "NN" => push_number(out, self.rng.range(100, 999)),
            "P" => {
                let tenths = self.rng.range(5, 399);
                let _ = write!(out, "{}.{}", tenths / 10, tenths % 10);
            }
            "Y" => push_number(out, plan.year as usize),
            "Y2" => push_number(out, plan.year as usize + 1),
            "D" => {
                // A day shortly before publication, in the same month.
                let day = plan.day.saturating_sub(self.rng.below(3) as u32).max(1);
                let _ = write!(out, "{}月{}日", plan.month, day);
            }
            "CLAIM" => {
                let claim = self.rng.pick(CLAIMS);
                let filled = self.fill(claim);
                out.push_str(&filled);
            }
            "SP" => {
                let who = self.plan.speakers[0];
                let phrase = self.headline_speaker(who);
                out.push_str(&phrase);
            }
            _ => {}
        }
    }

    /// A quotation of one to three sentences.
    fn quotation(&mut self) -> String {
        let mut out = String::new();
        // One sentence usually, two often, three sometimes.
        let n = match self.rng.below(100) {
            0..55 => 1,
            55..90 => 2,
            _ => 3,
        };
        for _ in 0..n {
            let sentence = self.rng_pick(QUOTES);
            out.push_str(&self.fill(sentence));
        }
        out
    }

    fn reported(&mut self) -> String {
        let clause = self.rng_pick(REPORTED);
        self.fill(clause)
    }

    fn narrative(&mut self) -> String {
        let sentence = self.rng_pick(NARRATIVE);
        self.fill(sentence)
    }

    fn rng_pick(&mut self, items: &'static [&'static str]) -> &'static str {
        self.rng.word(items)
    }

    /// How a headline names its main speaker: 柬埔寨副首相, 国家主席习近平, 王毅.
    fn headline_speaker(&mut self, who: usize) -> String {
        let person = &self.world.people[who];
        match &person.affiliation {
            Affiliation::Country(code) => {
                let country = self.world.country(code).unwrap_or(self.plan.focus);
                format!(
                    "{}{}",
                    self.plan.country_name(country, self.rng),
                    person.title
                )
            }
            Affiliation::Known(_) => person.name.clone(),
            Affiliation::Institution(i) => format!("{i}{}", person.title),
            Affiliation::Organization(o) => format!("{o}{}", person.title),
        }
    }

    /// How the body names a speaker: in full the first time (country or institution, title,
    /// name), by name afterwards. `verb_next` says the reporting verb follows right after:
    /// only then may the title come after the name (张明教授表示), since words between the
    /// title and the verb would read as a name (张明教授在会上表示).
    fn speaker_phrase(&mut self, who: usize, verb_next: bool) -> String {
        let person = &self.world.people[who];
        if self.introduced.contains(&who) {
            return match &person.affiliation {
                // 习近平主席, 李克强总理: well-known people keep a short title after the name.
                Affiliation::Known(None) if self.rng.chance(50) => {
                    format!("{}{}", person.name, short_title(&person.title))
                }
                _ => person.name.clone(),
            };
        }
        self.introduced.push(who);
        match &person.affiliation {
            Affiliation::Country(code) | Affiliation::Known(Some(code)) => {
                let country = self.world.country(code).unwrap_or(self.plan.focus);
                format!(
                    "{}{}{}",
                    self.plan.country_name(country, self.rng),
                    person.title,
                    person.name
                )
            }
            Affiliation::Known(None) => format!("{}{}", person.title, person.name),
            Affiliation::Institution(i) => {
                if verb_next && self.rng.chance(30) {
                    format!("{}{}", person.name, person.title)
                } else {
                    format!("{i}{}{}", person.title, person.name)
                }
            }
            Affiliation::Organization(o) => format!("{o}{}{}", person.title, person.name),
        }
    }

    fn pronoun(&self, who: usize) -> &'static str {
        if self.world.people[who].female {
            "她"
        } else {
            "他"
        }
    }

    /// A speaker of this article, the first one most often.
    fn some_speaker(&mut self) -> usize {
        let speakers = &self.plan.speakers;
        if self.rng.chance(45) {
            speakers[0]
        } else {
            speakers[self.rng.below(speakers.len())]
        }
    }

    /// The statements of one paragraph, in one of the shapes news attributes speech.
    fn statements(&mut self) -> String {
        let shape = self.rng.below(100);
        self.statements_in_shape(shape)
    }

    /// Statements attributed to someone by name.
    fn named_statements(&mut self) -> String {
        let shape = self.rng.below(90);
        self.statements_in_shape(shape)
    }

    fn statements_in_shape(&mut self, shape: usize) -> String {
        let who = self.some_speaker();
        match shape {
            // X表示:“…” (sometimes at an event: X在…上指出:“…”), then 他/她 reported.
            0..25 => {
                let verb = self.rng.word(&["表示", "指出", "强调", "说"]);
                let at_event = self.rng.chance(40);
                let sp = self.speaker_phrase(who, !at_event);
                let q = self.quotation();
                let mut s = if at_event {
                    let ev = self.rng_pick(EVENTS);
                    format!("{sp}在{ev}上{verb}:“{q}”")
                } else {
                    format!("{sp}{verb}:“{q}”")
                };
                if self.rng.chance(25) {
                    let r = self.reported();
                    let _ = write!(s, "{}还指出,{r}。", self.pronoun(who));
                }
                s
            }
            // “…”X表示,…。 then sometimes a quotation of theirs standing alone.
            25..50 => {
                let q = self.quotation();
                let sp = self.speaker_phrase(who, true);
                let r = self.reported();
                let mut s = format!("“{q}”{sp}表示,{r}。");
                if self.rng.chance(30) {
                    let _ = write!(s, "“{}”", self.quotation());
                }
                s
            }
            // X指出,…。 他/她强调,…。
            50..72 => {
                let verb = self.rng.word(&["指出", "认为", "表示", "介绍说", "重申"]);
                let sp = self.speaker_phrase(who, verb != "介绍说");
                let r = self.reported();
                let mut s = format!("{sp}{verb},{r}。");
                if self.rng.chance(20) {
                    let r = self.reported();
                    let _ = write!(s, "{}强调,{r}。", self.pronoun(who));
                }
                s
            }
            // 12月17日,X在…上发表讲话,呼吁…。
            72..80 => {
                let sp = self.speaker_phrase(who, false);
                let d = self.fill("{D}");
                let ev = self.rng_pick(EVENTS);
                let call = self.rng_pick(CALLS);
                let call = self.fill(call);
                format!("{d},{sp}在{ev}上发表讲话,呼吁{call}。")
            }
            // 正如X所说,“…”
            80..86 => {
                let sp = self.speaker_phrase(who, true);
                let q = self.quotation();
                format!("正如{sp}所说,“{q}”")
            }
            // “…”。X发出这样的呼吁。
            86..90 => {
                let q = self.quotation();
                let d = self.fill("{D}");
                let sp = self.speaker_phrase(who, false);
                format!("“{q}”{d},{sp}发出这样的呼吁。")
            }
            // Someone the text does not name.
            _ => {
                let who = self.rng.word(&[
                    "一位不愿具名的官员",
                    "分析人士",
                    "当地媒体",
                    "有关方面",
                    "业内人士",
                ]);
                let verb = self.rng.word(&["表示", "认为", "指出"]);
                let r = self.reported();
                format!("{who}{verb},{r}。")
            }
        }
    }

    /// One body paragraph of about `budget` characters: statements or background first,
    /// then background sentences until it is long enough.
    fn paragraph(&mut self, budget: usize, lead: Option<String>, named: bool) -> String {
        let mut p = lead.unwrap_or_default();
        if named {
            p.push_str(&self.named_statements());
        } else if self.rng.chance(55) {
            p.push_str(&self.statements());
        } else {
            p.push_str(&self.narrative());
        }
        let mut chars = p.chars().count();
        while chars + 30 < budget {
            let s = if self.rng.chance(6) {
                self.statements()
            } else {
                self.narrative()
            };
            chars += s.chars().count();
            p.push_str(&s);
        }
        p
    }

    fn title(&mut self) -> String {
        let t = self.rng_pick(TITLES);
        self.fill(t)
    }

    /// A related-articles list: a heading, then bulleted headlines each with a snippet.
    fn related(&mut self) -> String {
        let heading = self
            .rng
            .word(&["相关阅读", "相关焦点", "延伸阅读", "相关新闻", "相关报道"]);
        let mut out = format!("{heading}\n\n");
        for _ in 0..self.rng.range(2, 5) {
            let headline = self.title();
            let snippet = if self.rng.chance(30) {
                self.statements()
            } else {
                let a = self.narrative();
                a + &self.narrative()
            };
            let _ = write!(out, "  • {headline}\n    {snippet}\n");
        }
        out
    }
}

fn push_number(out: &mut String, n: usize) {
    let _ = write!(out, "{n}");
}

/// The title a well-known person is called by after their name (国家主席 → 主席).
fn short_title(title: &str) -> &str {
    match title {
        "国家主席" => "主席",
        "国务院总理" => "总理",
        "外交部长" => "外长",
        _ => "",
    }
}

/// A dateline: the publication time and the source, in one of the ways sites print them.
/// Returns the line and whether it names the source (else the lead must).
fn dateline(plan: &Plan<'_>, rng: &mut Rng) -> (String, bool) {
    let (y, m, d) = (plan.year, plan.month, plan.day);
    let (h, mi, s) = (rng.range(6, 23), rng.below(60), rng.below(60));
    let source = if plan.traditional {
        plan.outlet.hant
    } else {
        plan.outlet.hans
    };
    let label = if plan.traditional { "來源" } else { "来源" };
    match rng.below(100) {
        0..30 => (
            format!("{y}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}{label}:{source}"),
            true,
        ),
        30..55 => (format!("{y}-{m:02}-{d:02} {source}"), true),
        55..75 => (
            format!("{y}年{m}月{d}日 {h:02}:{mi:02} {label}：{source}"),
            true,
        ),
        75..85 if plan.outlet.taiwan && plan.traditional => (
            format!("民國{}年{m}月{d}日 {label}：{source}", y - 1911),
            true,
        ),
        75..88 => (
            format!("{y}/{m:02}/{d:02} {h:02}:{mi:02}  |  {label}：{source}"),
            true,
        ),
        // Date only: a wire lead names the agency instead.
        _ => (format!("{y}-{m:02}-{d:02} {h:02}:{mi:02}"), false),
    }
}

/// The footer of the hosting site: a copyright and disclaimer block.
fn footer(rng: &mut Rng, year: i32) -> String {
    let (site, domain) = *rng.pick(SITES);
    let days = rng.range(7, 30);
    format!(
        "【版权及免责声明】\n\
         1、本网原创稿件及图片的版权归{site}({domain})所有,未经书面许可,任何单位和个人不得转载或镜像。\n\
         2、本网转载的其他媒体稿件,目的在于传递更多信息,不代表本网观点,也不对其真实性负责。\n\
         3、如对稿件内容或版权有异议,请于{days}个工作日内与本网联系。\n\
         Copyright © 2015-{year} {site}\n"
    )
}

/// A total length for an article: 800 to 4,000 characters, most around 1,500, mean near
/// 1,800 (a right-skewed bell from a sum of uniforms; no floating-point library calls, so
/// the result is the same on every platform).
fn target_chars(rng: &mut Rng) -> usize {
    let x = (rng.unit() + rng.unit() + rng.unit()) / 3.0;
    let u = x * (0.42 + x) / 1.42;
    MIN_CHARS + (u * (MAX_CHARS - MIN_CHARS) as f64) as usize
}

/// Renders the whole page.
fn render(world: &World, plan: &Plan<'_>, rng: &mut Rng) -> String {
    let target = target_chars(rng);
    let (dateline, named_source) = dateline(plan, rng);
    let mut w = Writer {
        world,
        plan,
        rng,
        introduced: Vec::new(),
    };
    let mut head = String::new();
    if w.rng.chance(25) {
        let category = w.rng_pick(CATEGORIES);
        let crumb = w
            .rng
            .word(&["您当前的位置:首页 » {}", "当前位置：首页 > {} > 正文"]);
        head.push_str(&crumb.replace("{}", category));
        head.push('\n');
    }
    head.push_str(&w.title());
    head.push('\n');

    let mut tail = String::new();
    if w.rng.chance(20) {
        let credit = if named_source {
            plan.outlet.hans
        } else {
            "新华网"
        };
        let _ = writeln!(tail, "({credit})\n");
    }
    if w.rng.chance(40) {
        let female = w.rng.chance(50);
        let editor = chinese_name(w.rng, female);
        let line = match w.rng.below(3) {
            0 => format!("编辑:{editor}  审核:{}", chinese_name(w.rng, false)),
            1 => format!("（责任编辑：{editor}）"),
            _ => format!("责编：{editor}"),
        };
        let _ = writeln!(tail, "{line}\n");
    }
    if w.rng.chance(35) {
        tail.push_str(&w.related());
        tail.push('\n');
    }
    if w.rng.chance(30) {
        tail.push_str(&footer(w.rng, plan.year));
    }

    let mut upper = String::new();
    if w.rng.chance(20) {
        let from = w.rng.pick(OUTLETS).hans;
        let _ = writeln!(upper, "本文转自【{from}】;\n");
    }
    if w.rng.chance(10) {
        upper.push_str("分享到:\n\n");
    }
    let overhead = head.chars().count() + dateline.chars().count() + tail.chars().count();
    let mut text = body(
        &mut w,
        target.saturating_sub(overhead).max(500),
        named_source,
    );
    // A page with a long related list or footer can leave the body short: add paragraphs
    // until the page is long enough (conversion to traditional keeps the count).
    while overhead + text.chars().count() < MIN_CHARS + 40 {
        text.push_str(&w.paragraph(200, None, false));
        text.push_str("\n\n");
    }
    upper.push_str(&text);
    upper.push('\n');
    upper.push_str(&tail);

    let (head, rest) = finish_script(plan, w.rng, head, upper);
    let mut page = String::with_capacity(head.len() + dateline.len() + rest.len() + 4);
    page.push_str(&head);
    page.push_str(&dateline);
    page.push_str("\n\n");
    page.push_str(&rest);
    clamp_length(page)
}

/// The body: 4 to 12 paragraphs sharing `budget` characters, the first opening with a lead.
fn body(w: &mut Writer<'_>, budget: usize, named_source: bool) -> String {
    let per = w.rng.range(140, 300);
    let paragraphs = (budget / per).clamp(4, 12);
    let share = budget / paragraphs;
    let mut out = String::with_capacity(budget * 4);
    for i in 0..paragraphs {
        let lead = (i == 0).then(|| {
            let mut lead = String::new();
            if !named_source {
                let agency = w.rng.word(AGENCIES);
                let city = w.rng.word(CITIES);
                let _ = write!(lead, "{agency}{city}{}月{}日电 ", w.plan.month, w.plan.day);
            }
            let opening = w.rng_pick(LEADS);
            lead.push_str(&w.fill(opening));
            lead
        });
        let jitter = w.rng.range(0, share / 2);
        // Every article quotes someone by name early on, as news does.
        out.push_str(&w.paragraph(share * 3 / 4 + jitter, lead, i == 1));
        out.push_str("\n\n");
    }
    out
}

/// Converts to traditional script when the plan says so (with 「」 quotation marks, as
/// Hong Kong and Taiwan print them), and applies the article's punctuation width.
fn finish_script(plan: &Plan<'_>, rng: &mut Rng, head: String, rest: String) -> (String, String) {
    let (mut head, mut rest) = if plan.traditional {
        (to_traditional(&head), to_traditional(&rest))
    } else {
        (head, rest)
    };
    if plan.traditional && rng.chance(85) {
        head = corner_quotes(&head);
        rest = corner_quotes(&rest);
    }
    // Templates are written with ASCII commas and colons; many sites print full-width ones.
    if !plan.half_width {
        rest = full_width(&rest);
    }
    (head, rest)
}

fn corner_quotes(text: &str) -> String {
    text.replace('“', "「").replace('”', "」")
}

fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ',' => '，',
            ':' => '：',
            _ => c,
        })
        .collect()
}

/// Keeps an article within 800 to 4,000 characters: long ones are cut at a paragraph
/// boundary, short ones are never produced by the budget above (checked by a test).
fn clamp_length(mut page: String) -> String {
    // Where the character after the last one allowed starts, if there is one.
    let Some((limit, _)) = page.char_indices().nth(MAX_CHARS) else {
        return page;
    };
    let cut = page[..limit].rfind('\n').unwrap_or(limit);
    page.truncate(cut);
    page.push('\n');
    page
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotegraph_domain::extract::extract;

    #[test]
    fn the_same_seed_gives_the_same_text() {
        let a = World::new(7);
        let b = World::new(7);
        for i in 0..20 {
            assert_eq!(a.article(7, i), b.article(7, i));
        }
    }

    #[test]
    fn different_seeds_give_different_text() {
        let a = World::new(1);
        let b = World::new(2);
        assert_ne!(a.article(1, 0), b.article(2, 0));
        assert_ne!(a.article(1, 0), a.article(1, 1));
    }

    #[test]
    fn articles_extract_with_title_date_source_and_a_named_speaker() {
        let world = World::new(1);
        let g = Gazetteer::builtin();
        for i in 0..40 {
            let text = world.article(1, i);
            let e = extract(&text, g);
            assert!(
                e.ingested.title.is_some(),
                "no title in article {i}:\n{text}"
            );
            assert!(
                e.ingested.published_at.is_some(),
                "no date in article {i}:\n{text}"
            );
            assert!(
                e.ingested.source.is_some(),
                "no source in article {i}:\n{text}"
            );
            assert!(
                e.statements.iter().any(|s| s.speaker.is_some()),
                "no named speaker in article {i}:\n{text}"
            );
        }
    }

    #[test]
    fn sizes_and_scripts_look_like_real_news() {
        let world = World::new(1);
        let n = 300;
        let mut total = 0;
        let mut traditional = 0;
        for i in 0..n {
            let text = world.article(1, i);
            let chars = text.chars().count();
            assert!(
                (MIN_CHARS..=MAX_CHARS).contains(&chars),
                "article {i} has {chars} characters"
            );
            total += chars;
            if text.contains('「') || text.contains("們") || text.contains("國") {
                traditional += 1;
            }
        }
        let mean = total / n;
        assert!((1_500..=2_100).contains(&mean), "mean {mean} characters");
        assert!(
            (100..=200).contains(&traditional),
            "{traditional} traditional"
        );
    }

    #[test]
    fn made_up_speakers_are_many_and_skewed() {
        let world = World::new(1);
        assert!(world.people.len() > MADE_UP_PEOPLE);
        assert_eq!(world.people[0].name, "习近平");
        let mut rng = Rng::new(3);
        let draws: Vec<usize> = (0..10_000).map(|_| world.speaker(&mut rng)).collect();
        let top = draws.iter().filter(|&&s| s == 0).count();
        let distinct: HashSet<usize> = draws.iter().copied().collect();
        assert!(top > 500, "the most frequent speaker spoke {top} times");
        assert!(
            distinct.len() > 2_000,
            "{} distinct speakers",
            distinct.len()
        );
    }

    /// Names are made so extraction reads them whole: every speaker it finds is one the
    /// generator wrote.
    #[test]
    fn extracted_speakers_are_the_people_written() {
        let world = World::new(1);
        let names: HashSet<&str> = world.people.iter().map(|p| p.name.as_str()).collect();
        let g = Gazetteer::builtin();
        let mut bad = Vec::new();
        for i in 0..150 {
            let e = extract(&world.article(1, i), g);
            for s in &e.statements {
                if let Some(n) = &s.speaker
                    && !names.contains(n.name.as_str())
                {
                    bad.push((i, n.name.clone(), s.speaker_phrase.clone()));
                }
            }
        }
        assert!(
            bad.is_empty(),
            "{} {:?}",
            bad.len(),
            &bad[..bad.len().min(40)]
        );
    }

    #[test]
    fn every_title_is_one_extraction_knows() {
        let g = Gazetteer::builtin();
        let titles = INSTITUTIONS
            .iter()
            .chain(ORGANIZATION_TITLES)
            .flat_map(|(_, titles)| titles.iter())
            .chain(FOREIGN_TITLES);
        for title in titles {
            let folded = FoldedText::new(title);
            let n = folded.chars.len();
            assert!(
                g.titles_in(&folded).iter().any(|&(_, end)| end == n),
                "{title} ends in no known title"
            );
        }
    }

    #[test]
    fn generate_writes_folders_of_files() {
        let dir = tempfile_dir();
        let options = Options {
            articles: 5,
            out: dir.clone(),
            seed: 1,
        };
        let summary = generate(&options).unwrap();
        assert_eq!(summary.files, 5);
        let written = std::fs::read_to_string(dir.join("0000").join("0000004.txt")).unwrap();
        assert_eq!(written, World::new(1).article(1, 4));
        std::fs::remove_dir_all(dir).unwrap();
    }

    fn tempfile_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("quotegraph-generate-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
