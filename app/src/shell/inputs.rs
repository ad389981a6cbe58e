//! A staff form's state and its text fields, for any raw type that checks itself: what is
//! wrong shows once a field is left or the form is sent, by the rules the server applies.

use super::{Field, failed_attempts, visible_errors};
use crate::{
    domain::form::{FieldError, error_for},
    error::AppError,
    i18n::t,
};
use leptos::prelude::*;
use std::collections::HashSet;

/// The form's values, the fields left so far, and what its checks and the server said.
pub struct Checked<T: Send + Sync + 'static> {
    pub form: RwSignal<T>,
    touched: RwSignal<HashSet<&'static str>>,
    local: Memo<Vec<FieldError>>,
    outcome: Signal<Option<AppError>>,
    pub attempts: RwSignal<u32>,
}

impl<T: Send + Sync + 'static> Clone for Checked<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Checked<T> {}

impl<T: Clone + PartialEq + Send + Sync + 'static> Checked<T> {
    pub fn new(
        form: RwSignal<T>,
        check: impl Fn(&T) -> Vec<FieldError> + Send + Sync + 'static,
        outcome: Signal<Option<AppError>>,
    ) -> Self {
        Checked {
            form,
            touched: RwSignal::new(HashSet::new()),
            local: Memo::new(move |_| form.with(&check)),
            outcome,
            attempts: failed_attempts(outcome),
        }
    }

    pub fn errors(self) -> Vec<FieldError> {
        self.touched
            .with(|t| visible_errors(self.local.get(), t, self.outcome.get()))
    }

    pub fn touch(self, field: &'static str) {
        self.touched.update(|t| {
            t.insert(field);
        });
    }

    /// On sending: every error shows; the values go only when the checks pass.
    pub fn submit(self, ev: leptos::ev::SubmitEvent, send: impl FnOnce(T)) {
        ev.prevent_default();
        self.touch("*");
        if self.local.with(Vec::is_empty) {
            send(self.form.get_untracked());
        } else {
            self.attempts.update(|n| *n += 1);
        }
    }

    /// A labelled input of `kind` bound to one field.
    pub fn input(
        self,
        name: &'static str,
        label: (&'static str, &'static str),
        kind: &'static str,
        get: fn(&T) -> String,
        set: fn(&mut T, String),
    ) -> impl IntoView {
        let form = self.form;
        view! {
            <Field label=t(label.0, label.1) name errors=move || self.errors() in_place=true>
                <input id=name name=name type=kind aria-describedby=format!("{name}-error")
                    value=form.with_untracked(get)
                    aria-invalid=move || error_for(&self.errors(), name).map(|_| "true")
                    prop:value=move || form.with(get)
                    on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
                    on:blur=move |_| self.touch(name) />
            </Field>
        }
    }

    /// A labelled text area bound to one field.
    pub fn area(
        self,
        name: &'static str,
        label: (&'static str, &'static str),
        get: fn(&T) -> String,
        set: fn(&mut T, String),
    ) -> impl IntoView {
        let form = self.form;
        view! {
            <Field label=t(label.0, label.1) name errors=move || self.errors() in_place=true>
                <textarea id=name name=name rows="3" aria-describedby=format!("{name}-error")
                    prop:value=move || form.with(get)
                    on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
                    on:blur=move |_| self.touch(name)>{form.with_untracked(get)}</textarea>
            </Field>
        }
    }
}
