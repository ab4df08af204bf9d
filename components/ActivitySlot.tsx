import ActivityFeed from "../islands/ActivityFeed.tsx";

/** What the public strip lists: runs, leads and sign-ups, not page views. */
const SHOWN_TYPES = ["demo_started", "demo_completed", "demo_failed", "lead_submitted", "signup"];

/**
 * The live-activity strip on Home, `#live-activity`: the public, anonymized demo feed, limited
 * to what people did (demo runs, leads, sign-ups). With nothing yet it invites a first run.
 */
export function ActivitySlot() {
  return (
    <section id="live-activity" class="section alt" aria-labelledby="live-activity-title">
      <div class="wrap live-strip">
        <div class="live-strip-text">
          <h2 id="live-activity-title">Live on this site</h2>
          <p>
            Every agent run started on these pages appears here as it happens: which agent, how long
            it took and how many tokens it used, never who started it. Read how the{" "}
            <a href="/docs/demo-feed-api">demo feed</a> streams events to every instance.
          </p>
          <a class="button secondary" href="#try-it">Start a demo run</a>
        </div>
        <div class="activity-slot">
          <div class="slot-head">
            <h3>Recent runs, leads and sign-ups</h3>
            <span class="badge">Anonymized</span>
          </div>
          <div id="activity-feed" class="slot-body">
            <ActivityFeed
              label="Recent activity on this site"
              types={SHOWN_TYPES}
              max={8}
              emptyText="Nothing has run here yet. Start a demo below: it appears in this list, anonymized, as it happens."
            />
          </div>
        </div>
      </div>
    </section>
  );
}
