import { useEffect, useRef, useState } from "preact/hooks";

interface Hit {
  title: string;
  section: string;
  url: string;
  snippet: string;
}

/**
 * The docs search box: a plain GET form to `/docs/search` (works without JavaScript); with
 * JavaScript, results from `/api/docs/search` appear as you type.
 */
export default function DocsSearch({ query = "" }: { query?: string }) {
  const [q, setQ] = useState(query);
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [failed, setFailed] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const term = q.trim();
    if (term.length < 2 || term === query) {
      setHits(null);
      return;
    }
    const mine = ++seq.current;
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/docs/search?q=${encodeURIComponent(term)}&limit=6`, {
          headers: { accept: "application/json" },
        });
        if (!res.ok) throw new Error(String(res.status));
        const body = await res.json() as { hits: Hit[] };
        if (mine === seq.current) {
          setHits(body.hits);
          setFailed(false);
        }
      } catch {
        if (mine === seq.current) setFailed(true);
      }
    }, 150);
    return () => clearTimeout(timer);
  }, [q]);

  return (
    <div class="search-live">
      <form class="docs-search" role="search" action="/docs/search" method="get">
        <label class="visually-hidden" for="docs-q">Search the docs</label>
        <input
          id="docs-q"
          type="search"
          name="q"
          value={q}
          placeholder="Search the docs"
          autocomplete="off"
          maxLength={200}
          onInput={(e) => setQ(e.currentTarget.value)}
        />
        <button type="submit">Search</button>
      </form>
      <p class="visually-hidden" role="status">
        {failed
          ? "Search is unavailable right now."
          : hits === null
          ? ""
          : `${hits.length} result${hits.length === 1 ? "" : "s"}.`}
      </p>
      {hits !== null && (
        <ul class="search-results" aria-label="Search results">
          {hits.length === 0 && <li>No matches. Try another word.</li>}
          {hits.map((h) => (
            <li key={h.url}>
              <a href={h.url}>{h.section === h.title ? h.title : `${h.title}: ${h.section}`}</a>
              <p>{h.snippet}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
