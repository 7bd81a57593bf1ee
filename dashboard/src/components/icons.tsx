/** The few line icons the dashboard uses (inline SVG: nothing to fetch). */
import type { JSX } from 'preact';

function Icon({ d, size = 18 }: { d: string; size?: number }): JSX.Element {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
      <path d={d} />
    </svg>
  );
}

export const OverviewIcon = () => <Icon d="M4 4h7v7H4zM13 4h7v4h-7zM13 10h7v10h-7zM4 13h7v7H4z" />;
export const JobsIcon = () => <Icon d="M5 6h14M5 12h14M5 18h9" />;
export const ServerIcon = () => <Icon d="M4 5h16v6H4zM4 13h16v6H4zM8 8h.01M8 16h.01" />;
export const MasterIcon = () => <Icon d="M12 3l8 4v6c0 4-3.5 7-8 8-4.5-1-8-4-8-8V7z" />;
export const UploadIcon = () => <Icon d="M12 16V4M7 9l5-5 5 5M5 20h14" />;
export const SavepointIcon = () => <Icon d="M6 4h9l3 3v13H6zM9 4v5h6V4M9 20v-6h6v6" size={16} />;
export const StopIcon = () => <Icon d="M7 7h10v10H7z" size={16} />;
export const CancelIcon = () => <Icon d="M6 6l12 12M18 6L6 18" size={16} />;
export const Logo = () => (
  <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
    <rect width="32" height="32" rx="8" fill="#14b8a6" fill-opacity=".14" />
    <path d="M7 11c3-2.5 6 2.5 9 0s6 2.5 9 0" fill="none" stroke="#2dd4bf" stroke-width="2.6" stroke-linecap="round" />
    <path d="M7 17c3-2.5 6 2.5 9 0s6 2.5 9 0" fill="none" stroke="#5eead4" stroke-width="2.6" stroke-linecap="round" opacity=".8" />
    <path d="M7 23c3-2.5 6 2.5 9 0s6 2.5 9 0" fill="none" stroke="#99f6e4" stroke-width="2.6" stroke-linecap="round" opacity=".6" />
  </svg>
);
export const KeyIcon = () => <Icon d="M14 10a4 4 0 1 0-3.2 3.9L13 16h2v2h2v2h3v-3l-6.1-6.1c.1-.3.1-.6.1-.9zM7.5 10h.01" size={16} />;
