import type { ComponentChildren, JSX } from 'preact';

export function Card({ title, actions, children, class: cls = '', testId }: { title?: ComponentChildren; actions?: ComponentChildren; children: ComponentChildren; class?: string; testId?: string }): JSX.Element {
  return (
    <section class={`card ${cls}`} data-testid={testId}>
      {(title || actions) && (
        <header class="card-header">
          <h2>{title}</h2>
          {actions && <div class="card-actions">{actions}</div>}
        </header>
      )}
      <div class="card-body">{children}</div>
    </section>
  );
}

export function StatCard({ label, value, hint, tone = '', testId }: { label: string; value: ComponentChildren; hint?: ComponentChildren; tone?: string; testId?: string }): JSX.Element {
  return (
    <div class={`stat ${tone}`} data-testid={testId}>
      <div class="stat-label">{label}</div>
      <div class="stat-value">{value}</div>
      {hint && <div class="stat-hint">{hint}</div>}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }): JSX.Element {
  return <div class="empty">{children}</div>;
}

export function ErrorBanner({ message }: { message: string }): JSX.Element {
  return (
    <div class="banner banner-error" role="alert">
      {message}
    </div>
  );
}
