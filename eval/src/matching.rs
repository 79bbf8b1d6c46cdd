//! How extracted text is compared with the annotation: script, width, case and
//! punctuation are folded away, so 「合作。」 and “合作” match, and so do 習近平 and 习近平.

use quotegraph_domain::fold::fold_name;

/// The comparison form: folded, letters and digits only.
pub fn normalize(text: &str) -> String {
    fold_name(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// How much two normalized texts share: the longest common substring over the longer
/// length (1.0 for equal texts, 0.0 when either is empty).
pub fn overlap(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut previous = vec![0usize; b.len() + 1];
    let mut best = 0;
    for ca in &a {
        let mut row = vec![0usize; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            if ca == cb {
                row[j + 1] = previous[j] + 1;
                best = best.max(row[j + 1]);
            }
        }
        previous = row;
    }
    best as f64 / longest as f64
}

/// Whether an extracted speaker names the annotated one: equal when folded, or one
/// contains the other (托尼·阿尔巴尼斯 and 阿尔巴尼斯, 外交部 and 中国外交部).
pub fn same_speaker(gold: &str, extracted: &str) -> bool {
    let (g, e) = (normalize(gold), normalize(extracted));
    if g.is_empty() || e.is_empty() {
        return false;
    }
    let shorter = g.chars().count().min(e.chars().count());
    g == e || (shorter >= 2 && (g.contains(&e) || e.contains(&g)))
}

/// Whether two optional texts agree once normalized (both absent agrees).
pub fn same_text(gold: Option<&str>, extracted: Option<&str>) -> bool {
    match (gold, extracted) {
        (None, None) => true,
        (Some(g), Some(e)) => normalize(g) == normalize(e),
        _ => false,
    }
}

/// Pairs each gold item with at most one extracted item, in order, greedily by the best
/// overlap at or above `threshold`. Returns, per gold item, the index of its partner.
pub fn pair(gold: &[String], extracted: &[String], threshold: f64) -> Vec<Option<usize>> {
    let mut taken = vec![false; extracted.len()];
    gold.iter()
        .map(|g| {
            let best = extracted
                .iter()
                .enumerate()
                .filter(|(j, _)| !taken[*j])
                .map(|(j, e)| (j, overlap(g, e)))
                .filter(|(_, score)| *score >= threshold)
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?;
            taken[best.0] = true;
            Some(best.0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_script_and_width_fold_away() {
        assert_eq!(
            normalize("「合作，是唯一選擇。」"),
            normalize("合作,是唯一选择")
        );
        assert_eq!(normalize("ＷＨＯ"), "who");
    }

    #[test]
    fn overlap_is_the_shared_run_over_the_longer_text() {
        assert_eq!(overlap("abcd", "abcd"), 1.0);
        assert_eq!(overlap("abcd", "bc"), 0.5);
        assert_eq!(overlap("", "abc"), 0.0);
    }

    #[test]
    fn speakers_match_by_their_fullest_or_shortest_form() {
        assert!(same_speaker("托尼·阿爾巴尼斯", "阿尔巴尼斯"));
        assert!(same_speaker("外交部", "中国外交部"));
        assert!(!same_speaker("王毅", "王文斌"));
        assert!(!same_speaker("王", "王毅"));
    }

    #[test]
    fn pairing_takes_each_extracted_item_once() {
        let gold = vec!["甲乙丙丁".to_owned(), "甲乙丙丁".to_owned()];
        let extracted = vec!["甲乙丙丁".to_owned()];
        assert_eq!(pair(&gold, &extracted, 0.8), vec![Some(0), None]);
    }
}
