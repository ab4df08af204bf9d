import { home } from "../content/home.ts";
import { formatSeconds, type SiteFigures, TTFT_WINDOW_DAYS } from "../lib/site_figures.ts";

const count = new Intl.NumberFormat("en-US");

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key) => values[key] ?? whole);
}

/**
 * The measured figures in Home's hero, each with what it measures and over which period; a
 * figure without data is left out.
 */
export function SiteFiguresCard({ figures: f }: { figures: SiteFigures }) {
  const copy = home.figures;
  const items: { key: string; label: string; value: string; period: string }[] = [];
  if (f.firstToken) {
    items.push({
      key: "first-token",
      label: copy.firstToken.label,
      value: formatSeconds(f.firstToken.medianSeconds),
      period: fill(copy.firstToken.period, {
        days: String(TTFT_WINDOW_DAYS),
        runs: `${count.format(f.firstToken.runs)} agent ${
          f.firstToken.runs === 1 ? "run" : "runs"
        }`,
      }),
    });
  }
  if (f.runsThisMonth !== null) {
    items.push({
      key: "runs",
      label: copy.runs.label,
      value: count.format(f.runsThisMonth),
      period: fill(copy.runs.period, { month: f.month }),
    });
  }
  if (f.leadsThisMonth !== null) {
    items.push({
      key: "leads",
      label: copy.leads.label,
      value: count.format(f.leadsThisMonth),
      period: fill(copy.leads.period, { month: f.month }),
    });
  }
  return (
    <section class="card" aria-labelledby="figures-title">
      <h2 id="figures-title" class="eyebrow figures-title">{copy.title}</h2>
      <dl class="stats">
        {items.map((i) => (
          <div key={i.key} data-figure={i.key}>
            <dt>{i.label}</dt>
            <dd>{i.value}</dd>
            <dd class="figure-period">{i.period}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
