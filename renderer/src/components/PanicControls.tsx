// PANIC is the one control a streamer must find instantly on a live show: always in the header, no
// confirmation, and once pressed the whole page says so until Resume.
import { useState } from 'react';
import { useAppStore } from '../store';
import { mutate } from '../api/engine';

export function PanicButton() {
  const panic = useAppStore((s) => s.snapshot?.panic ?? false);
  const [busy, setBusy] = useState(false);
  const run = async (which: 'panic' | 'resume') => {
    setBusy(true);
    await mutate((api) => (which === 'panic' ? api.panic() : api.resume()));
    setBusy(false);
  };
  return panic ? (
    <button
      className="btn resume-button"
      data-testid="resume-button"
      disabled={busy}
      onClick={() => run('resume')}
    >
      ▶ Resume
    </button>
  ) : (
    <button
      className="btn panic-button"
      data-testid="panic-button"
      disabled={busy}
      title="Every variable to its default; chat control frozen until Resume"
      onClick={() => run('panic')}
    >
      PANIC
    </button>
  );
}

export function PanicBanner() {
  const panic = useAppStore((s) => s.snapshot?.panic ?? false);
  if (!panic) return null;
  return (
    <div className="banner banner-panic" data-testid="panic-banner" role="alert">
      <strong>PANIC</strong> Chat control is frozen and every variable is back at its default. Press Resume to
      hand control back to chat.
    </div>
  );
}
