/** The closing call to action: try the agents, or talk to us. */
export function CtaBand(
  { title = "See an agent work on your own data", lead }: { title?: string; lead?: string },
) {
  return (
    <section class="section alt cta-band" aria-labelledby="cta-title">
      <div class="wrap">
        <h2 id="cta-title">{title}</h2>
        <p class="lead">
          {lead ??
            "Start free with all three agents, or book a 30-minute walkthrough with an engineer."}
        </p>
        <div class="actions">
          <a class="button" href="/signin">Start free</a>
          <a class="button secondary" href="/contact">Talk to us</a>
        </div>
      </div>
    </section>
  );
}
