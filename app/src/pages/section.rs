//! Landing pages for the four sections of the navigation. Each says what the section is for;
//! the features that fill them are built one issue at a time.

use crate::i18n::t;
use crate::shell::PageHead;
use leptos::prelude::*;

#[component]
fn Section(
    title: (&'static str, &'static str),
    summary: (&'static str, &'static str),
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <PageHead title description=summary />
        <section class="section-intro">
            <h1>{t(title.0, title.1)}</h1>
            <p class="lead">{t(summary.0, summary.1)}</p>
            {children.map(|c| c())}
            <p class="notice" role="status">
                {t("本栏目正在建设中，敬请期待。", "This section is being built; please check back soon.")}
            </p>
        </section>
    }
}

#[component]
pub fn MerchantsPage() -> impl IntoView {
    view! {
        <Section
            title=("商户自治", "Merchant self-governance")
            summary=(
                "商户自治示范街的店铺在这里登记：营业执照、食品经营许可证，以及门前三包承诺。",
                "Shops on the merchant self-governance streets register here: business licence, food-business licence, and the front-of-shop pledge.",
            )
        />
    }
}
