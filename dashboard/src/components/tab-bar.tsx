import type { JSX } from 'preact';

/** Tabs as links: each view has its own URL, so a tab can be bookmarked and the back button works. */
export function TabBar<T extends string>({ tabs, active, testId }: { tabs: Array<{ id: T; label: string; href: string }>; active: T; testId?: string }): JSX.Element {
  return (
    <nav class="tab-bar" data-testid={testId}>
      {tabs.map((t) => (
        <a key={t.id} href={t.href} class={`tab-link ${t.id === active ? 'tab-link-active' : ''}`} aria-current={t.id === active ? 'page' : undefined} data-tab={t.id}>
          {t.label}
        </a>
      ))}
    </nav>
  );
}
