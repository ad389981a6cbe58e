//! Services in bulk: the template and the export to download, and a file to import, checked
//! first (every bad row named by row and column) and then written whole or not at all.

use super::ImportCounts;
use crate::{
    domain::sheet::RowError,
    i18n::{t, use_lang},
    shell::PageHead,
};
use leptos::prelude::*;

/// What the portal said about the file.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Outcome {
    Checked(ImportCounts),
    Imported(ImportCounts),
    Rows(Vec<RowError>),
    Failed(String),
}

#[component]
pub fn ImportServicesPage() -> impl IntoView {
    let lang = use_lang();
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    // The import is offered once the file now chosen has passed its check.
    let checked = RwSignal::new(false);
    let send = move |dry_run: bool| {
        #[cfg(feature = "hydrate")]
        {
            let Some(file) = input
                .get_untracked()
                .and_then(|i| i.files())
                .and_then(|f| f.get(0))
            else {
                outcome.set(Some(Outcome::Failed(
                    lang.get_untracked()
                        .pick("请先选择文件", "Choose a file first")
                        .to_owned(),
                )));
                return;
            };
            busy.set(true);
            leptos::task::spawn_local(async move {
                let result = upload(file, dry_run, lang.get_untracked()).await;
                checked.set(dry_run && matches!(result, Outcome::Checked(_)));
                outcome.set(Some(result));
                busy.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (dry_run, input, busy, checked);
    };
    view! {
        <PageHead title=("批量导入导出", "Import and export") />
        <h1>{t("批量导入导出服务点", "Import and export services")}</h1>
        <section class="stack" aria-labelledby="download-title">
            <h2 id="download-title">{t("下载", "Download")}</h2>
            <p>
                {t("导入模板：", "Import template: ")}
                <a href="/api/v1/staff/services/template?format=xlsx" download>{t("Excel 文件", "Excel workbook")}</a>
                " · " <a href="/api/v1/staff/services/template?format=csv" download>"CSV"</a>
            </p>
            <p>
                {t("全部服务点：", "Every service: ")}
                <a href="/api/v1/staff/services/export?format=xlsx" download>{t("Excel 文件", "Excel workbook")}</a>
                " · " <a href="/api/v1/staff/services/export?format=csv" download>"CSV"</a>
            </p>
            <p>
                {t("志愿服务队及成员数：", "Volunteer teams and members: ")}
                <a href="/api/v1/staff/teams/export?format=xlsx" download>{t("Excel 文件", "Excel workbook")}</a>
                " · " <a href="/api/v1/staff/teams/export?format=csv" download>"CSV"</a>
            </p>
            <p>
                {t("本月各队志愿服务时长：", "Volunteer hours per team this month: ")}
                <a href="/api/v1/staff/volunteer-hours/export?format=xlsx" download>{t("Excel 文件", "Excel workbook")}</a>
                " · " <a href="/api/v1/staff/volunteer-hours/export?format=csv" download>"CSV"</a>
            </p>
            <p class="muted">{t(
                "每行一个服务点。有“编号”的行更新该服务点，没有编号的行新增。营业时间可写“周一至周五 08:30-12:00, 14:30-17:30；周六 09:00-12:00；周日休息”。导出的文件修改后可直接导入。",
                "One row per service. A row with an id (编号) updates that service; one without adds a new one. Hours read like 周一至周五 08:30-12:00, 14:30-17:30；周六 09:00-12:00；周日休息. An exported file, changed, imports as it is.",
            )}</p>
        </section>
        <section class="stack" aria-labelledby="import-title">
            <h2 id="import-title">{t("导入", "Import")}</h2>
            <div class="field">
                <label for="import-file">{t("选择文件（.xlsx 或 .csv，UTF-8 或 GBK 编码均可）", "Choose a file (.xlsx or .csv, UTF-8 or GBK)")}</label>
                <input id="import-file" type="file" accept=".xlsx,.csv,text/csv" node_ref=input
                    on:change=move |_| { checked.set(false); outcome.set(None); } />
            </div>
            <p>
                <button type="button" class="button" disabled=move || busy.get() on:click=move |_| send(true)>
                    {t("检查文件", "Check the file")}
                </button>
                " "
                <button type="button" class="button primary" disabled=move || busy.get() || !checked.get()
                    on:click=move |_| send(false)>
                    {t("确认导入", "Import it")}
                </button>
            </p>
            <div aria-live="polite">
                {move || outcome.get().map(|o| match o {
                    Outcome::Checked(c) => view! {
                        <p class="notice" role="status">{move || counts(lang.get().pick(
                            "检查通过：将新增 {c} 处，更新 {u} 处。确认无误后点“确认导入”。",
                            "The file is fine: {c} to add, {u} to update. Import it when ready.",
                        ), c)}</p>
                    }.into_any(),
                    Outcome::Imported(c) => view! {
                        <p class="notice" role="status">{move || counts(lang.get().pick(
                            "已导入：新增 {c} 处，更新 {u} 处，{n} 处没有变化。",
                            "Imported: {c} added, {u} updated, {n} unchanged.",
                        ), c)}</p>
                    }.into_any(),
                    Outcome::Rows(rows) => view! {
                        <div role="alert">
                            <p>{t("文件中有以下问题，未导入任何内容：", "The file has these problems; nothing was imported:")}</p>
                            <crate::shell::TableScroll><table class="data">
                                <thead><tr>
                                    <th scope="col">{t("行", "Row")}</th>
                                    <th scope="col">{t("列", "Column")}</th>
                                    <th scope="col">{t("问题", "Problem")}</th>
                                </tr></thead>
                                <tbody>{rows.into_iter().map(|r| {
                                    let row = if r.row == 0 { "—".to_owned() } else { r.row.to_string() };
                                    let column = r.column.clone();
                                    view! { <tr><td>{row}</td><td>{column}</td><td>{move || r.text(lang.get()).to_owned()}</td></tr> }
                                }).collect_view()}</tbody>
                            </table></crate::shell::TableScroll>
                        </div>
                    }.into_any(),
                    Outcome::Failed(message) => view! { <p role="alert" class="field-error">{message}</p> }.into_any(),
                })}
            </div>
        </section>
    }
}

fn counts(template: &str, c: ImportCounts) -> String {
    template
        .replace("{c}", &c.created.to_string())
        .replace("{u}", &c.updated.to_string())
        .replace("{n}", &c.unchanged.to_string())
}

/// Sends the file to the import API, as it is, and reads its answer.
#[cfg(feature = "hydrate")]
async fn upload(file: web_sys::File, dry_run: bool, lang: crate::domain::lang::Lang) -> Outcome {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let failed = || {
        Outcome::Failed(
            lang.pick(
                "网络连接出了问题，请检查网络后重试。",
                "The connection failed. Please check your network and try again.",
            )
            .to_owned(),
        )
    };
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&file);
    let url = format!("/api/v1/staff/services/import?dry_run={dry_run}");
    let Ok(answer) =
        JsFuture::from(gloo_utils::window().fetch_with_str_and_init(&url, &init)).await
    else {
        return failed();
    };
    let Ok(response) = answer.dyn_into::<web_sys::Response>() else {
        return failed();
    };
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|t| t.as_string()),
        Err(_) => None,
    };
    let Some(text) = text else { return failed() };
    #[derive(serde::Deserialize)]
    struct Refused {
        #[serde(default)]
        rows: Vec<RowError>,
        #[serde(default)]
        error: String,
    }
    match status {
        200 => match serde_json::from_slice::<ImportCounts>(text.as_bytes()) {
            Ok(c) if dry_run => Outcome::Checked(c),
            Ok(c) => Outcome::Imported(c),
            Err(_) => failed(),
        },
        422 => match serde_json::from_slice::<Refused>(text.as_bytes()) {
            Ok(r) if !r.rows.is_empty() => Outcome::Rows(r.rows),
            Ok(r) => Outcome::Failed(r.error),
            Err(_) => failed(),
        },
        401 => Outcome::Failed(
            lang.pick("请先以工作人员身份登录。", "Please sign in as staff first.")
                .to_owned(),
        ),
        413 => Outcome::Failed(
            lang.pick("文件太大（超过 16 MB）。", "The file is over 16 MB.")
                .to_owned(),
        ),
        _ => failed(),
    }
}
