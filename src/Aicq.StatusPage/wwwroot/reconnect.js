// Live updates arrive over Blazor's connection. While it is down the page says so, so nobody trusts stale states;
// once the server answers again without this page's session (it restarted), the page loads itself afresh.
// A watchdog covers what sends no event (a session that never started): a page whose "last updated" time has not
// moved for a few check intervals loads itself afresh too.
(() => {
    const banner = document.getElementById("components-reconnect-modal");
    if (!banner) return;
    const staleAfterMs = 1000 * Number(banner.dataset.staleAfterSeconds || 90);
    let waiting = false;

    banner.addEventListener("components-reconnect-state-changed", event => {
        const state = event.detail.state;
        if (state === "show" || state === "retrying") banner.hidden = false;
        else if (state === "hide") banner.hidden = true;
        else reloadWhenBack(); // failed, rejected, resume-failed: this session cannot come back
    });

    let lastSeen = updatedAt();
    let lastChange = Date.now();
    setInterval(() => {
        const now = updatedAt();
        if (now !== lastSeen) {
            lastSeen = now;
            lastChange = Date.now();
        } else if (Date.now() - lastChange > staleAfterMs && document.visibilityState === "visible") {
            reloadWhenBack();
        }
    }, 2000);

    function updatedAt() {
        return document.querySelector(".updated time")?.getAttribute("datetime");
    }

    async function reloadWhenBack() {
        if (waiting) return;
        waiting = true;
        banner.hidden = false;
        for (;;) {
            try {
                const response = await fetch(location.href, { cache: "no-store" });
                if (response.ok) {
                    location.reload();
                    return;
                }
            } catch {
                // Still down: try again shortly.
            }
            await new Promise(resolve => setTimeout(resolve, 3000));
        }
    }
})();
