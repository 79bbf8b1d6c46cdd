//! Who published the page and whose item it republishes, from what the page names: the
//! source beside the date, the lead's tag, a signature, the site's own name (breadcrumb root,
//! masthead, headline suffix, comment policy), the copyright holder.

use super::outlet::same_outlet;

/// Outlets the page names, by where it names them.
#[derive(Debug, Default)]
pub(super) struct Evidence {
    /// 来源:X, or an outlet beside the header date.
    pub labelled: Option<String>,
    /// The lead's tag: 【X专讯】, X北京1月2日电.
    pub lead: Option<String>,
    /// Whether the lead's tag is a wire dispatch (…电).
    pub lead_is_wire: bool,
    /// A tag in the header or the headline: 【X】, 【X编译报道】.
    pub tag: Option<String>,
    /// A signature at the end: X Y 编译.
    pub signature: Option<String>,
    /// The channel the text came through: 通过X.
    pub channel: Option<String>,
    /// The site's own name: breadcrumb root, masthead, headline suffix, comment policy.
    pub site: Option<String>,
    /// The copyright holder.
    pub hosted: Option<String>,
    /// A credit line: (X).
    pub credit: Option<String>,
}

/// The publisher and the outlet republished.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Decision {
    /// The publisher.
    pub publisher: Option<String>,
    /// The original outlet, when the page republishes another's item.
    pub reprinted_from: Option<String>,
}

/// Decides: an outlet named in the article that differs from the site's own name is the
/// original of a republished item; a wire agency's dispatch on a page whose copyright
/// belongs to another outlet is one too. Otherwise the article's outlet is the publisher,
/// and failing that the site or the copyright holder.
pub(super) fn decide(e: &Evidence) -> Decision {
    let named = e
        .labelled
        .clone()
        .or_else(|| e.lead.clone())
        .or_else(|| e.tag.clone())
        .or_else(|| e.signature.clone());
    let from_wire = e.labelled.is_none() && e.lead_is_wire;
    match (&e.site, named) {
        (Some(site), Some(named)) if !same_outlet(site, &named) => Decision {
            publisher: Some(site.clone()),
            reprinted_from: Some(named),
        },
        (Some(site), _) => Decision {
            publisher: Some(site.clone()),
            reprinted_from: None,
        },
        (None, Some(named)) => match &e.hosted {
            Some(host) if from_wire && !same_outlet(host, &named) => Decision {
                publisher: Some(host.clone()),
                reprinted_from: Some(named),
            },
            _ => Decision {
                publisher: Some(named),
                reprinted_from: None,
            },
        },
        (None, None) => Decision {
            // "通过X" says which channel carried the text: weaker than a copyright holder.
            publisher: e
                .hosted
                .clone()
                .or_else(|| e.channel.clone())
                .or_else(|| e.credit.clone()),
            reprinted_from: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some(s: &str) -> Option<String> {
        Some(s.to_owned())
    }

    #[test]
    fn a_source_other_than_the_site_is_republished() {
        let e = Evidence {
            labelled: some("某某日报"),
            site: some("地方新闻网"),
            ..Evidence::default()
        };
        let d = decide(&e);
        assert_eq!(d.publisher, some("地方新闻网"));
        assert_eq!(d.reprinted_from, some("某某日报"));
    }

    #[test]
    fn the_site_itself_as_source_is_no_reprint() {
        let e = Evidence {
            labelled: some("某某新聞"),
            site: some("某某新聞"),
            ..Evidence::default()
        };
        assert_eq!(decide(&e).reprinted_from, None);
    }

    #[test]
    fn a_labelled_source_stays_the_publisher_beside_a_copyright_holder() {
        let e = Evidence {
            labelled: some("某某网"),
            hosted: some("公益某某网"),
            ..Evidence::default()
        };
        assert_eq!(decide(&e).publisher, some("某某网"));
        assert_eq!(decide(&e).reprinted_from, None);
    }

    #[test]
    fn a_wire_dispatch_on_another_outlets_page_is_republished() {
        let e = Evidence {
            lead: some("某某社"),
            lead_is_wire: true,
            hosted: some("某某工人日报"),
            ..Evidence::default()
        };
        assert_eq!(decide(&e).publisher, some("某某工人日报"));
        assert_eq!(decide(&e).reprinted_from, some("某某社"));
    }

    #[test]
    fn without_a_named_source_the_copyright_holder_publishes() {
        let e = Evidence {
            hosted: some("某某報"),
            ..Evidence::default()
        };
        assert_eq!(decide(&e).publisher, some("某某報"));
    }
}
