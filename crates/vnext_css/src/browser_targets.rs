//! The browsers stylesheets are lowered for: Next's defaults, or the app's own
//! `browserslist` as the `browserslist` package resolves it (`chrome 120`,
//! `ios_saf 17.2-17.3`, …).

use lightningcss::targets::{Browsers, Targets};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BrowserTargets(Browsers);

impl Default for BrowserTargets {
    /// Next.js 16's default targets: `chrome 111, edge 111, firefox 111, safari 16.4`.
    fn default() -> Self {
        Self(Browsers {
            chrome: Some(version(111, 0, 0)),
            edge: Some(version(111, 0, 0)),
            firefox: Some(version(111, 0, 0)),
            safari: Some(version(16, 4, 0)),
            ..Browsers::default()
        })
    }
}

impl BrowserTargets {
    /// The oldest version of each browser in `resolved`, the output of
    /// `browserslist(query)`. Browsers lightningcss has no data for (Opera Mini, UC,
    /// QQ, Baidu, KaiOS, BlackBerry) are left out, as lightningcss's own
    /// `browserslistToTargets` does. An entry that is not `<browser> <version>` is an
    /// error naming it.
    pub fn from_browserslist(resolved: &[String]) -> Result<Self, String> {
        let mut browsers = Browsers::default();
        for entry in resolved {
            let invalid =
                || format!("\"{entry}\" is not a browserslist result (`<browser> <version>`)");
            let (name, versions) = entry.split_once(' ').ok_or_else(invalid)?;
            let slot = match name {
                "android" => &mut browsers.android,
                "chrome" | "and_chr" => &mut browsers.chrome,
                "edge" => &mut browsers.edge,
                "firefox" | "and_ff" => &mut browsers.firefox,
                "ie" | "ie_mob" => &mut browsers.ie,
                "ios_saf" => &mut browsers.ios_saf,
                "opera" | "op_mob" => &mut browsers.opera,
                "safari" => &mut browsers.safari,
                "samsung" => &mut browsers.samsung,
                _ => continue,
            };
            // A range (`15.2-15.3`) counts from its start; Safari's `TP` is newer than any release.
            let first = versions.split('-').next().unwrap_or(versions);
            if first == "TP" {
                continue;
            }
            let mut parts = first.split('.').map(str::parse::<u32>);
            let mut part = || parts.next().unwrap_or(Ok(0)).map_err(|_| invalid());
            let parsed = version(part()?, part()?, part()?);
            *slot = Some(slot.map_or(parsed, |current| current.min(parsed)));
        }
        Ok(Self(browsers))
    }
}

impl From<BrowserTargets> for Targets {
    fn from(targets: BrowserTargets) -> Self {
        targets.0.into()
    }
}

/// lightningcss's encoding of a version: `major << 16 | minor << 8 | patch`.
fn version(major: u32, minor: u32, patch: u32) -> u32 {
    (major << 16) | (minor << 8) | patch
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(entries: &[&str]) -> Result<BrowserTargets, String> {
        BrowserTargets::from_browserslist(
            &entries.iter().map(|e| e.to_string()).collect::<Vec<_>>(),
        )
    }

    #[test]
    fn keeps_the_oldest_version_of_each_browser() {
        let targets = resolve(&[
            "chrome 120",
            "chrome 109",
            "and_chr 131",
            "safari 17.2",
            "ios_saf 15.2-15.3",
            "op_mini all",
        ])
        .unwrap();
        assert_eq!(
            targets.0,
            Browsers {
                chrome: Some(version(109, 0, 0)),
                safari: Some(version(17, 2, 0)),
                ios_saf: Some(version(15, 2, 0)),
                ..Browsers::default()
            }
        );
    }

    #[test]
    fn safari_technology_preview_adds_nothing() {
        assert_eq!(resolve(&["safari TP"]).unwrap().0, Browsers::default());
    }

    #[test]
    fn an_entry_that_is_not_a_browser_and_version_is_an_error() {
        assert!(resolve(&["chrome"]).unwrap_err().contains("\"chrome\""));
        assert!(
            resolve(&["chrome latest"])
                .unwrap_err()
                .contains("\"chrome latest\"")
        );
    }
}
