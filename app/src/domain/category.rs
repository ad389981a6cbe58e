//! The categories of daily life, after MOFCOM's 一刻钟便民生活圈 and the facilities GB 50180-2018
//! places in each walking circle. Reference data: the same list on server and client.

use super::circle::Circle;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Category {
    /// Stable identifier, used in URLs, the API and the database.
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// A glyph for lists and map markers.
    pub icon: &'static str,
    /// The circle a resident should find one within.
    pub circle: Circle,
    /// Sells or serves food: a merchant then needs a food-business licence.
    pub sells_food: bool,
}

const fn category(
    id: &'static str,
    name_zh: &'static str,
    name_en: &'static str,
    icon: &'static str,
    circle: Circle,
    sells_food: bool,
) -> Category {
    Category {
        id,
        name_zh,
        name_en,
        icon,
        circle,
        sells_food,
    }
}

use Circle::{Fifteen, Five, Ten};

pub const CATEGORIES: &[Category] = &[
    // Five minutes: what a day needs.
    category(
        "convenience_store",
        "便利店",
        "Convenience store",
        "🏪",
        Five,
        true,
    ),
    category("breakfast", "早餐店", "Breakfast", "🥟", Five, true),
    category("greengrocer", "便民菜店", "Greengrocer", "🥬", Five, true),
    category(
        "parcel_station",
        "快递驿站",
        "Parcel station",
        "📦",
        Five,
        false,
    ),
    category(
        "community_canteen",
        "社区长者食堂",
        "Community canteen",
        "🍱",
        Five,
        true,
    ),
    category("kindergarten", "幼儿园", "Kindergarten", "🧸", Five, false),
    category("nursery", "托育机构", "Nursery", "👶", Five, false),
    category(
        "elderly_daycare",
        "养老服务驿站",
        "Elderly day care",
        "🧓",
        Five,
        false,
    ),
    category("fitness", "健身场地", "Outdoor fitness", "🤸", Five, false),
    // Ten minutes: what a week needs.
    category("food_market", "农贸市场", "Food market", "🧺", Ten, true),
    category("pharmacy", "药店", "Pharmacy", "💊", Ten, false),
    category("restaurant", "餐馆", "Restaurant", "🍜", Ten, true),
    category("primary_school", "小学", "Primary school", "🏫", Ten, false),
    category("bank", "银行网点", "Bank", "🏦", Ten, false),
    category("post_office", "邮政网点", "Post office", "📮", Ten, false),
    category("repair", "便民维修", "Repairs", "🔧", Ten, false),
    category("laundry", "洗衣店", "Laundry", "👕", Ten, false),
    category("hairdresser", "理发店", "Hairdresser", "💈", Ten, false),
    // Fifteen minutes: the services of the street.
    category(
        "service_centre",
        "党群服务中心",
        "Community service centre",
        "🏛",
        Fifteen,
        false,
    ),
    category(
        "health_station",
        "社区卫生服务站",
        "Health station",
        "🏥",
        Fifteen,
        false,
    ),
    category(
        "middle_school",
        "中学",
        "Middle school",
        "🎓",
        Fifteen,
        false,
    ),
    category("elderly_home", "养老院", "Care home", "🏡", Fifteen, false),
    category(
        "culture_sport",
        "文体活动中心",
        "Culture and sports centre",
        "🎭",
        Fifteen,
        false,
    ),
];

/// What a shop under the merchant scheme can be: businesses, not schools, clinics or offices.
const SHOP_KINDS: &[&str] = &[
    "convenience_store",
    "breakfast",
    "greengrocer",
    "parcel_station",
    "food_market",
    "pharmacy",
    "restaurant",
    "repair",
    "laundry",
    "hairdresser",
];

impl Category {
    /// Whether a shop can register as this kind of business.
    pub fn is_shop(&self) -> bool {
        SHOP_KINDS.contains(&self.id)
    }
}

/// The kinds of business a shop can register as, in the list's order.
pub fn shop_kinds() -> impl Iterator<Item = &'static Category> {
    CATEGORIES.iter().filter(|c| c.is_shop())
}

/// The category with this id, if there is one.
pub fn find(id: &str) -> Option<&'static Category> {
    CATEGORIES.iter().find(|c| c.id == id)
}

/// What people call a category when they search, besides its names: everyday words, not a
/// thesaurus. A search matches when it holds one of these or one holds it.
const EVERYDAY_WORDS: &[(&str, &[&str])] = &[
    ("convenience_store", &["超市", "小卖部", "便利"]),
    ("breakfast", &["早点", "胡辣汤", "包子", "豆浆", "油条"]),
    ("greengrocer", &["买菜", "蔬菜", "水果"]),
    ("parcel_station", &["快递", "取件", "菜鸟", "寄件"]),
    ("community_canteen", &["食堂", "助餐", "老年餐", "吃饭"]),
    ("nursery", &["托儿", "托育", "早教"]),
    ("kindergarten", &["幼儿", "入园"]),
    ("elderly_daycare", &["养老", "日间照料", "助老", "老年人"]),
    ("fitness", &["健身", "锻炼", "运动", "广场舞"]),
    ("food_market", &["菜市场", "买菜", "买肉"]),
    ("pharmacy", &["买药", "药房", "大药房"]),
    ("restaurant", &["吃饭", "饭店", "烩面"]),
    ("primary_school", &["学校", "上学"]),
    ("bank", &["取钱", "存钱", "ATM"]),
    ("post_office", &["邮局", "寄信"]),
    (
        "repair",
        &["修鞋", "配钥匙", "开锁", "修车", "维修", "家电"],
    ),
    ("laundry", &["干洗", "洗衣"]),
    ("hairdresser", &["理发", "剪头", "美发"]),
    (
        "service_centre",
        &["办事", "居委会", "社区服务", "便民服务", "党群"],
    ),
    (
        "health_station",
        &["看病", "诊所", "门诊", "社区医院", "卫生院", "打针", "体检"],
    ),
    ("middle_school", &["学校", "初中", "高中"]),
    (
        "elderly_home",
        &[
            "养老",
            "敬老院",
            "颐养",
            "护理院",
            "老年公寓",
            "nursing home",
        ],
    ),
    ("culture_sport", &["文化", "图书", "阅览", "活动室", "体育"]),
];

/// The categories a search's text names: by their names in either language or by a word
/// people use for them, ignoring case.
pub fn matching(text: &str) -> Vec<&'static str> {
    let text = text.trim().to_lowercase();
    if text.is_empty() {
        return Vec::new();
    }
    // A word matches a search that is part of it, or one that is mostly that word (我要买药);
    // not a shop's whole name that merely ends in it (老街坊胡辣汤).
    let typed = text.chars().count();
    let mentions = |word: &str| {
        let word = word.to_lowercase();
        word.contains(&text)
            || (typed >= 2 && typed <= word.chars().count() + 2 && text.contains(&word))
    };
    CATEGORIES
        .iter()
        .filter(|c| {
            c.name_zh.contains(&text)
                || c.name_en.to_lowercase().contains(&text)
                || EVERYDAY_WORDS
                    .iter()
                    .any(|(id, words)| *id == c.id && words.iter().any(|w| mentions(w)))
        })
        .map(|c| c.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_and_names_are_unique() {
        let ids: HashSet<_> = CATEGORIES.iter().map(|c| c.id).collect();
        let names: HashSet<_> = CATEGORIES.iter().map(|c| c.name_zh).collect();
        assert_eq!(ids.len(), CATEGORIES.len());
        assert_eq!(names.len(), CATEGORIES.len());
    }

    #[test]
    fn every_circle_has_categories_and_food_sellers_are_marked() {
        for circle in Circle::ALL {
            assert!(CATEGORIES.iter().any(|c| c.circle == circle));
        }
        assert!(find("food_market").unwrap().sells_food);
        assert!(!find("pharmacy").unwrap().sells_food);
        assert_eq!(find("health_station").unwrap().circle, Circle::Fifteen);
        assert!(find("casino").is_none());
    }

    #[test]
    fn a_shop_is_a_business_not_a_school_or_an_office() {
        assert!(find("breakfast").unwrap().is_shop());
        assert!(!find("primary_school").unwrap().is_shop());
        assert!(!find("service_centre").unwrap().is_shop());
        assert!(SHOP_KINDS.iter().all(|id| find(id).is_some()));
        assert_eq!(shop_kinds().count(), SHOP_KINDS.len());
    }

    #[test]
    fn searches_name_categories_as_residents_say_them() {
        let homes = matching("养老");
        assert!(homes.contains(&"elderly_home") && homes.contains(&"elderly_daycare"));
        assert_eq!(matching("我要买药"), ["pharmacy"]);
        assert_eq!(matching("Pharmacy "), ["pharmacy"]);
        assert!(matching("看病").contains(&"health_station"));
        assert!(matching("取快递").contains(&"parcel_station"));
        assert!(matching("").is_empty());
        assert!(matching("金水路").is_empty());
        assert!(
            matching("老街坊胡辣汤").is_empty(),
            "a shop's name, not a kind of shop"
        );
        // Every word belongs to a category that exists.
        for (id, _) in EVERYDAY_WORDS {
            assert!(find(id).is_some(), "{id}");
        }
    }
}
