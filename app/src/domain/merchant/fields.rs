//! The registration's fields that need more than a length check, one parser each: each names
//! its field when it is wrong, in both languages, and gives back what it could read.

use crate::domain::{
    category::{Categories, Category},
    form::FieldError,
    geo::LatLng,
    lang::Lang,
    licence::{FoodLicence, Uscc, UsccError},
    week::parse_week,
};

fn fail(errors: &mut Vec<FieldError>, field: &str, zh: &str, en: &str) {
    errors.push(FieldError::new(field, zh, en));
}

pub fn uscc(e: &mut Vec<FieldError>, text: &str) -> Option<Uscc> {
    let (zh, en) = match Uscc::parse(text) {
        Ok(code) => return Some(code),
        Err(UsccError::Length) => (
            "统一社会信用代码应为18位，请对照营业执照填写",
            "The unified social credit code has 18 characters; copy it from the business licence",
        ),
        Err(UsccError::Character) => (
            "统一社会信用代码只含数字和大写字母（不含 I、O、S、V、Z），请检查",
            "The code has only digits and capital letters (never I, O, S, V or Z); please check it",
        ),
        Err(UsccError::Check) => (
            "统一社会信用代码校验不通过，可能有字符输错，请对照营业执照逐位核对",
            "The code's check character does not match: a character was probably mistyped; compare it with the licence",
        ),
    };
    fail(e, "uscc", zh, en);
    None
}

/// A kind of business: a shop may not register as a school or a service centre.
pub fn category<'a>(
    e: &mut Vec<FieldError>,
    categories: &'a Categories,
    id: &str,
) -> Option<&'a Category> {
    let found = categories.shop_kinds().find(|c| c.id == id.trim());
    if found.is_none() {
        fail(
            e,
            "category",
            "请选择经营类别",
            "Please choose the kind of business",
        );
    }
    found
}

pub fn street(e: &mut Vec<FieldError>, id: Option<i64>) -> Option<i64> {
    if id.is_none() {
        fail(
            e,
            "street_id",
            "请选择店铺所在的自治街区",
            "Please choose the street the shop is on",
        );
    }
    id
}

pub fn location(e: &mut Vec<FieldError>, lat: &str, lng: &str) -> Option<LatLng> {
    let found = match (lat.trim().parse::<f64>(), lng.trim().parse::<f64>()) {
        (Ok(lat), Ok(lng)) => LatLng::new(lat, lng).ok(),
        _ => None,
    };
    if found.is_none() {
        fail(
            e,
            "location",
            "请在地图上点按店铺位置，或填写经纬度",
            "Tap the shop on the map, or enter its latitude and longitude",
        );
    }
    found
}

/// The shop's hours, as the service form and the import read them: open at least once a week.
pub fn opening_hours(e: &mut Vec<FieldError>, text: &str) -> Option<String> {
    let text = text.trim();
    match parse_week(text) {
        Ok(days) if days.iter().any(|d| !d.is_empty()) => return Some(text.to_owned()),
        Ok(_) => fail(
            e,
            "opening_hours",
            "请按“07:00-14:00, 17:00-22:00”的格式填写每天的营业时间",
            "Enter the daily hours like 07:00-14:00, 17:00-22:00",
        ),
        Err(error) => fail(
            e,
            "opening_hours",
            &error.message(Lang::Zh),
            &error.message(Lang::En),
        ),
    }
    None
}

/// Needed when the shop sells food (unless only prepackaged), refused when it does not.
pub fn food_licence(
    e: &mut Vec<FieldError>,
    sells_food: bool,
    prepackaged_only: bool,
    text: &str,
) -> Option<FoodLicence> {
    let text = text.trim();
    let (zh, en) = match (sells_food, text.is_empty()) {
        (false, false) => (
            "所选类别不经营食品，不需要也不应填写食品经营许可证号",
            "This kind of business sells no food: leave the food-business licence empty",
        ),
        (true, true) if !prepackaged_only => (
            "经营食品须填写食品经营许可证号（仅销售预包装食品的可不填）",
            "A food business needs its food-business licence number (unless it only sells prepackaged food)",
        ),
        (_, true) => return None,
        (true, false) => match FoodLicence::parse(text) {
            Some(licence) => return Some(licence),
            None => (
                "许可证号应为 JY 加14位数字，第一位数字是1、2或3，例如 JY24101020012345",
                "The licence number is JY and 14 digits, the first 1, 2 or 3, e.g. JY24101020012345",
            ),
        },
    };
    fail(e, "food_licence", zh, en);
    None
}

/// How many staff hold a health certificate: asked of food businesses only.
pub fn health_certificates(e: &mut Vec<FieldError>, sells_food: bool, text: &str) -> Option<u32> {
    if !sells_food {
        return None;
    }
    match text.trim().parse::<u32>() {
        Ok(n) if n <= 500 => Some(n),
        _ => {
            fail(
                e,
                "health_certificates",
                "请填写持有健康证的从业人员人数（0至500的整数）",
                "Enter how many staff hold a health certificate (a whole number, 0 to 500)",
            );
            None
        }
    }
}

pub fn pledge(e: &mut Vec<FieldError>, ticked: bool) {
    if !ticked {
        fail(
            e,
            "pledge",
            "请阅读门前三包承诺并勾选，才能提交登记",
            "Please read the front-of-shop pledge and tick it to register",
        );
    }
}
