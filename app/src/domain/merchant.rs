//! A shop's registration under the merchant self-governance scheme (商户自治), checked field by
//! field the same way in the browser and on the server.

use super::{
    category,
    form::{FieldError, bounded_text},
    geo::LatLng,
    hours::parse_day,
    licence::{FoodLicence, Uscc, UsccError},
    phone::Mobile,
};
use serde::{Deserialize, Deserializer, Serialize};

/// 门前三包 as the streets write it: what every member shop pledges.
pub const PLEDGE_ZH: &str = "我店自愿遵守门前“新三包”责任：\
一、包卫生整洁：门前无垃圾、无污水、无油渍，垃圾分类投放；\
二、包秩序规范：不店外经营、不占道堆放，车辆有序停放，不乱贴乱挂；\
三、包设施和绿化完好：门前设施、绿化完好无损，发现损坏及时报告。\
亮证经营，诚信守法，接受商户自治会和街道的监督检查。";
pub const PLEDGE_EN: &str = "We pledge the front-of-shop duties: 1. clean and tidy — no litter, \
waste water or grease in front, rubbish sorted; 2. orderly — no trading or stacking outside, \
vehicles parked in order, nothing pasted or hung at random; 3. facilities and greenery kept \
intact, damage reported. We display our licences, trade honestly and accept inspection by the \
merchants' council and the street office.";

/// The form as typed. Numbers may come as JSON numbers or as text.
// Fields the checks require are `required` in the API document, though a missing one reads as
// empty here: the check then names it in a 422.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", schema(as = MerchantRegistration))]
pub struct RawRegistration {
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub shop_name: String,
    /// 18 characters with the GB 32100-2015 check character.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub uscc: String,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub legal_representative: String,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub contact_name: String,
    /// The contact's mobile: 11 digits, 1[3-9]…; staff only.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub phone: String,
    /// Optional: the shop's public phone (a landline such as 0371-67890123, a mobile, 400 or
    /// 95xxx), shown on its page.
    #[serde(default)]
    pub shop_phone: String,
    /// A shop's category id from /api/v1/categories: a business, not a school or an office.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub category: String,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub address: String,
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub street_id: Option<i64>,
    #[serde(default, deserialize_with = "number_or_text")]
    #[cfg_attr(feature = "ssr", schema(schema_with = number_or_text_schema, required = true))]
    pub lat: String,
    #[serde(default, deserialize_with = "number_or_text")]
    #[cfg_attr(feature = "ssr", schema(schema_with = number_or_text_schema, required = true))]
    pub lng: String,
    /// Daily hours, e.g. 07:00-14:00, 17:00-22:00.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub opening_hours: String,
    /// JY, then 1 (sales), 2 (catering) or 3 (canteen), then 13 digits: required for food
    /// categories unless prepackaged_only, refused for others.
    #[serde(default, deserialize_with = "number_or_text")]
    pub food_licence: String,
    #[serde(default)]
    pub prepackaged_only: bool,
    #[serde(default, deserialize_with = "number_or_text")]
    #[cfg_attr(feature = "ssr", schema(schema_with = health_certificates_schema))]
    pub health_certificates: String,
    /// Must be true: the shop signs the front-of-shop pledge (门前三包).
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub pledge: bool,
}

/// A valid registration, as stored and shown to staff.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Registration {
    pub shop_name: String,
    pub uscc: Uscc,
    pub legal_representative: String,
    pub contact_name: String,
    pub phone: Mobile,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shop_phone: Option<String>,
    pub category: String,
    pub address: String,
    pub street_id: i64,
    pub location: LatLng,
    pub opening_hours: String,
    pub food_licence: Option<FoodLicence>,
    pub prepackaged_only: bool,
    pub health_certificates: Option<u32>,
}

impl Registration {
    /// The form as it would have been typed, to correct after staff return it.
    pub fn to_raw(&self) -> RawRegistration {
        RawRegistration {
            shop_name: self.shop_name.clone(),
            uscc: self.uscc.as_str().to_owned(),
            legal_representative: self.legal_representative.clone(),
            contact_name: self.contact_name.clone(),
            phone: self.phone.as_str().to_owned(),
            shop_phone: self.shop_phone.clone().unwrap_or_default(),
            category: self.category.clone(),
            address: self.address.clone(),
            street_id: Some(self.street_id),
            lat: self.location.lat().to_string(),
            lng: self.location.lng().to_string(),
            opening_hours: self.opening_hours.clone(),
            food_licence: self
                .food_licence
                .as_ref()
                .map(|l| l.as_str().to_owned())
                .unwrap_or_default(),
            prepackaged_only: self.prepackaged_only,
            health_certificates: self
                .health_certificates
                .map(|n| n.to_string())
                .unwrap_or_default(),
            pledge: true,
        }
    }
}

fn number_or_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Loose {
        Text(String),
        Number(f64),
        Nothing(()),
    }
    Ok(match Loose::deserialize(deserializer)? {
        Loose::Text(text) => text,
        Loose::Number(n) => n.to_string(),
        Loose::Nothing(()) => String::new(),
    })
}

/// What `number_or_text` reads, for the API document: a JSON number or text.
#[cfg(feature = "ssr")]
fn number_or_text_schema() -> utoipa::openapi::Schema {
    or_text(utoipa::openapi::Type::Number, None)
}

/// The staff holding health certificates (food businesses), for the API document: a count, as
/// a whole JSON number or text.
#[cfg(feature = "ssr")]
fn health_certificates_schema() -> utoipa::openapi::Schema {
    let description = "Staff holding health certificates (food businesses)";
    or_text(utoipa::openapi::Type::Integer, Some(description))
}

#[cfg(feature = "ssr")]
fn or_text(number: utoipa::openapi::Type, description: Option<&str>) -> utoipa::openapi::Schema {
    use utoipa::openapi::{ObjectBuilder, OneOfBuilder, Type};
    OneOfBuilder::new()
        .item(ObjectBuilder::new().schema_type(number))
        .item(ObjectBuilder::new().schema_type(Type::String))
        .description(description)
        .build()
        .into()
}

fn fail(errors: &mut Vec<FieldError>, field: &str, zh: &str, en: &str) {
    errors.push(FieldError::new(field, zh, en));
}

impl RawRegistration {
    /// Checks every field and names each one that is wrong, in both languages.
    pub fn parse(&self) -> Result<Registration, Vec<FieldError>> {
        let mut errors = Vec::new();
        let e = &mut errors;
        let shop_name = bounded_text(
            e,
            "shop_name",
            ("店名", "shop name"),
            &self.shop_name,
            (2, 40),
        );
        let uscc = match Uscc::parse(&self.uscc) {
            Ok(code) => Some(code),
            Err(UsccError::Length) => {
                fail(
                    e,
                    "uscc",
                    "统一社会信用代码应为18位，请对照营业执照填写",
                    "The unified social credit code has 18 characters; copy it from the business licence",
                );
                None
            }
            Err(UsccError::Character) => {
                fail(
                    e,
                    "uscc",
                    "统一社会信用代码只含数字和大写字母（不含 I、O、S、V、Z），请检查",
                    "The code has only digits and capital letters (never I, O, S, V or Z); please check it",
                );
                None
            }
            Err(UsccError::Check) => {
                fail(
                    e,
                    "uscc",
                    "统一社会信用代码校验不通过，可能有字符输错，请对照营业执照逐位核对",
                    "The code's check character does not match: a character was probably mistyped; compare it with the licence",
                );
                None
            }
        };
        let legal_representative = bounded_text(
            e,
            "legal_representative",
            ("法定代表人（经营者）姓名", "legal representative's name"),
            &self.legal_representative,
            (2, 20),
        );
        let contact_name = bounded_text(
            e,
            "contact_name",
            ("联系人姓名", "contact's name"),
            &self.contact_name,
            (2, 20),
        );
        let phone = super::phone::field(e, "phone", &self.phone);
        let shop_phone = super::public_phone::optional_field(e, "shop_phone", &self.shop_phone);
        let category = category::find(self.category.trim()).filter(|c| c.is_shop());
        if category.is_none() {
            fail(
                e,
                "category",
                "请选择经营类别",
                "Please choose the kind of business",
            );
        }
        let address = bounded_text(
            e,
            "address",
            ("经营地址", "address"),
            &self.address,
            (4, 100),
        );
        if self.street_id.is_none() {
            fail(
                e,
                "street_id",
                "请选择店铺所在的自治街区",
                "Please choose the street the shop is on",
            );
        }
        let location = match (
            self.lat.trim().parse::<f64>(),
            self.lng.trim().parse::<f64>(),
        ) {
            (Ok(lat), Ok(lng)) => LatLng::new(lat, lng).ok(),
            _ => None,
        };
        if location.is_none() {
            fail(
                e,
                "location",
                "请在地图上点按店铺位置，或填写经纬度",
                "Tap the shop on the map, or enter its latitude and longitude",
            );
        }
        let opening_hours = self.opening_hours.trim();
        if parse_day(opening_hours).map_or(true, |openings| openings.is_empty()) {
            fail(
                e,
                "opening_hours",
                "请按“07:00-14:00, 17:00-22:00”的格式填写每天的营业时间",
                "Enter the daily hours like 07:00-14:00, 17:00-22:00",
            );
        }
        let sells_food = category.is_some_and(|c| c.sells_food);
        let licence_text = self.food_licence.trim();
        let food_licence = match (sells_food, licence_text.is_empty()) {
            (false, false) => {
                fail(
                    e,
                    "food_licence",
                    "所选类别不经营食品，不需要也不应填写食品经营许可证号",
                    "This kind of business sells no food: leave the food-business licence empty",
                );
                None
            }
            (true, true) if !self.prepackaged_only => {
                fail(
                    e,
                    "food_licence",
                    "经营食品须填写食品经营许可证号（仅销售预包装食品的可不填）",
                    "A food business needs its food-business licence number (unless it only sells prepackaged food)",
                );
                None
            }
            (_, true) => None,
            (true, false) => {
                let licence = FoodLicence::parse(licence_text);
                if licence.is_none() {
                    fail(
                        e,
                        "food_licence",
                        "许可证号应为 JY 加14位数字，第一位数字是1、2或3，例如 JY24101020012345",
                        "The licence number is JY and 14 digits, the first 1, 2 or 3, e.g. JY24101020012345",
                    );
                }
                licence
            }
        };
        let health_certificates = if sells_food {
            match self.health_certificates.trim().parse::<u32>() {
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
        } else {
            None
        };
        if !self.pledge {
            fail(
                e,
                "pledge",
                "请阅读门前三包承诺并勾选，才能提交登记",
                "Please read the front-of-shop pledge and tick it to register",
            );
        }
        match (
            shop_name,
            uscc,
            legal_representative,
            contact_name,
            phone,
            category,
            address,
            self.street_id,
            location,
        ) {
            (
                Some(shop_name),
                Some(uscc),
                Some(legal_representative),
                Some(contact_name),
                Some(phone),
                Some(category),
                Some(address),
                Some(street_id),
                Some(location),
            ) if errors.is_empty() => Ok(Registration {
                shop_name,
                uscc,
                legal_representative,
                contact_name,
                phone,
                shop_phone,
                category: category.id.to_owned(),
                address,
                street_id,
                location,
                opening_hours: opening_hours.to_owned(),
                food_licence,
                prepackaged_only: sells_food && self.prepackaged_only,
                health_certificates,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests;
