//! Agency names across reports: the same body written with full- or
//! half-width characters, other brackets or stray spaces is one agency; a
//! renamed body is one agency through a user's alias file. Nothing else is
//! merged: 某县人民政府办公室 and 某县人民政府 are different bodies.

use std::collections::BTreeMap;
use std::path::Path;

/// Brackets folded to one pair: （）〔〕【】［］[]｛｝ are written for the same
/// parentheses in agency names ("某市（县）", "某市(县)").
const OPEN_BRACKETS: [char; 8] = ['（', '(', '〔', '【', '［', '[', '｛', '{'];
const CLOSE_BRACKETS: [char; 8] = ['）', ')', '〕', '】', '］', ']', '｝', '}'];

/// The comparable form of an agency name: white space removed, full-width
/// ASCII folded to half-width, every bracket pair to `()`, middle dots to one.
pub fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            c if OPEN_BRACKETS.contains(&c) => '(',
            c if CLOSE_BRACKETS.contains(&c) => ')',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '・' | '･' | '•' | '‧' => '·',
            c => c,
        })
        .collect()
}

/// Renamed agencies: each alias (normalized) → the name used for the agency.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    map: BTreeMap<String, String>,
}

impl Aliases {
    /// Parses an alias file: one renaming per line, `old name,new name`
    /// (a tab or `=>` also separates them); blank lines and lines starting
    /// with `#` are skipped. Every name on a line, and every name that the
    /// first maps to, ends as the last name of its chain.
    pub fn parse(text: &str) -> Result<Aliases, String> {
        let mut map = BTreeMap::new();
        for (n, line) in text.trim_start_matches('\u{FEFF}').lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parts: Vec<&str> = if line.contains("=>") {
                line.split("=>").collect()
            } else if line.contains('\t') {
                line.split('\t').collect()
            } else {
                line.split([',', '，']).collect()
            };
            let parts: Vec<&str> = parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect();
            if parts.len() != 2 {
                return Err(format!(
                    "line {}: expected `old name,new name` (two names separated by a comma, a tab or =>), found {line:?}",
                    n + 1
                ));
            }
            map.insert(normalize(parts[0]), parts[1].to_string());
        }
        let mut aliases = Aliases { map };
        // Follow chains (A → B, B → C): A ends at C.
        let keys: Vec<String> = aliases.map.keys().cloned().collect();
        for key in keys {
            let mut target = aliases.map[&key].clone();
            let mut steps = 0;
            while let Some(next) = aliases.map.get(&normalize(&target)) {
                if steps > aliases.map.len() || normalize(next) == normalize(&target) {
                    break;
                }
                target = next.clone();
                steps += 1;
            }
            aliases.map.insert(key, target);
        }
        Ok(aliases)
    }

    /// Reads an alias file.
    pub fn read(path: &Path) -> Result<Aliases, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: the alias file cannot be read ({e})", path.display()))?;
        Aliases::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The agency `name` is filed under: the alias target when `name` is an
    /// alias, else `name` itself; normalized, so it groups reports.
    pub fn key(&self, name: &str) -> String {
        let normal = normalize(name);
        self.map.get(&normal).map_or(normal, |target| normalize(target))
    }

    /// The alias target of `name`, when it has one.
    pub fn renamed(&self, name: &str) -> Option<&str> {
        self.map.get(&normalize(name)).map(String::as_str)
    }

    /// True when no renaming was given (an empty or absent alias file).
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_brackets_and_spaces_fold() {
        assert_eq!(normalize("某市（开发区）管理委员会"), normalize("某市(开发区)管理委员会"));
        assert_eq!(normalize("某市〔开发区〕 管理委员会"), normalize("某市【开发区】管理委员会"));
        assert_eq!(normalize("ＸＸ市Ａ区"), "XX市A区");
    }

    #[test]
    fn government_and_its_office_stay_apart() {
        assert_ne!(normalize("某县人民政府办公室"), normalize("某县人民政府"));
        let aliases = Aliases::default();
        assert_ne!(aliases.key("某县人民政府办公室"), aliases.key("某县人民政府"));
    }

    #[test]
    fn aliases_follow_chains_and_reject_bad_lines() {
        let aliases =
            Aliases::parse("# renamed\n甲县国土资源局,甲县自然资源局\n甲县自然资源局 => 甲县自然资源和规划局\n")
                .unwrap();
        assert_eq!(aliases.key("甲县国土资源局"), normalize("甲县自然资源和规划局"));
        assert_eq!(aliases.key("甲县自然资源局"), aliases.key("甲县自然资源和规划局"));
        assert_eq!(aliases.key("乙县国土资源局"), "乙县国土资源局");
        let e = Aliases::parse("只有一个名字\n").unwrap_err();
        assert!(e.contains("line 1"), "{e}");
    }
}
