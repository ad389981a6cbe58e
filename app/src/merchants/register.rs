//! A shop registers under the scheme; the same form corrects a registration staff returned.
//! Checked as the merchant types with the server's rules; nothing typed is lost on an error.

use super::{
    RegisterShop, ResubmitRegistration, StreetSummary, get_street, list_streets, map::StreetMap,
};
use crate::data::resource;
use crate::{
    categories::{CategoryOptions, known, use_categories},
    domain::{
        geo::LatLng,
        merchant::{PLEDGE_EN, PLEDGE_ZH, RawRegistration},
        service::ServiceSummary,
    },
    error::AppError,
    hydration::turn,
    i18n::{t, use_lang},
    shell::{
        ErrorNote, ErrorSummary, Field, PageHead, SubmitButton, failed_attempts, visible_errors,
    },
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::collections::HashSet;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let query = use_query_map();
    let street_id = query.with_untracked(|q| q.get("street").and_then(|v| v.parse::<i64>().ok()));
    let form = RwSignal::new(RawRegistration {
        street_id,
        ..Default::default()
    });
    let action = ServerAction::<RegisterShop>::new();
    crate::shell::keep_draft("register-form", form, StoredValue::new(None))
        .until(move || matches!(action.value().get(), Some(Ok(_))));
    let send = Callback::new(move |registration| {
        action.dispatch(RegisterShop { registration });
    });
    view! {
        <PageHead
            title=("商户登记", "Register a shop")
            description=(
                "商户自治登记：填写营业执照、食品经营许可证（如需要）、联系人和营业时间，签订门前三包承诺。",
                "Register a shop under the street's self-governance scheme: business licence, food licence where needed, contact, hours and the front-of-shop pledge.",
            )
        />
        <h1>{t("商户登记", "Register a shop")}</h1>
        <p class="lead">{t(
            "加入商户自治：填写营业执照信息、联系人和营业时间，签订门前三包承诺。街道工作人员审核通过后，店铺将显示在街区页面和生活服务目录中。",
            "Join the self-governance scheme: give your business licence details, a contact and your hours, and sign the front-of-shop pledge. Once street-office staff approve, the shop appears on its street's page and in the directory.",
        )}</p>
        {move || match action.value().get() {
            Some(Ok(receipt)) => view! {
                <section class="card receipt" role="status">
                    <h2 tabindex="-1" node_ref=crate::shell::focus_on_mount()>{t("登记已收到", "Registration received")}</h2>
                    <crate::shell::ReferenceLine reference=receipt.reference.clone() />
                    <p>{t("状态：待审核。凭受理编号和联系人手机号可查询进度；如需修改，工作人员会退回并说明。法定代表人、联系人和手机号可随时凭编号删除，办结两年后自动删除。", "Status: pending. Follow it up with the reference and the contact's mobile; if anything needs fixing, staff will return it with a note. The representative's and contact's names and the mobile can be deleted at any time with the reference, and are deleted two years after the decision.")}</p>
                    <p><a href=crate::shell::status_address(&receipt.reference)>{t("查询办理进度", "Check a submission")}</a></p>
                </section>
            }.into_any(),
            outcome => view! {
                <RegistrationForm form send outcome=Signal::derive(move || outcome.clone().and_then(Result::err))
                    pending=action.pending().into() with_phone=true />
            }.into_any(),
        }}
    }
}

/// A returned registration on the status page: the note is shown above it by the page; the form
/// comes filled as sent, so only what the note asks needs retyping.
#[component]
pub fn RegistrationCorrection(
    reference: String,
    phone: String,
    raw: RawRegistration,
    /// The status the page shows above, made pending once this is sent again.
    shown: RwSignal<crate::submissions::Status>,
) -> impl IntoView {
    let form = RwSignal::new(raw);
    let action = ServerAction::<ResubmitRegistration>::new();
    crate::submissions::show_outcome(move || action.value().get(), shown);
    let send = Callback::new(move |registration| {
        action.dispatch(ResubmitRegistration {
            reference: reference.clone(),
            phone: phone.clone(),
            registration,
        });
    });
    view! {
        <section class="card">
            <h2>{t("修改后重新提交", "Correct and send again")}</h2>
            {move || match action.value().get() {
                Some(Ok(_)) => view! {
                    <p role="status" class="notice">{t("已重新提交，状态：待审核。", "Sent again; status: pending review.")}</p>
                }.into_any(),
                outcome => view! {
                    <RegistrationForm form send outcome=Signal::derive(move || outcome.clone().and_then(Result::err))
                        pending=action.pending().into() with_phone=false />
                }.into_any(),
            }}
        </section>
    }
}

type Setter = fn(&mut RawRegistration, String);

/// One text field of the form, bound to the signal.
fn text_field(
    form: RwSignal<RawRegistration>,
    touched: RwSignal<HashSet<&'static str>>,
    errors: impl Fn() -> Vec<crate::domain::form::FieldError> + Send + Sync + Copy + 'static,
    (name, label, kind): (&'static str, (&'static str, &'static str), &'static str),
    get: fn(&RawRegistration) -> String,
    set: Setter,
) -> impl IntoView {
    view! {
        <Field label=t(label.0, label.1) name errors>
            <input id=name name=name type=kind aria-describedby=format!("{name}-error")
                aria-invalid=move || crate::domain::form::error_for(&errors(), name).map(|_| "true")
                prop:value=move || form.with(get)
                on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
                on:blur=move |_| touched.update(|t| { t.insert(name); }) />
        </Field>
    }
}

#[component]
fn RegistrationForm(
    form: RwSignal<RawRegistration>,
    send: Callback<RawRegistration>,
    outcome: Signal<Option<AppError>>,
    pending: Signal<bool>,
    /// A correction keeps the phone it was filed with.
    with_phone: bool,
) -> impl IntoView {
    let lang = use_lang();
    let streets = resource(|| (), |_| list_streets());
    let categories = use_categories();
    let known = known(categories);
    let touched = RwSignal::new(HashSet::<&'static str>::new());
    let local = Memo::new(move |_| {
        known
            .with(|list| form.with(|f| f.parse(list).err().unwrap_or_default()))
            .into_iter()
            .filter(|e| with_phone || e.field != "phone")
            .collect::<Vec<_>>()
    });
    let errors = move || touched.with(|t| visible_errors(local.get(), t, outcome.get()));
    let sells_food = move || {
        known.with(|list| form.with(|f| list.find(&f.category).is_some_and(|c| c.sells_food)))
    };
    let picked: Signal<_> = Memo::new(move |_| {
        form.with(|f| LatLng::new(f.lat.trim().parse().ok()?, f.lng.trim().parse().ok()?).ok())
    })
    .into();
    // The chosen street's map, with its member shops named: neighbours help place a shop.
    let chosen_street = Memo::new(move |_| form.with(|f| f.street_id));
    let neighbours = resource(
        move || chosen_street.get(),
        |id| async move {
            match id {
                Some(id) => get_street(id)
                    .await
                    .map(|d| d.shops.into_iter().map(|s| s.service).collect()),
                None => Ok(Vec::new()),
            }
        },
    );
    let pick = Callback::new(move |place: LatLng| {
        form.update(|f| {
            f.lat = format!("{:.6}", place.lat());
            f.lng = format!("{:.6}", place.lng());
        });
        touched.update(|t| {
            t.insert("location");
        });
    });
    let attempts = failed_attempts(outcome);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.update(|t| {
            t.insert("*");
        });
        if local.with(Vec::is_empty) {
            send.run(form.get_untracked());
        } else {
            attempts.update(|n| *n += 1);
        }
    };
    let text = move |spec, get, set| text_field(form, touched, errors, spec, get, set);
    view! {
        <form id=with_phone.then_some("register-form") class="stack" method="post" on:submit=on_submit novalidate>
            <ErrorSummary errors=Signal::derive(errors) attempts=attempts.into() />
            {text(("shop_name", ("店铺名称（与招牌一致）", "Shop name (as on the sign)"), "text"), |f| f.shop_name.clone(), |f, v| f.shop_name = v)}
            {text(("uscc", ("统一社会信用代码（营业执照上的18位代码）", "Unified social credit code (18 characters, on the licence)"), "text"), |f| f.uscc.clone(), |f, v| f.uscc = v)}
            {text(("legal_representative", ("法定代表人或经营者姓名", "Legal representative or operator"), "text"), |f| f.legal_representative.clone(), |f, v| f.legal_representative = v)}
            {text(("contact_name", ("联系人姓名", "Contact's name"), "text"), |f| f.contact_name.clone(), |f, v| f.contact_name = v)}
            {with_phone.then(|| text(("phone", ("联系人手机号（仅工作人员可见）", "Contact's mobile (staff only)"), "tel"), |f| f.phone.clone(), |f, v| f.phone = v))}
            {text(("shop_phone", ("店铺电话（公开显示，居民可拨打；选填）", "Shop's phone (public, for residents to call; optional)"), "tel"), |f| f.shop_phone.clone(), |f, v| f.shop_phone = v)}
            <Field label=t("经营类别", "Kind of business") name="category" errors>
                <select id="category" name="category" aria-describedby="category-error"
                    prop:value=move || form.with(|f| f.category.clone())
                    on:change=move |ev| { form.update(|f| f.category = event_target_value(&ev)); touched.update(|t| { t.insert("category"); }); }>
                    <option value="">{t("请选择…", "Choose…")}</option>
                    <CategoryOptions list=categories chosen=Signal::derive(move || form.with(|f| f.category.clone())) shops_only=true />
                </select>
            </Field>
            <Field label=t("所在自治街区", "Self-governance street") name="street_id" errors in_place=true>
                <select id="street_id" name="street_id" aria-describedby="street_id-error"
                    on:change=move |ev| { form.update(|f| f.street_id = event_target_value(&ev).parse().ok()); touched.update(|t| { t.insert("street_id"); }); }>
                    <option value="">{t("请选择…", "Choose…")}</option>
                    <Suspense>
                        {move || Suspend::new(async move {
                            streets.await.map(|list| list.into_iter().map(|s| {
                                let name = (s.name_zh.clone(), s.name_en.clone());
                                view! { <option value=s.id.to_string() selected=move || form.with(|f| f.street_id == Some(s.id))>{move || lang.get().pick(&name.0, &name.1).to_owned()}</option> }
                            }).collect_view().into_any()).unwrap_or_else(|_| ().into_any())
                        })}
                    </Suspense>
                </select>
            </Field>
            {text(("address", ("经营地址", "Address"), "text"), |f| f.address.clone(), |f, v| f.address = v)}
            {turn(view! { <fieldset class="field" class:invalid=move || crate::domain::form::error_for(&errors(), "location").is_some() aria-describedby="location-error">
                <legend>{t("店铺位置：在地图上点按，或填写经纬度", "Where the shop is: tap the map, or enter coordinates")}</legend>
                <Suspense>
                    {move || Suspend::new(async move {
                        let list: Vec<StreetSummary> = streets.await.unwrap_or_default();
                        let shops: Vec<ServiceSummary> = neighbours.await.unwrap_or_default();
                        let categories = categories.await.unwrap_or_default();
                        let chosen = chosen_street.get();
                        list.into_iter().find(|s| Some(s.id) == chosen)
                            .map(|street| view! { <StreetMap street shops categories picked=Some(picked) on_pick=Some(pick) /> })
                    })}
                </Suspense>
                <div class="filters">
                    <label>{t("纬度", "Latitude")}
                        <input name="lat" inputmode="decimal" prop:value=move || form.with(|f| f.lat.clone())
                            on:input=move |ev| form.update(|f| f.lat = event_target_value(&ev))
                            on:blur=move |_| touched.update(|t| { t.insert("location"); }) /></label>
                    <label>{t("经度", "Longitude")}
                        <input name="lng" inputmode="decimal" prop:value=move || form.with(|f| f.lng.clone())
                            on:input=move |ev| form.update(|f| f.lng = event_target_value(&ev))
                            on:blur=move |_| touched.update(|t| { t.insert("location"); }) /></label>
                </div>
                <p class="field-error" id="location-error" aria-live="polite">
                    {move || crate::domain::form::error_for(&errors(), "location").map(|e| e.message(lang.get()).to_owned())}
                </p>
            </fieldset> })}
            {text(("opening_hours", ("每天营业时间，如 07:00-14:00, 17:00-22:00", "Daily hours, e.g. 07:00-14:00, 17:00-22:00"), "text"), |f| f.opening_hours.clone(), |f, v| f.opening_hours = v)}
            <Show when=sells_food>
                <label class="choice">
                    <input type="checkbox" name="prepackaged_only" prop:checked=move || form.with(|f| f.prepackaged_only)
                        on:change=move |ev| form.update(|f| f.prepackaged_only = event_target_checked(&ev)) />
                    {t("仅销售预包装食品", "Sells only prepackaged food")}
                </label>
                {text(("food_licence", ("食品经营许可证号（JY开头）", "Food-business licence number (starts JY)"), "text"), |f| f.food_licence.clone(), |f, v| f.food_licence = v)}
                {text(("health_certificates", ("持健康证的从业人员人数", "Staff holding health certificates"), "number"), |f| f.health_certificates.clone(), |f, v| f.health_certificates = v)}
            </Show>
            {turn(view! {
                <section class="privacy" aria-labelledby="pledge-title">
                    <h2 id="pledge-title">{t("门前三包承诺书", "The front-of-shop pledge")}</h2>
                    <p>{move || lang.get().pick(PLEDGE_ZH, PLEDGE_EN)}</p>
                </section>
            })}
            <div class="field" class:invalid=move || crate::domain::form::error_for(&errors(), "pledge").is_some()>
                <label class="choice">
                    <input type="checkbox" name="pledge" aria-describedby="pledge-error" prop:checked=move || form.with(|f| f.pledge)
                        on:change=move |ev| { form.update(|f| f.pledge = event_target_checked(&ev)); touched.update(|t| { t.insert("pledge"); }); } />
                    {t("我店承诺遵守门前三包", "We pledge the front-of-shop duties")}
                </label>
                <p class="field-error" id="pledge-error" aria-live="polite">
                    {move || crate::domain::form::error_for(&errors(), "pledge").map(|e| e.message(lang.get()).to_owned())}
                </p>
            </div>
            {move || match outcome.get() {
                Some(AppError::Invalid(_)) | None => None,
                Some(error) => Some(view! { <ErrorNote error /> }),
            }}
            <SubmitButton label=("提交登记", "Register") pending />
        </form>
    }
}
