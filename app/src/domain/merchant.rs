//! A shop's registration under the merchant self-governance scheme (商户自治), checked field by
//! field the same way in the browser and on the server.

use super::{
    category::Categories,
    form::{FieldError, bounded_text},
    geo::LatLng,
    licence::{FoodLicence, Uscc},
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

impl RawRegistration {
    /// Checks every field and names each one that is wrong, in both languages.
    pub fn parse(&self, categories: &Categories) -> Result<Registration, Vec<FieldError>> {
        let mut errors = Vec::new();
        let e = &mut errors;
        let shop_name = bounded_text(
            e,
            "shop_name",
            ("店名", "shop name"),
            &self.shop_name,
            (2, 40),
        );
        let uscc = fields::uscc(e, &self.uscc);
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
        let category = fields::category(e, categories, &self.category);
        let address = bounded_text(
            e,
            "address",
            ("经营地址", "address"),
            &self.address,
            (4, 100),
        );
        let street_id = fields::street(e, self.street_id);
        let location = fields::location(e, &self.lat, &self.lng);
        let opening_hours = fields::opening_hours(e, &self.opening_hours);
        let sells_food = category.is_some_and(|c| c.sells_food);
        let food_licence =
            fields::food_licence(e, sells_food, self.prepackaged_only, &self.food_licence);
        let health_certificates =
            fields::health_certificates(e, sells_food, &self.health_certificates);
        fields::pledge(e, self.pledge);
        let (
            Some(shop_name),
            Some(uscc),
            Some(legal_representative),
            Some(contact_name),
            Some(phone),
            Some(category),
            Some(address),
            Some(street_id),
            Some(location),
            Some(opening_hours),
        ) = (
            shop_name,
            uscc,
            legal_representative,
            contact_name,
            phone,
            category,
            address,
            street_id,
            location,
            opening_hours,
        )
        else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Registration {
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
            opening_hours,
            food_licence,
            prepackaged_only: sells_food && self.prepackaged_only,
            health_certificates,
        })
    }
}

mod fields;

#[cfg(test)]
mod tests;
