import { SiteTrafficNote } from "../../../components/dashboard/SiteTrafficNote.tsx";
import ActivityFeed from "../../../islands/ActivityFeed.tsx";
import OverviewLive from "../../../islands/OverviewLive.tsx";
import {
  loadOverview,
  OVERVIEW_CACHE_MS,
  type OverviewData,
} from "../../../lib/dashboard/overview.ts";
import "../../../lib/dashboard/state.ts";
import type { Handlers, Meta, PageProps } from "../../../lib/framework/mod.ts";
import type { DemoEvent, FeedEvent } from "../../../lib/tracking/events.ts";
import { recentWorkspaceEvents } from "../../../lib/tracking/recent.ts";

/** Overview metadata. */
export const meta: Meta = { title: "Overview", noindex: true };

interface Data {
  slug: string;
  name: string;
  overview: OverviewData;
  events: FeedEvent<DemoEvent>[];
}

/**
 * The Overview: live activity and today's and 30 days' figures as charts that update live. The
 * page reuses a workspace's run and lead figures for a few seconds (says so under the title);
 * the live refreshes read them afresh.
 */
export const handler: Handlers<Data> = {
  GET: async (ctx) => {
    const auth = ctx.state.dashboard!;
    const { services } = ctx.state;
    const [overview, events] = await Promise.all([
      loadOverview(services, auth.workspace, ctx.state.dashboardScope!, Date.now(), {
        maxAgeMs: OVERVIEW_CACHE_MS,
      }),
      recentWorkspaceEvents(services.kv, auth.workspace.id),
    ]);
    return ctx.render({ slug: auth.workspace.slug, name: auth.workspace.name, overview, events });
  },
};

/** The Overview page. */
export default function Overview({ data, state }: PageProps<Data>) {
  return (
    <main class="dash-main">
      <h1>Overview</h1>
      <p class="muted" data-overview-age>
        Figures as of {data.overview.generatedAt.slice(11, 19)} UTC (at most{" "}
        {OVERVIEW_CACHE_MS / 1000} s old when the page loads), then updated live.
      </p>
      {state.siteWorkspace !== undefined && (
        <SiteTrafficNote
          site={state.siteWorkspace}
          slug={data.slug}
          configuredSlug={state.services?.settings.siteWorkspace}
        />
      )}
      <div class="overview-grid">
        <section class="card live-activity" aria-labelledby="activity-title">
          <h2 id="activity-title">Live activity</h2>
          <ActivityFeed
            workspace={data.slug}
            label={`Recent events in ${data.name}`}
            initial={data.events}
          />
        </section>
        <OverviewLive workspace={data.slug} initial={data.overview} />
      </div>
    </main>
  );
}
