import ActivityFeed from "../islands/ActivityFeed.tsx";
/** The live-activity strip on Home, `#live-activity`: the public, anonymized demo feed. */
export function ActivitySlot() {
  return (
    <section id="live-activity" class="section alt" aria-labelledby="live-activity-title">
      <div class="wrap">
        <div class="activity-slot">
          <div class="slot-head">
            <h2 id="live-activity-title">Live on this site</h2>
            <span class="badge">Anonymized</span>
          </div>
          <div id="activity-feed" class="slot-body">
            <ActivityFeed label="Recent activity on this site" />
            <p>
              Every agent run started on these pages appears here as it happens: which agent, how
              long it took and how many tokens it used, never who started it. Start a demo below and
              watch it arrive, or read how the <a href="/docs/demo-feed-api">demo feed</a>{" "}
              streams events to every instance.
            </p>
          </div>
        </div>
      </div>
    </section>
  );
}
