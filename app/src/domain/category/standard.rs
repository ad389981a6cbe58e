//! The list a new database starts with: MOFCOM's 一刻钟便民生活圈 kinds of business and the
//! public facilities GB 50180-2018 places in each walking circle. Seeded once; after that the
//! database's list is the truth and admins change it.

use super::{Categories, Category};
use crate::domain::circle::Circle::{self, Fifteen, Five, Ten};

const FOOD: bool = true;
const SHOP: bool = true;

type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Circle,
    bool,
    bool,
    &'static [&'static str],
);

#[rustfmt::skip]
const ROWS: &[Row] = &[
    // Five minutes: what a day needs.
    ("convenience_store", "便利店", "Convenience store", "🏪", Five, FOOD, SHOP, &["超市", "小卖部", "便利"]),
    ("breakfast", "早餐店", "Breakfast", "🥟", Five, FOOD, SHOP, &["早点", "胡辣汤", "包子", "豆浆", "油条"]),
    ("greengrocer", "便民菜店", "Greengrocer", "🥬", Five, FOOD, SHOP, &["买菜", "蔬菜", "水果"]),
    ("parcel_station", "快递驿站", "Parcel station", "📦", Five, false, SHOP, &["快递", "取件", "菜鸟", "寄件"]),
    ("community_canteen", "社区长者食堂", "Community canteen", "🍱", Five, FOOD, false, &["食堂", "助餐", "老年餐", "吃饭"]),
    ("kindergarten", "幼儿园", "Kindergarten", "🧸", Five, false, false, &["幼儿", "入园"]),
    ("nursery", "托育机构", "Nursery", "👶", Five, false, false, &["托儿", "托育", "早教"]),
    ("elderly_daycare", "养老服务驿站", "Elderly day care", "🧓", Five, false, false, &["养老", "日间照料", "助老", "老年人"]),
    ("fitness", "健身场地", "Outdoor fitness", "🤸", Five, false, false, &["健身", "锻炼", "运动", "广场舞"]),
    ("recycling", "再生资源回收", "Recycling point", "♻️", Five, false, SHOP, &["回收", "废品", "旧衣", "收废品", "纸箱"]),
    // Ten minutes: what a week needs.
    ("food_market", "农贸市场", "Food market", "🧺", Ten, FOOD, SHOP, &["菜市场", "买菜", "买肉"]),
    ("pharmacy", "药店", "Pharmacy", "💊", Ten, false, SHOP, &["买药", "药房", "大药房"]),
    ("restaurant", "餐馆", "Restaurant", "🍜", Ten, FOOD, SHOP, &["吃饭", "饭店", "烩面"]),
    ("primary_school", "小学", "Primary school", "🏫", Ten, false, false, &["学校", "上学"]),
    ("bank", "银行网点", "Bank", "🏦", Ten, false, false, &["取钱", "存钱", "ATM"]),
    ("post_office", "邮政网点", "Post office", "📮", Ten, false, false, &["邮局", "寄信"]),
    ("repair", "便民维修", "Repairs", "🔧", Ten, false, SHOP, &["修鞋", "配钥匙", "开锁", "修车", "维修", "家电"]),
    ("laundry", "洗衣店", "Laundry", "👕", Ten, false, SHOP, &["干洗", "洗衣"]),
    ("hairdresser", "理发店", "Hairdresser", "💈", Ten, false, SHOP, &["理发", "剪头", "美发"]),
    ("supermarket", "综合超市", "Supermarket", "🛒", Ten, FOOD, SHOP, &["商超", "大超市", "日用品"]),
    ("housekeeping", "家政服务", "Housekeeping", "🧹", Ten, false, SHOP, &["保洁", "保姆", "月嫂", "钟点工", "育儿嫂"]),
    ("photo_print", "照相文印", "Photos and printing", "📷", Ten, false, SHOP, &["打印", "复印", "证件照", "照相", "扫描"]),
    // Fifteen minutes: the services of the street.
    ("service_centre", "党群服务中心", "Community service centre", "🏛", Fifteen, false, false, &["办事", "居委会", "社区服务", "便民服务", "党群"]),
    ("health_station", "社区卫生服务站", "Health station", "🏥", Fifteen, false, false, &["看病", "诊所", "门诊", "社区医院", "卫生院", "打针", "体检"]),
    ("middle_school", "中学", "Middle school", "🎓", Fifteen, false, false, &["学校", "初中", "高中"]),
    ("elderly_home", "养老院", "Care home", "🏡", Fifteen, false, false, &["养老", "敬老院", "颐养", "护理院", "老年公寓", "nursing home"]),
    ("culture_sport", "文体活动中心", "Culture and sports centre", "🎭", Fifteen, false, false, &["文化", "图书", "阅览", "活动室", "体育"]),
    ("bookshop", "书店", "Bookshop", "📚", Fifteen, false, SHOP, &["买书", "书屋", "绘本"]),
    ("florist", "鲜花店", "Florist", "💐", Fifteen, false, SHOP, &["花店", "鲜花", "买花", "绿植"]),
    ("tutoring", "教育培训", "Classes and tutoring", "✏️", Fifteen, false, SHOP, &["培训", "辅导", "兴趣班", "课后托管"]),
    ("pet_care", "宠物服务", "Pet care", "🐾", Fifteen, false, SHOP, &["宠物", "宠物医院", "猫粮", "狗粮", "洗澡美容"]),
];

/// The list a new database is seeded with.
pub fn standard() -> Categories {
    Categories::new(
        ROWS.iter()
            .map(
                |&(id, name_zh, name_en, icon, circle, sells_food, shop, words)| Category {
                    id: id.into(),
                    name_zh: name_zh.into(),
                    name_en: name_en.into(),
                    icon: icon.into(),
                    circle,
                    sells_food,
                    shop,
                    retired: false,
                    words: words.iter().map(|w| (*w).to_owned()).collect(),
                },
            )
            .collect(),
    )
}
