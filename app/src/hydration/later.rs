//! A part of the page built at its turn, not only hydrated then. [`turn`](super::turn) builds
//! its part where it stands, since a resource or a `<Suspense>` takes its id (and with it the
//! data the server serialized for it) as it is built, and must do so in the server's order. A
//! part that holds neither, such as the header, can wait to be built too: building it is much
//! of the first call of its code, which V8 compiles on the main thread.
//!
//! The server builds it at once, as does a page the client renders itself; only hydration puts
//! it off, and builds it with the owner it was declared under, so it sees the same contexts.

use leptos::{
    prelude::*,
    reactive::owner::Owner,
    tachys::{
        hydration::Cursor,
        view::{Position, PositionState, add_attr::AddAnyAttr, any_view::AnyViewState},
    },
};

type Make = Box<dyn FnOnce() -> AnyView + Send>;

/// A part of the page that hydration builds at its turn; see the module's text for what it may
/// hold.
pub enum Later {
    Built(AnyView),
    Waiting(Owner, Make),
}

/// Marks a part that makes no resource and no `<Suspense>` to be built, and hydrated, at its
/// turn.
pub fn later<V: IntoView + 'static>(make: impl FnOnce() -> V + Send + 'static) -> Later {
    let make: Make = Box::new(move || make().into_view().into_any());
    match Owner::current() {
        Some(owner) if cfg!(feature = "hydrate") => Later::Waiting(owner, make),
        _ => Later::Built(make()),
    }
}

impl Later {
    fn built(self) -> AnyView {
        match self {
            Later::Built(view) => view,
            Later::Waiting(owner, make) => owner.with(|| untrack(make)),
        }
    }
}

impl Render for Later {
    type State = AnyViewState;

    fn build(self) -> Self::State {
        self.built().build()
    }

    fn rebuild(self, state: &mut Self::State) {
        self.built().rebuild(state)
    }
}

impl AddAnyAttr for Later {
    type Output<SomeNewAttr: leptos::attr::Attribute> = Later;

    fn add_any_attr<NewAttr: leptos::attr::Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        Later::Built(self.built().add_any_attr(attr).into_any())
    }
}

impl RenderHtml for Later {
    type AsyncOutput = AnyView;
    type Owned = Self;
    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {
        if let Later::Built(view) = self {
            view.dry_resolve()
        }
    }

    async fn resolve(self) -> Self::AsyncOutput {
        self.built().resolve().await
    }

    fn html_len(&self) -> usize {
        match self {
            Later::Built(view) => view.html_len(),
            Later::Waiting(..) => 0,
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
        #[cfg(feature = "hydrate")]
        super::take_turn().await;
        super::turn(self.built())
            .hydrate_async(cursor, position)
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
    fn a_part_built_later_is_sent_as_if_built_in_place() {
        let owner = Owner::new();
        owner.with(|| {
            let plain = view! { <p class="lead">"步行一刻钟"</p> }.to_html();
            let later = later(|| view! { <p class="lead">"步行一刻钟"</p> }).to_html();
            assert_eq!(later, plain);
        });
    }
}
