//! The category list as forms offer it: the `<option>`s of a choice, and the list as it is
//! now for the checks a form runs as it is typed.

use super::CategoryList;
use crate::{domain::category::Categories, i18n::localized};
use leptos::prelude::*;

/// The categories a new or changed entry may be of, as options of a `<select>`; the server
/// renders them in place, like the rest of the page.
#[component]
pub fn CategoryOptions(
    list: CategoryList,
    /// The id chosen now.
    #[prop(into)]
    chosen: Signal<String>,
    /// Only the kinds of business a shop may register as.
    #[prop(optional)]
    shops_only: bool,
    /// The icon before each name.
    #[prop(optional)]
    icons: bool,
) -> impl IntoView {
    // Worked out once for all the options, and again only when the choice itself changes: a
    // form's other fields change what `chosen` is derived from at every keystroke.
    let chosen = Memo::new(move |_| chosen.get());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let list = list.await.unwrap_or_default();
                list.choosable()
                    .filter(|c| !shops_only || c.shop)
                    .map(|c| {
                        let id = c.id.clone();
                        let icon = icons.then(|| format!("{} ", c.icon));
                        view! {
                            <option value=c.id.clone() selected=move || chosen.with(|v| *v == id)>
                                {icon} {localized(c.name())}
                            </option>
                        }
                    })
                    .collect_view()
            })}
        </Suspense>
    }
}

/// The list as loaded so far (empty until then), for the checks a form runs as it is typed.
pub fn known(list: CategoryList) -> Memo<Categories> {
    Memo::new(move |_| list.get().and_then(Result::ok).unwrap_or_default())
}
