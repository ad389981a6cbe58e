//! Volunteering: a team's speciality, and a resident's application to join a team or to take
//! part in one activity, checked the same way in the browser and on the server.

use super::{
    form::{FieldError, bounded_text},
    phone::Mobile,
};
use serde::{Deserialize, Serialize};

// The seeds' streets give each grid's team one of these.
/// What a team mainly does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Speciality {
    ElderlyHelp,
    Medical,
    Education,
    Patrol,
    Civility,
}

impl Speciality {
    pub const ALL: [Speciality; 5] = [
        Speciality::ElderlyHelp,
        Speciality::Medical,
        Speciality::Education,
        Speciality::Patrol,
        Speciality::Civility,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Speciality::ElderlyHelp => "elderly_help",
            Speciality::Medical => "medical",
            Speciality::Education => "education",
            Speciality::Patrol => "patrol",
            Speciality::Civility => "civility",
        }
    }

    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Speciality::ElderlyHelp => ("助老服务", "Elderly help"),
            Speciality::Medical => ("医疗健康", "Health care"),
            Speciality::Education => ("教育助学", "Education"),
            Speciality::Patrol => ("治安巡逻", "Patrols"),
            Speciality::Civility => ("文明实践", "Civic life"),
        }
    }

    pub fn parse(code: &str) -> Option<Speciality> {
        Speciality::ALL
            .into_iter()
            .find(|s| s.code() == code.trim())
    }
}

/// A choice on the form: the code stored, and its words in both languages.
pub type Choice = (&'static str, &'static str, &'static str);

pub const SKILLS: [Choice; 7] = [
    ("elderly_care", "陪伴照护老人", "Caring for older people"),
    ("nursing", "医疗护理、急救", "Nursing or first aid"),
    ("tutoring", "辅导功课", "Tutoring children"),
    ("patrol", "巡逻值守", "Patrols and watch"),
    ("repairs", "维修、理发", "Repairs or haircuts"),
    ("publicity", "宣传、摄影", "Publicity or photography"),
    ("driving", "驾驶", "Driving"),
];

pub const AVAILABILITY: [Choice; 4] = [
    ("weekday_daytime", "工作日白天", "Weekday daytime"),
    ("weekday_evening", "工作日晚上", "Weekday evenings"),
    ("weekend", "周末", "Weekends"),
    (
        "service_day",
        "每月15日集中服务日",
        "The service day on the 15th",
    ),
];

/// The words for a stored skill or time: a choice's label, or the resident's own text.
pub fn choice_label<'a>(choices: &[Choice], value: &'a str) -> (&'a str, &'a str) {
    choices
        .iter()
        .find(|(code, ..)| *code == value)
        .map_or((value, value), |(_, zh, en)| (zh, en))
}

/// Shown beside the consent box; the whole of what the portal does with the data.
pub const PRIVACY_ZH: &str = "我们保存您的姓名、手机号、技能、可服务时间和备注，以及服务签到与时长，\
用于安排志愿服务、联系您和出具志愿服务记录证明。只有街道和社区工作人员能看到完整信息；\
公开页面上手机号只显示为 138****5678 的形式。您可以随时撤回报名并删除个人信息，\
删除后只保留不含个人信息的人数和时长统计；未删除的，在最后一次服务两年后自动删除。";
pub const PRIVACY_EN: &str = "We keep your name, mobile number, skills, availability and note, \
and your attendance and hours, to arrange volunteering, contact you and issue your volunteer \
service record. Only street-office and community staff see them in full; public pages show a \
mobile number only as 138****5678. You can withdraw and have your personal data deleted at any \
time; only counts and hours without personal data remain. Otherwise it is deleted two years \
after your last service.";

/// How long personal data is kept after the application's last activity or decision.
pub const RETENTION_SECS: i64 = 2 * 365 * 86_400;

/// The form as typed. Skills and times are choice codes; anything else in the lists, and the
/// two "other" boxes, is the resident's own words.
///
/// Give team_id to join a team, or activity_id to take part in one activity.
// Fields the checks require are `required` in the API document, though a missing one reads as
// empty here: the check then names it in a 422.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", schema(as = VolunteerApplication))]
pub struct RawApplication {
    /// 2 to 20 characters.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub name: String,
    /// A mainland mobile number: 11 digits, 1[3-9]….
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub phone: String,
    #[serde(default)]
    pub team_id: Option<i64>,
    #[serde(default)]
    pub activity_id: Option<i64>,
    /// Choice codes (elderly_care, nursing, tutoring, patrol, repairs, publicity, driving) or
    /// one's own words.
    #[serde(default)]
    pub skills: Vec<String>,
    /// More skills in one's own words, separated by commas.
    #[serde(default)]
    pub skills_other: String,
    /// Choice codes (weekday_daytime, weekday_evening, weekend, service_day) or one's own
    /// words; at least one to join a team.
    #[serde(default)]
    pub availability: Vec<String>,
    #[serde(default)]
    pub availability_other: String,
    /// Up to 300 characters.
    #[serde(default)]
    pub note: String,
    /// Must be true: the applicant agrees to the privacy statement.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(required = true))]
    pub consent: bool,
}

/// What an application is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Team(i64),
    Activity(i64),
}

/// A valid application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub name: String,
    pub phone: Mobile,
    pub target: Target,
    pub skills: Vec<String>,
    pub availability: Vec<String>,
    pub note: Option<String>,
}

const MAX_ITEMS: usize = 12;
const MAX_ITEM_CHARS: usize = 30;

impl RawApplication {
    /// Checks every field and names each one that is wrong, in both languages.
    pub fn parse(&self) -> Result<Application, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = bounded_text(&mut errors, "name", ("姓名", "name"), &self.name, (2, 20));
        let phone = super::phone::field(&mut errors, "phone", &self.phone);
        let target = match (self.team_id, self.activity_id) {
            (_, Some(activity)) => Some(Target::Activity(activity)),
            (Some(team), None) => Some(Target::Team(team)),
            (None, None) => {
                errors.push(FieldError::new(
                    "team_id",
                    "请从队伍或活动页面报名，以便我们知道您要参加哪一项",
                    "Please apply from a team's or an activity's page, so we know which one",
                ));
                None
            }
        };
        let skills = items(&mut errors, "skills", &self.skills, &self.skills_other);
        let availability = items(
            &mut errors,
            "availability",
            &self.availability,
            &self.availability_other,
        );
        // An activity has its own time; a team needs to know when a new member can serve.
        if matches!(target, Some(Target::Team(_)))
            && availability.as_ref().is_some_and(Vec::is_empty)
        {
            errors.push(FieldError::new(
                "availability",
                "请至少选择一项可以服务的时间",
                "Please choose at least one time you can serve",
            ));
        }
        let note = match self.note.trim() {
            "" => Some(None),
            _ => {
                bounded_text(&mut errors, "note", ("备注", "note"), &self.note, (1, 300)).map(Some)
            }
        };
        if !self.consent {
            errors.push(FieldError::new(
                "consent",
                "请阅读个人信息说明并勾选同意，才能提交报名",
                "Please read the privacy statement and tick to agree before applying",
            ));
        }
        match (name, phone, target, skills, availability, note) {
            (
                Some(name),
                Some(phone),
                Some(target),
                Some(skills),
                Some(availability),
                Some(note),
            ) if errors.is_empty() => Ok(Application {
                name,
                phone,
                target,
                skills,
                availability,
                note,
            }),
            _ => Err(errors),
        }
    }
}

/// Chosen codes and the resident's own words, trimmed, without repeats.
fn items(
    errors: &mut Vec<FieldError>,
    field: &str,
    chosen: &[String],
    other: &str,
) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for item in chosen
        .iter()
        .map(String::as_str)
        .chain(other.split(['，', ',']))
    {
        let item = item.trim();
        if !item.is_empty() && !out.iter().any(|o| o == item) {
            out.push(item.to_owned());
        }
    }
    if out.len() > MAX_ITEMS || out.iter().any(|i| i.chars().count() > MAX_ITEM_CHARS) {
        errors.push(FieldError::new(
            field,
            &format!("最多填写 {MAX_ITEMS} 项，每项不超过 {MAX_ITEM_CHARS} 个字，用逗号分开"),
            &format!(
                "At most {MAX_ITEMS} items of up to {MAX_ITEM_CHARS} characters, separated by commas"
            ),
        ));
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests;
