/**
 * Words visitors use for what the docs call otherwise. Each key is a phrase the docs use; its
 * list holds the words a visitor may type instead. When a question holds one of them, the docs
 * search (and so the docs assistant) also looks for the docs' phrase. Keep every entry a true
 * equivalent in this product's vocabulary: a loose one makes answers worse.
 */
export const docsSynonyms: Record<string, string[]> = {
  "sign in": ["log in", "log into", "login", "logon", "log on", "signin", "sign into"],
  "sign out": ["log out", "logout", "log off"],
  "delete": ["wipe", "erase", "purge", "get rid of"],
  "reset": ["start over", "from scratch", "clean slate"],
  "postgresql": ["postgres", "psql"],
  "locally": ["laptop", "my machine", "my computer", "desktop"],
  "self-hosting": ["self-host", "host it myself", "on-premises", "on-prem", "own servers"],
  "quota": ["allowance", "usage cap"],
  "price": ["cost", "dollar"],
  "cancel": ["abort", "kill", "interrupt"],
  "idempotency-key": ["twice", "duplicate", "double", "exactly once"],
  "readiness": ["health check", "is ready", "ready"],
  "spam": ["junk", "abuse"],
  "magic link": ["without a password", "passwordless", "password-less"],
  "upload": ["attachment", "attach"],
  "rate limit": ["throttle", "throttling", "too many requests"],
  "api token": ["access token", "personal token", "bearer token"],
};
