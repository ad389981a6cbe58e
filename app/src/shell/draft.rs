//! Nothing typed is lost to a slow script, a reload or a step back: a form's draft is kept on
//! this device (sessionStorage, never sent) until it is sent.

use crate::domain::fields::{FormFields, with_fields};
use leptos::prelude::*;
use serde::{Serialize, de::DeserializeOwned};

/// A form's draft on this device, with the key its submits carry, so a retry after a reload
/// is still recognised as the same submission.
#[cfg(feature = "hydrate")]
#[derive(serde::Serialize, serde::Deserialize)]
struct Draft<T> {
    form: T,
    key: Option<String>,
}

/// Keeps what is typed into the form with id `id` whose values `form` holds. On the page the
/// server rendered, what was typed before the script ran is taken over once the page is
/// interactive (the fields are reset while they hydrate, and a chosen option may show more
/// fields, which hydration must not meet); otherwise the draft this tab kept for this form at
/// this address comes back. Either fills only the fields still as they started, so nothing
/// typed while the page was hydrating is overwritten. Every change is then kept in
/// `sessionStorage`, never sent, until [`Kept::sent`].
pub fn keep_draft<T>(id: &'static str, form: RwSignal<T>, key: StoredValue<Option<String>>) -> Kept
where
    T: FormFields + Serialize + DeserializeOwned + Send + Sync + 'static,
{
    // The router's address, read now: the browser's own is updated only once the new page is
    // built, so a form reached by a link would read the page before's.
    let location = leptos_router::hooks::use_location();
    let slot = format!(
        "qh-draft:{id}:{}?{}",
        location.pathname.get_untracked(),
        location.search.get_untracked()
    );
    let kept = Kept {
        done: StoredValue::new(false),
        slot: StoredValue::new(slot),
    };
    #[cfg(feature = "hydrate")]
    {
        use super::{hydrated, typed_fields};
        let initial = form.get_untracked();
        let typed = (!hydrated().get_untracked())
            .then(|| typed_fields(id))
            .flatten()
            // A field still empty was not typed in: it keeps the value the form started with
            // (a form filled with what is stored sends its fields empty, their values set
            // only once it is interactive).
            .map(|pairs| {
                let typed: Vec<_> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
                with_fields(&initial, &typed)
            })
            .filter(|typed| *typed != initial);
        let ready = hydrated();
        let restored = StoredValue::new(false);
        Effect::new(move |_| {
            if !ready.get() || kept.done.get_value() {
                return;
            }
            let slot = kept.slot.get_value();
            if !restored.get_value() {
                restored.set_value(true);
                let draft = storage::load::<Draft<T>>(&slot);
                if let Some(Draft { key: Some(k), .. }) = &draft {
                    key.set_value(Some(k.clone()));
                }
                if let Some(values) = typed.clone().or(draft.map(|d| d.form)) {
                    form.set(merged(&initial, &form.get_untracked(), values));
                }
            }
            let values = form.get();
            if values == initial {
                storage::clear(&slot);
            } else {
                storage::save(
                    &slot,
                    &Draft {
                        form: values,
                        key: key.get_value(),
                    },
                );
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (form, key, with_fields::<T>);
    kept
}

/// `restored`, except in the fields that no longer hold their `initial` value in `current`:
/// those were typed after the page became interactive and stay.
#[cfg(feature = "hydrate")]
fn merged<T: Serialize + DeserializeOwned>(initial: &T, current: &T, restored: T) -> T {
    use serde_json::{Value, to_value};
    let (Ok(Value::Object(initial)), Ok(Value::Object(current)), Ok(Value::Object(mut out))) =
        (to_value(initial), to_value(current), to_value(&restored))
    else {
        return restored;
    };
    for (name, value) in current {
        if initial.get(&name) != Some(&value) {
            out.insert(name, value);
        }
    }
    serde_json::from_value(Value::Object(out)).unwrap_or(restored)
}

/// A kept form, to be let go once it is sent.
#[derive(Clone, Copy)]
pub struct Kept {
    done: StoredValue<bool>,
    /// Where its draft is kept: the form and its address.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    slot: StoredValue<String>,
}

impl Kept {
    /// Lets the draft go once `received` says the form was received.
    pub fn until(self, received: impl Fn() -> bool + 'static) {
        Effect::new(move |_| {
            if received() {
                self.sent();
            }
        });
    }

    /// The form was received: its draft goes.
    fn sent(self) {
        self.done.set_value(true);
        #[cfg(feature = "hydrate")]
        storage::clear(&self.slot.get_value());
    }
}

#[cfg(feature = "hydrate")]
mod storage {
    fn session() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok()?
    }

    pub fn load<T: serde::de::DeserializeOwned>(slot: &str) -> Option<T> {
        serde_json::from_str(&session()?.get_item(slot).ok()??).ok()
    }

    pub fn save<T: serde::Serialize>(slot: &str, value: &T) {
        if let (Some(storage), Ok(text)) = (session(), serde_json::to_string(value)) {
            // A full or refused storage only means no draft.
            let _ = storage.set_item(slot, &text);
        }
    }

    pub fn clear(slot: &str) {
        if let Some(storage) = session() {
            let _ = storage.remove_item(slot);
        }
    }
}
