/** A short page body: a heading, a message and one way forward (errors and confirmations). */
export function Notice(
  { title, message, action, reference }: {
    title: string;
    message: string;
    action?: { href: string; label: string };
    reference?: string;
  },
) {
  return (
    <main class="section">
      <div class="wrap auth-narrow">
        <h1>{title}</h1>
        <p>{message}</p>
        {action && (
          <p>
            <a class="button" href={action.href}>{action.label}</a>
          </p>
        )}
        {reference && (
          <p class="muted">
            Reference: <code>{reference}</code>
          </p>
        )}
      </div>
    </main>
  );
}
