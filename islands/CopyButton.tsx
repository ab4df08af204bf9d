import { useEffect, useState } from "preact/hooks";

/**
 * A "Copy" button for the value of the input `target` (an element id). It appears once
 * hydrated (without JavaScript the read-only field can still be selected and copied) and says
 * "Copied" for a moment after a click.
 */
export default function CopyButton({ target, label }: { target: string; label: string }) {
  const [ready, setReady] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setReady(typeof navigator.clipboard?.writeText === "function"), []);
  if (!ready) return null;
  const copy = async () => {
    const input = document.getElementById(target) as HTMLInputElement | null;
    if (!input) return;
    try {
      await navigator.clipboard.writeText(input.value);
    } catch {
      input.select();
      return;
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <button type="button" class="secondary copy-button" onClick={copy} aria-live="polite">
      {copied ? "Copied" : label}
    </button>
  );
}
