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

/// The category with this id, if there is one.
pub fn find(id: &str) -> Option<&'static Category> {
    CATEGORIES.iter().find(|c| c.id == id)
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
}
