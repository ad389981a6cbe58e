// Starts the client. The main script and wasm were preloaded from the head; the page's own
// pieces are fetched once the page has painted its text, and the app hydrates then: nothing can
// be tapped before that paint, and the pieces' bytes would only have competed with it.
(function (pkg, name, wasm) {
	const painted = new Promise((resolve) => {
		// A tab opened in the background paints late or never; the page must still come alive.
		setTimeout(resolve, 3000);
		// Written for old phones' browsers too: a syntax error here would leave the page dead.
		const Observer = window.PerformanceObserver;
		if (!Observer || !(Observer.supportedEntryTypes || []).includes("paint")) {
			// Without paint timing: a frame callback runs just before the next paint, and a
			// task it queues runs after it.
			requestAnimationFrame(() => setTimeout(resolve));
			return;
		}
		new Observer((list, observer) => {
			if (list.getEntriesByName("first-contentful-paint").length) {
				observer.disconnect();
				resolve();
			}
		}).observe({ type: "paint", buffered: true });
	});
	const started = import(`${pkg}/${name}.js`).then((mod) =>
		mod.default({ module_or_path: `${pkg}/${wasm}.wasm` }).then(() => mod),
	);
	painted.then(() => {
		const pieces = new Set();
		for (const meta of document.querySelectorAll('meta[name="qh-pieces"]')) {
			for (const piece of meta.content.split(" ")) pieces.add(piece);
		}
		for (const piece of pieces) {
			const link = document.createElement("link");
			link.rel = "preload";
			link.as = "fetch";
			link.type = "application/wasm";
			link.crossOrigin = "anonymous";
			link.href = `${pkg}/${piece}.wasm`;
			document.head.append(link);
		}
		// Adding the links costs the main thread too: hydration starts in a task of its own.
		started.then((mod) => setTimeout(() => mod.hydrate()));
	});
})
