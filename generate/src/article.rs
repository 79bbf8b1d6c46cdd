//! One article: what it is about (a plan), then its text.

use crate::rng::Rng;
use crate::words::*;
use crate::world::*;
use quotegraph_domain::fold::to_traditional;
use std::fmt::Write as _;

/// Shortest article, in characters.
pub(crate) const MIN_CHARS: usize = 800;
/// Longest article, in characters.
pub(crate) const MAX_CHARS: usize = 4_000;

/// Everything one article is about, decided before writing it.
pub(crate) struct Plan<'w> {
    pub(crate) traditional: bool,
    /// Half-width commas and colons (many sites), else full-width.
    pub(crate) half_width: bool,
    pub(crate) year: i32,
    pub(crate) month: u32,
    pub(crate) day: u32,
    pub(crate) outlet: &'static Outlet,
    pub(crate) focus: &'w Country,
    pub(crate) organization: &'w str,
    pub(crate) agreement: &'w str,
    pub(crate) field: &'static str,
    pub(crate) challenge: &'static str,
    pub(crate) speakers: Vec<usize>,
}

impl<'w> Plan<'w> {
    pub(crate) fn new(world: &'w World, rng: &mut Rng) -> Self {
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
    pub(crate) fn country_name(&self, c: &Country, rng: &mut Rng) -> String {
        if self.traditional && rng.chance(50) {
            c.hant.clone()
        } else {
            c.hans.clone()
        }
    }
}

/// Writes one article: fills templates, tracks who was named last (for 他/她) and how
/// long the text is.
pub(crate) struct Writer<'a> {
    pub(crate) world: &'a World,
    pub(crate) plan: &'a Plan<'a>,
    pub(crate) rng: &'a mut Rng,
    /// Speakers already named in full once (later mentions use the bare name).
    pub(crate) introduced: Vec<usize>,
}

impl Writer<'_> {
    /// Replaces `{KEY}` placeholders.
    pub(crate) fn fill(&mut self, template: &str) -> String {
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

    pub(crate) fn value(&mut self, key: &str, out: &mut String) {
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
    pub(crate) fn quotation(&mut self) -> String {
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

    pub(crate) fn reported(&mut self) -> String {
        let clause = self.rng_pick(REPORTED);
        self.fill(clause)
    }

    pub(crate) fn narrative(&mut self) -> String {
        let sentence = self.rng_pick(NARRATIVE);
        self.fill(sentence)
    }

    pub(crate) fn rng_pick(&mut self, items: &'static [&'static str]) -> &'static str {
        self.rng.word(items)
    }

    /// How a headline names its main speaker: 柬埔寨副首相, 国家主席习近平, 王毅.
    pub(crate) fn headline_speaker(&mut self, who: usize) -> String {
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
    pub(crate) fn speaker_phrase(&mut self, who: usize, verb_next: bool) -> String {
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

    pub(crate) fn pronoun(&self, who: usize) -> &'static str {
        if self.world.people[who].female {
            "她"
        } else {
            "他"
        }
    }

    /// A speaker of this article, the first one most often.
    pub(crate) fn some_speaker(&mut self) -> usize {
        let speakers = &self.plan.speakers;
        if self.rng.chance(45) {
            speakers[0]
        } else {
            speakers[self.rng.below(speakers.len())]
        }
    }

    /// The statements of one paragraph, in one of the shapes news attributes speech.
    pub(crate) fn statements(&mut self) -> String {
        let shape = self.rng.below(100);
        self.statements_in_shape(shape)
    }

    /// Statements attributed to someone by name.
    pub(crate) fn named_statements(&mut self) -> String {
        let shape = self.rng.below(90);
        self.statements_in_shape(shape)
    }

    pub(crate) fn statements_in_shape(&mut self, shape: usize) -> String {
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
    pub(crate) fn paragraph(&mut self, budget: usize, lead: Option<String>, named: bool) -> String {
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

    pub(crate) fn title(&mut self) -> String {
        let t = self.rng_pick(TITLES);
        self.fill(t)
    }

    /// A related-articles list: a heading, then bulleted headlines each with a snippet.
    pub(crate) fn related(&mut self) -> String {
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

pub(crate) fn push_number(out: &mut String, n: usize) {
    let _ = write!(out, "{n}");
}

/// The title a well-known person is called by after their name (国家主席 → 主席).
pub(crate) fn short_title(title: &str) -> &str {
    match title {
        "国家主席" => "主席",
        "国务院总理" => "总理",
        "外交部长" => "外长",
        _ => "",
    }
}

/// A dateline: the publication time and the source, in one of the ways sites print them.
/// Returns the line and whether it names the source (else the lead must).
pub(crate) fn dateline(plan: &Plan<'_>, rng: &mut Rng) -> (String, bool) {
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
pub(crate) fn footer(rng: &mut Rng, year: i32) -> String {
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
pub(crate) fn target_chars(rng: &mut Rng) -> usize {
    let x = (rng.unit() + rng.unit() + rng.unit()) / 3.0;
    let u = x * (0.42 + x) / 1.42;
    MIN_CHARS + (u * (MAX_CHARS - MIN_CHARS) as f64) as usize
}

/// Renders the whole page.
pub(crate) fn render(world: &World, plan: &Plan<'_>, rng: &mut Rng) -> String {
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
pub(crate) fn body(w: &mut Writer<'_>, budget: usize, named_source: bool) -> String {
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
pub(crate) fn finish_script(
    plan: &Plan<'_>,
    rng: &mut Rng,
    head: String,
    rest: String,
) -> (String, String) {
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

pub(crate) fn corner_quotes(text: &str) -> String {
    text.replace('“', "「").replace('”', "」")
}

pub(crate) fn full_width(text: &str) -> String {
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
pub(crate) fn clamp_length(mut page: String) -> String {
    // Where the character after the last one allowed starts, if there is one.
    let Some((limit, _)) = page.char_indices().nth(MAX_CHARS) else {
        return page;
    };
    let cut = page[..limit].rfind('\n').unwrap_or(limit);
    page.truncate(cut);
    page.push('\n');
    page
}
