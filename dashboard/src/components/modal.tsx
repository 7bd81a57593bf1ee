import type { ComponentChildren, JSX } from 'preact';
import { createPortal } from 'preact/compat';
import { useEffect, useRef } from 'preact/hooks';

/**
 * A small dialog: Escape or a click outside closes it; focus starts inside. Rendered into
 * document.body, because an ancestor with a backdrop-filter (the sticky header) would make its
 * fixed backdrop cover that ancestor only.
 */
export function Modal({ title, onClose, children, testId }: { title: string; onClose(): void; children: ComponentChildren; testId?: string }): JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    box.current?.querySelector<HTMLElement>('input, button.btn-primary, button.btn-danger')?.focus();
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  return createPortal(
    <div class="modal-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="modal" role="dialog" aria-modal="true" aria-label={title} ref={box} data-testid={testId}>
        <h3>{title}</h3>
        {children}
      </div>
    </div>,
    document.body,
  );
}
