//! The categories of daily life, after MOFCOM's 一刻钟便民生活圈 and the facilities GB 50180-2018
//! places in each walking circle. Data: admins add, rename and retire them; the database holds
//! the list and both the server and the browser are handed it.

pub mod edit;
#[cfg(any(feature = "ssr", test))]
mod standard;

#[cfg(any(feature = "ssr", test))]
pub use standard::standard;

use super::circle::Circle;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// Stable identifier, used in URLs, the API and the database; never changes.
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    /// A glyph for lists and map markers.
    pub icon: String,
    /// The circle a resident should find one within.
    pub circle: Circle,
    /// Sells or serves food: a merchant then needs a food-business licence.
    pub sells_food: bool,
    /// A shop under the merchant scheme may register as this kind of business (a school, a
    /// clinic or an office may not).
    pub shop: bool,
    /// No longer offered for new entries; kept so older entries and history still name it.
    #[serde(default)]
    pub retired: bool,
    /// Everyday words residents search with (买药, 取快递). The server's search reads them;
    /// pages never do, so they are not handed to the browser.
    #[serde(skip)]
    pub words: Vec<String>,
}

impl Category {
    /// Its name in both languages, as pages show names.
    pub fn name(&self) -> super::neighbourhood::Name {
        super::neighbourhood::Name {
            zh: self.name_zh.clone(),
            en: self.name_en.clone(),
        }
    }
}

/// Every category, retired ones included, in the order lists show them: by circle, then as
/// they were added.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Categories(Vec<Category>);

impl Categories {
    pub fn new(mut list: Vec<Category>) -> Categories {
        // A stable sort: within a circle, the order given stays.
        list.sort_by_key(|c| c.circle);
        Categories(list)
    }

    pub fn all(&self) -> &[Category] {
        &self.0
    }

    /// The list as pages read it: without the search words, which stay on the server as they
    /// do when the list is sent to a browser. A page's render copies the list at every read.
    pub fn for_pages(&self) -> Categories {
        Categories(
            self.0
                .iter()
                .map(|c| Category {
                    id: c.id.clone(),
                    name_zh: c.name_zh.clone(),
                    name_en: c.name_en.clone(),
                    icon: c.icon.clone(),
                    circle: c.circle,
                    sells_food: c.sells_food,
                    shop: c.shop,
                    retired: c.retired,
                    words: Vec::new(),
                })
                .collect(),
        )
    }

    /// The category with this id, retired or not: to name what an older entry holds.
    pub fn find(&self, id: &str) -> Option<&Category> {
        self.0.iter().find(|c| c.id == id)
    }

    /// What a new or changed entry may be: the categories not retired.
    pub fn choosable(&self) -> impl Iterator<Item = &Category> {
        self.0.iter().filter(|c| !c.retired)
    }

    /// The category with this id if a new or changed entry may be of it.
    pub fn choose(&self, id: &str) -> Option<&Category> {
        self.find(id).filter(|c| !c.retired)
    }

    /// The kinds of business a shop can register as, in the list's order.
    pub fn shop_kinds(&self) -> impl Iterator<Item = &Category> {
        self.choosable().filter(|c| c.shop)
    }

    /// The categories a search's text names: by their names in either language or by a word
    /// people use for them, ignoring case.
    pub fn matching(&self, text: &str) -> Vec<&str> {
        let text = text.trim().to_lowercase();
        if text.is_empty() {
            return Vec::new();
        }
        // A word matches a search that is part of it, or one that is mostly that word
        // (我要买药); not a shop's whole name that merely ends in it (老街坊胡辣汤).
        let typed = text.chars().count();
        let mentions = |word: &String| {
            let word = word.to_lowercase();
            word.contains(&text)
                || (typed >= 2 && typed <= word.chars().count() + 2 && text.contains(&word))
        };
        self.choosable()
            .filter(|c| {
                c.name_zh.contains(&text)
                    || c.name_en.to_lowercase().contains(&text)
                    || c.words.iter().any(mentions)
            })
            .map(|c| c.id.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_standard_list_has_unique_ids_and_names_and_every_circle() {
        let list = standard();
        let ids: HashSet<_> = list.all().iter().map(|c| &c.id).collect();
        let names: HashSet<_> = list.all().iter().map(|c| &c.name_zh).collect();
        assert_eq!(ids.len(), list.all().len());
        assert_eq!(names.len(), list.all().len());
        for circle in Circle::ALL {
            assert!(list.all().iter().any(|c| c.circle == circle));
        }
        // MOFCOM's list names these; the first demo lacked them.
        for name in ["家政服务", "照相文印", "综合超市", "再生资源回收"] {
            assert!(list.all().iter().any(|c| c.name_zh == name), "{name}");
        }
        assert!(list.find("food_market").unwrap().sells_food);
        assert!(!list.find("pharmacy").unwrap().sells_food);
        assert_eq!(list.find("health_station").unwrap().circle, Circle::Fifteen);
        assert!(list.find("casino").is_none());
    }

    #[test]
    fn lists_run_by_circle_and_keep_the_order_given_within_one() {
        let list = standard();
        let circles: Vec<_> = list.all().iter().map(|c| c.circle).collect();
        assert!(circles.is_sorted());
        assert_eq!(list.all()[0].id, "convenience_store");
    }

    #[test]
    fn a_shop_is_a_business_not_a_school_or_an_office() {
        let list = standard();
        assert!(list.find("breakfast").unwrap().shop);
        assert!(!list.find("primary_school").unwrap().shop);
        let kinds: Vec<_> = list.shop_kinds().map(|c| c.id.as_str()).collect();
        assert!(kinds.contains(&"photo_print") && !kinds.contains(&"service_centre"));
    }

    #[test]
    fn a_retired_category_names_old_entries_but_is_not_chosen_or_searched() {
        let mut all = standard().all().to_vec();
        all.iter_mut().find(|c| c.id == "laundry").unwrap().retired = true;
        let list = Categories::new(all);
        assert_eq!(list.find("laundry").unwrap().name_zh, "洗衣店");
        assert!(list.choose("laundry").is_none());
        assert!(list.choose("pharmacy").is_some());
        assert!(list.choosable().all(|c| c.id != "laundry"));
        assert!(list.matching("干洗").is_empty());
        assert!(list.shop_kinds().all(|c| c.id != "laundry"));
    }

    #[test]
    fn searches_name_categories_as_residents_say_them() {
        let list = standard();
        let homes = list.matching("养老");
        assert!(homes.contains(&"elderly_home") && homes.contains(&"elderly_daycare"));
        assert_eq!(list.matching("我要买药"), ["pharmacy"]);
        assert_eq!(list.matching("Pharmacy "), ["pharmacy"]);
        assert!(list.matching("看病").contains(&"health_station"));
        assert!(list.matching("取快递").contains(&"parcel_station"));
        assert_eq!(list.matching("证件照"), ["photo_print"]);
        assert!(list.matching("").is_empty());
        assert!(list.matching("金水路").is_empty());
        assert!(
            list.matching("老街坊胡辣汤").is_empty(),
            "a shop's name, not a kind of shop"
        );
    }

    #[test]
    fn search_words_stay_on_the_server() {
        let list = standard();
        let sent = serde_json::to_string(&list).unwrap();
        assert!(!sent.contains("胡辣汤"), "words are not handed over");
        let read: Categories = serde_json::from_str(&sent).unwrap();
        assert_eq!(read.find("breakfast").unwrap().name_zh, "早餐店");
        assert!(read.find("breakfast").unwrap().words.is_empty());
        // What a page renders on the server is what the browser reads back.
        assert_eq!(list.for_pages(), read);
    }
}
