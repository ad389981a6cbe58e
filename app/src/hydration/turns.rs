//! Hydration in turns. Leptos hydrates a page in one go once its lazy piece has loaded: on a
//! phone that is one long task, and every tap on the page waits for its end (Lighthouse counts
//! it as blocking time). At a part of a page marked with [`turn`] or [`later`], if hydration has
//! held the main thread for longer than its budget (8 ms) since it last let go, the browser gets
//! its turn first and again after: to paint, to take a tap, to run what is waiting.
//!
//! [`turn`] puts off only the part's hydration: its view is built where it stands, since a
//! resource or a `<Suspense>` takes its id (and with it the data the server serialized for it)
//! as it is built, and must do so in the server's order. [`later`] puts off the building too,
//! which is much of the first call of the part's code (V8 compiles wasm on the main thread at
//! a function's first call); it is only for parts that make no resource and no `<Suspense>`,
//! such as the header, and builds them under the owner they were declared under, so they see
//! the same contexts.
//!
//! Only hydration waits. The server builds and sends every part in place; a page the client
//! renders itself has nothing to hydrate; and a part inside `<Suspense>` hydrates in the same
//! task as the Suspense (Leptos hydrates those at once).

use leptos::{
    prelude::*,
    reactive::owner::Owner,
    tachys::{
        hydration::Cursor,
        view::{Position, PositionState, add_attr::AddAnyAttr, any_view::AnyViewState},
    },
};

type Make = Box<dyn FnOnce() -> AnyView + Send>;

thread_local! {
    static BUILDING_LATER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a part marked [`later`] is being built now. A resource made there would take its
/// id out of the server's order and quietly hydrate against another's data, so debug builds
/// refuse it (`data::resource`).
pub fn building_later() -> bool {
    BUILDING_LATER.with(std::cell::Cell::get)
}

fn build_later(make: Make) -> AnyView {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            BUILDING_LATER.with(|b| b.set(self.0));
        }
    }
    let _reset = Reset(BUILDING_LATER.with(|b| b.replace(true)));
    make()
}

/// A part of a page whose hydration, and perhaps building, may wait for the browser's turn.
pub enum Turn {
    Built(AnyView),
    Waiting(Owner, Make),
}

/// Marks `view` as a place where hydration may let the browser in first.
pub fn turn(view: impl IntoView + 'static) -> Turn {
    Turn::Built(view.into_view().into_any())
}

/// Marks a part that makes no resource and no `<Suspense>` to be built, as well as hydrated, at
/// its turn.
pub fn later<V: IntoView + 'static>(make: impl FnOnce() -> V + Send + 'static) -> Turn {
    let make: Make = Box::new(move || make().into_view().into_any());
    match Owner::current() {
        Some(owner) if cfg!(feature = "hydrate") => Turn::Waiting(owner, make),
        _ => Turn::Built(build_later(make)),
    }
}

impl Turn {
    fn built(self) -> AnyView {
        match self {
            Turn::Built(view) => view,
            Turn::Waiting(owner, make) => owner.with(|| untrack(|| build_later(make))),
        }
    }
}

impl Render for Turn {
    type State = AnyViewState;

    fn build(self) -> Self::State {
        self.built().build()
    }

    fn rebuild(self, state: &mut Self::State) {
        self.built().rebuild(state)
    }
}

impl AddAnyAttr for Turn {
    type Output<SomeNewAttr: leptos::attr::Attribute> = Turn;

    fn add_any_attr<NewAttr: leptos::attr::Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        Turn::Built(self.built().add_any_attr(attr).into_any())
    }
}

impl RenderHtml for Turn {
    type AsyncOutput = AnyView;
    type Owned = Self;
    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {
        if let Turn::Built(view) = self {
            view.dry_resolve()
        }
    }

    async fn resolve(self) -> Self::AsyncOutput {
        self.built().resolve().await
    }

    fn html_len(&self) -> usize {
        match self {
            Turn::Built(view) => view.html_len(),
            Turn::Waiting(..) => 0,
        }
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<leptos::attr::any_attribute::AnyAttribute>,
    ) {
        self.built()
            .to_html_with_buf(buf, position, escape, mark_branches, extra_attrs)
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut leptos::tachys::ssr::StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<leptos::attr::any_attribute::AnyAttribute>,
    ) {
        self.built().to_html_async_with_buf::<OUT_OF_ORDER>(
            buf,
            position,
            escape,
            mark_branches,
            extra_attrs,
        )
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        self.built().hydrate::<FROM_SERVER>(cursor, position)
    }

    async fn hydrate_async(self, cursor: &Cursor, position: &PositionState) -> Self::State {
        // The owner and observer of this point in the page, set again after each wait. A turn
        // after the part too: what follows it (the router's start, say) may be long as well.
        leptos::reactive::computed::ScopedFuture::new(async move {
            #[cfg(feature = "hydrate")]
            super::take_turn().await;
            let view = self.built();
            #[cfg(feature = "hydrate")]
            super::take_turn().await;
            let state = view.hydrate_async(cursor, position).await;
            #[cfg(feature = "hydrate")]
            super::take_turn().await;
            state
        })
        .await
    }

    fn into_owned(self) -> Self::Owned {
        self
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn a_turn_adds_nothing_to_the_page_the_server_sends() {
        let plain = view! { <p class="lead">"步行一刻钟"</p> }.to_html();
        let marked = turn(view! { <p class="lead">"步行一刻钟"</p> }).to_html();
        assert_eq!(marked, plain);
        assert_eq!(marked, r#"<p class="lead">步行一刻钟</p>"#);
    }

    #[test]
    fn a_part_built_later_is_sent_as_if_built_in_place() {
        let owner = Owner::new();
        owner.with(|| {
            let plain = view! { <p class="lead">"步行一刻钟"</p> }.to_html();
            let later = later(|| view! { <p class="lead">"步行一刻钟"</p> }).to_html();
            assert_eq!(later, plain);
        });
    }
}
