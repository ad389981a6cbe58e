use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

/// The interface language. Chinese is the default: most residents read it first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// The cookie that remembers a visitor's language choice across visits.
pub const LANG_COOKIE: &str = "qh_lang";

impl Lang {
    /// The short code used in the cookie and in forms.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The BCP 47 tag for `<html lang>`, so screen readers and fonts pick the right language.
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The other language: the one the switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The language's own name, as the switch shows it.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }

    /// Picks the text for this language from a Chinese/English pair.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The language remembered in a `Cookie:` header, if any cookie names a known one.
    pub fn from_cookie_header(header: &str) -> Option<Lang> {
        super::preference::cookie_value(header, LANG_COOKIE)
            .and_then(|value| value.trim().parse().ok())
    }

    /// The `Set-Cookie` value that remembers this language for a year.
    pub fn set_cookie_value(self) -> String {
        super::preference::remember(LANG_COOKIE, self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language: {0}")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    /// Accepts the cookie codes and the `<html lang>` tags, so either can be read back.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh-hans" => Ok(Lang::Zh),
            "en" | "en-us" | "en-gb" => Ok(Lang::En),
            other => Err(UnknownLang(other.to_owned())),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_visitor_without_a_cookie_reads_chinese() {
        assert_eq!(Lang::default(), Lang::Zh);
        assert_eq!(Lang::from_cookie_header("other=1; session=abc"), None);
    }

    #[test]
    fn the_language_cookie_is_found_among_others() {
        assert_eq!(
            Lang::from_cookie_header("a=1; qh_lang=en; b=2"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_cookie_header("qh_lang=zh"), Some(Lang::Zh));
    }

    #[test]
    fn a_tampered_cookie_is_ignored_rather_than_trusted() {
        assert_eq!(Lang::from_cookie_header("qh_lang=fr"), None);
        assert_eq!(Lang::from_cookie_header("xqh_lang=en"), None);
    }

    #[test]
    fn the_html_tag_reads_back_as_the_same_language() {
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(lang.html_tag().parse::<Lang>(), Ok(lang));
            assert_eq!(lang.code().parse::<Lang>(), Ok(lang));
        }
    }

    #[test]
    fn the_cookie_set_is_the_cookie_read() {
        let set = Lang::En.set_cookie_value();
        let pair = set.split(';').next().unwrap();
        assert_eq!(Lang::from_cookie_header(pair), Some(Lang::En));
        assert!(set.contains("SameSite=Lax"));
    }

    #[test]
    fn the_switch_offers_the_other_language() {
        assert_eq!(Lang::Zh.other(), Lang::En);
        assert_eq!(Lang::En.other(), Lang::Zh);
        assert_eq!(Lang::En.pick("服务", "Services"), "Services");
    }
}
