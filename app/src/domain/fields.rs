//! A form's raw values set from its fields' names and values, as a browser would send them:
//! how a page takes over what a visitor typed before its script was running.

use super::{
    activity::{Moment, RawActivity, Whole},
    category::edit::RawCategory,
    merchant::RawRegistration,
    service::edit::{Coordinate, HoursInput, RawService},
    street::{RawCouncilMember, RawStreet},
    suggestion::RawSuggestion,
    team::RawTeam,
    volunteer::RawApplication,
};

/// A form's values as typed, settable field by field from `name=value` pairs. A ticked box
/// comes as its name (any value); a box left unticked does not come at all.
pub trait FormFields: Clone + PartialEq {
    fn set_field(&mut self, name: &str, value: &str);
}

/// `initial` with the pairs' values put in, in order; names the form does not have are ignored.
pub fn with_fields<T: FormFields>(initial: &T, pairs: &[(String, String)]) -> T {
    let mut form = initial.clone();
    for (name, value) in pairs {
        form.set_field(name, value);
    }
    form
}

fn push_once(list: &mut Vec<String>, value: &str) {
    if !list.iter().any(|v| v == value) {
        list.push(value.to_owned());
    }
}

impl FormFields for RawApplication {
    fn set_field(&mut self, name: &str, value: &str) {
        match name {
            "name" => self.name = value.into(),
            "phone" => self.phone = value.into(),
            "skills" => push_once(&mut self.skills, value),
            "skills_other" => self.skills_other = value.into(),
            "availability" => push_once(&mut self.availability, value),
            "availability_other" => self.availability_other = value.into(),
            "note" => self.note = value.into(),
            "consent" => self.consent = true,
            _ => {}
        }
    }
}

impl FormFields for RawRegistration {
    fn set_field(&mut self, name: &str, value: &str) {
        match name {
            "shop_name" => self.shop_name = value.into(),
            "uscc" => self.uscc = value.into(),
            "legal_representative" => self.legal_representative = value.into(),
            "contact_name" => self.contact_name = value.into(),
            "phone" => self.phone = value.into(),
            "shop_phone" => self.shop_phone = value.into(),
            "category" => self.category = value.into(),
            "street_id" => self.street_id = value.parse().ok(),
            "address" => self.address = value.into(),
            "lat" => self.lat = value.into(),
            "lng" => self.lng = value.into(),
            "opening_hours" => self.opening_hours = value.into(),
            "food_licence" => self.food_licence = value.into(),
            "prepackaged_only" => self.prepackaged_only = true,
            "health_certificates" => self.health_certificates = value.into(),
            "pledge" => self.pledge = true,
            _ => {}
        }
    }
}

impl FormFields for RawSuggestion {
    fn set_field(&mut self, name: &str, value: &str) {
        match name {
            "kind" => self.kind = value.into(),
            "name" => self.name = value.into(),
            "category" => self.category = value.into(),
            "address" => self.address = value.into(),
            "details" => self.details = value.into(),
            "phone" => self.phone = value.into(),
            _ => {}
        }
    }
}

impl FormFields for RawService {
    fn set_field(&mut self, name: &str, value: &str) {
        let lines = || value.split('\n').map(str::to_owned).collect::<Vec<_>>();
        let guide = |form: &mut RawService| form.guide.get_or_insert_with(Default::default).clone();
        match name {
            "name" => self.name = value.into(),
            "category" => self.category = value.into(),
            "address" => self.address = value.into(),
            "description" => self.description = value.into(),
            "phone" => self.phone = Some(value.into()),
            "lat" => self.lat = Coordinate::Text(value.into()),
            "lng" => self.lng = Coordinate::Text(value.into()),
            "community_id" => self.community_id = value.parse().ok(),
            "hours" => self.hours = HoursInput::Text(value.into()),
            "hours_note" => self.hours_note = Some(value.into()),
            "guide_materials" | "guide_steps" | "guide_notes" | "guide_time_limit"
            | "guide_fees" | "guide_proxy" => {
                let mut g = guide(self);
                match name {
                    "guide_materials" => g.materials = lines(),
                    "guide_steps" => g.steps = lines(),
                    "guide_notes" => g.notes = lines(),
                    "guide_time_limit" => g.time_limit = value.into(),
                    "guide_fees" => g.fees = value.into(),
                    _ => g.proxy = true,
                }
                self.guide = Some(g);
            }
            _ => {}
        }
    }
}

impl FormFields for RawTeam {
    fn set_field(&mut self, name: &str, value: &str) {
        match name {
            "name_zh" => self.name_zh = value.into(),
            "name_en" => self.name_en = value.into(),
            "community_id" => self.community_id = value.parse().ok(),
            "grid_id" => self.grid_id = value.parse().ok(),
            "speciality" => self.speciality = value.into(),
            "description" => self.description = value.into(),
            "leader" => self.leader = value.into(),
            "meeting_place" => self.meeting_place = value.into(),
            "lat" => self.lat = Coordinate::Text(value.into()),
            "lng" => self.lng = Coordinate::Text(value.into()),
            "contact" => self.contact = value.into(),
            _ => {}
        }
    }
}

impl FormFields for RawActivity {
    fn set_field(&mut self, name: &str, value: &str) {
        match name {
            "team_id" => self.team_id = value.parse().ok(),
            "title" => self.title = value.into(),
            "description" => self.description = value.into(),
            "place" => self.place = value.into(),
            "lat" => self.lat = Coordinate::Text(value.into()),
            "lng" => self.lng = Coordinate::Text(value.into()),
            "starts_at" => self.starts_at = Moment::Text(value.into()),
            "ends_at" => self.ends_at = Moment::Text(value.into()),
            "capacity" => self.capacity = Whole::Text(value.into()),
            "repeat" => self.repeat = value.into(),
            _ => {}
        }
    }
}

impl FormFields for RawCategory {
    fn set_field(&mut self, name: &str, value: &str) {
        match name {
            "id" => self.id = value.into(),
            "name_zh" => self.name_zh = value.into(),
            "name_en" => self.name_en = value.into(),
            "icon" => self.icon = value.into(),
            "circle_minutes" => self.circle_minutes = value.parse().unwrap_or(0),
            "sells_food" => self.sells_food = true,
            "shop" => self.shop = true,
            "words" => self.words = value.into(),
            _ => {}
        }
    }
}

impl FormFields for RawStreet {
    fn set_field(&mut self, name: &str, value: &str) {
        match name {
            "scheme_zh" => self.scheme_zh = value.into(),
            "scheme_en" => self.scheme_en = value.into(),
            "road_chief" => self.road_chief = value.into(),
            "pledge_zh" => self.pledge_zh = value.into(),
            "pledge_en" => self.pledge_en = value.into(),
            council => {
                // council-2-role_zh: the third member's role.
                let mut parts = council.splitn(3, '-');
                let (Some("council"), Some(Ok(i)), Some(field)) = (
                    parts.next(),
                    parts.next().map(str::parse::<usize>),
                    parts.next(),
                ) else {
                    return;
                };
                if i >= super::street::MAX_COUNCIL {
                    return;
                }
                if self.council.len() <= i {
                    self.council.resize(i + 1, RawCouncilMember::default());
                }
                let member = &mut self.council[i];
                match field {
                    "name" => member.name = value.into(),
                    "role_zh" => member.role_zh = value.into(),
                    "role_en" => member.role_en = value.into(),
                    _ => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_sign_up_typed_before_the_script_ran_is_taken_over_whole() {
        let initial = RawApplication {
            activity_id: Some(7),
            ..Default::default()
        };
        let form = with_fields(
            &initial,
            &pairs(&[
                ("name", "王秀兰"),
                ("phone", "13812345678"),
                ("skills", "medical"),
                ("skills", "medical"),
                ("skills", "elderly_care"),
                ("consent", "on"),
                ("team_id", "99"),
            ]),
        );
        assert_eq!(form.name, "王秀兰");
        assert_eq!(form.skills, ["medical", "elderly_care"]);
        assert!(form.consent);
        // What the page knows from its address is not the browser's to change.
        assert_eq!((form.team_id, form.activity_id), (None, Some(7)));
    }

    #[test]
    fn untouched_fields_leave_a_form_as_it_was() {
        let initial = RawRegistration {
            street_id: Some(3),
            ..Default::default()
        };
        let sent = pairs(&[("street_id", "3"), ("category", ""), ("lat", "")]);
        assert_eq!(with_fields(&initial, &sent), initial);
        let typed = with_fields(
            &initial,
            &pairs(&[("category", "breakfast"), ("pledge", "on")]),
        );
        assert_eq!(typed.category, "breakfast");
        assert!(typed.pledge && !typed.prepackaged_only);
    }
}
